package conn

import (
	"context"
	"errors"
	"net"

	"github.com/netkit-go/netkit/addr"
)

// Errors that appear inside an *addr.OpError, with the standard library's
// texts.
var (
	// errNoSuitableAddress: no resolved address matches the network or the
	// local address family.
	errNoSuitableAddress = errors.New("no suitable address found")

	// errMissingAddress: a dial without a remote address.
	errMissingAddress = errors.New("missing address")

	// errCanceled is what a dial returns when its context is canceled.
	errCanceled = canceledError{}

	// errTimeout is what a dial returns when its deadline passes.
	errTimeout error = &timeoutError{}
)

// ErrWriteToConnected is returned by WriteTo on a connected (dialed) packet
// connection, as the standard library's net.ErrWriteToConnected.
var ErrWriteToConnected = errors.New("use of WriteTo with pre-connected connection")

// canceledError keeps the historical "operation was canceled" text while
// matching context.Canceled with errors.Is.
type canceledError struct{}

func (canceledError) Error() string     { return "operation was canceled" }
func (canceledError) Is(err error) bool { return err == context.Canceled }
func (canceledError) Timeout() bool     { return false }
func (canceledError) Temporary() bool   { return false }

// timeoutError is the "i/o timeout" of an expired dial deadline; it matches
// context.DeadlineExceeded with errors.Is.
type timeoutError struct{}

func (e *timeoutError) Error() string     { return "i/o timeout" }
func (e *timeoutError) Timeout() bool     { return true }
func (e *timeoutError) Temporary() bool   { return true }
func (e *timeoutError) Is(err error) bool { return err == context.DeadlineExceeded }

// mapErr maps the context errors to the historical network error values.
func mapErr(err error) error {
	switch err {
	case context.Canceled:
		return errCanceled
	case context.DeadlineExceeded:
		return errTimeout
	}
	return err
}

// opError builds the *addr.OpError of an operation on a connection, mapping
// the poller's closed sentinel to net.ErrClosed. Source and Addr are left
// nil rather than holding a typed nil.
func opError(op, network string, source, address net.Addr, err error) error {
	return &addr.OpError{Op: op, Net: network, Source: opAddr(source), Addr: opAddr(address), Err: mapPollErr(err)}
}

// opAddr turns a possibly nil net.Addr holding a nil pointer into an
// untyped nil, so that a nil *TCPAddr never enters OpError.Source/Addr.
func opAddr(a net.Addr) net.Addr {
	switch a := a.(type) {
	case nil:
		return nil
	case *addr.TCPAddr:
		if a == nil {
			return nil
		}
	case *addr.UDPAddr:
		if a == nil {
			return nil
		}
	case *addr.IPAddr:
		if a == nil {
			return nil
		}
	case *addr.UnixAddr:
		if a == nil {
			return nil
		}
	}
	return a
}
