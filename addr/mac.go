package addr

// A HardwareAddr represents a physical hardware address.
type HardwareAddr []byte
