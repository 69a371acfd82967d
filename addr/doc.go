// Package addr holds netkit's address types and parsers: IP, IPMask, IPNet,
// HardwareAddr, the host:port helpers, the socket address types (IPAddr,
// TCPAddr, UDPAddr, UnixAddr) and the error types shared by every netkit
// module (OpError, AddrError, ParseError, UnknownNetworkError,
// InvalidAddrError).
//
// addr imports no other netkit module and none of net, os, syscall, fmt or
// reflect, so it can be embedded alone in small binaries, WASM and TinyGo.
package addr
