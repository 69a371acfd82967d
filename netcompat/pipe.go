package netcompat

import "github.com/netkit-go/netkit/pipe"

// Pipe creates a synchronous, in-memory, full duplex network connection;
// both ends implement the Conn interface. Reads on one end are matched with
// writes on the other, copying data directly between the two; there is no
// internal buffering. See pipe.Pipe, and pipe.BufferedPipe and pipe.Listener
// for what netkit adds.
func Pipe() (Conn, Conn) { return pipe.Pipe() }
