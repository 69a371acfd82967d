package netcompat

import (
	"net"

	"github.com/netkit-go/netkit/addr"
)

// Error represents a network error. It is the standard library's net.Error.
type Error = net.Error

// OpError is the error type usually returned by functions in this package.
// It describes the operation, network type, and address of an error. See
// addr.OpError.
type OpError = addr.OpError

// ParseError is the error type of literal network address parsers.
type ParseError = addr.ParseError

// AddrError describes an error with a network address.
type AddrError = addr.AddrError

// UnknownNetworkError is returned for an unknown network name.
type UnknownNetworkError = addr.UnknownNetworkError

// InvalidAddrError is returned for an address that cannot be used.
type InvalidAddrError = addr.InvalidAddrError

// ErrClosed is the error returned by an I/O call on a network connection
// that has already been closed, or that is closed by another goroutine
// before the I/O is completed. It is the standard library's net.ErrClosed,
// so errors.Is(err, net.ErrClosed) holds for netkit errors.
var ErrClosed = net.ErrClosed
