package poller

import (
	"errors"
	"runtime"
)

// ErrClosed is returned by every FD and Poller method called after Close, and
// by a call that was blocked when Close ran. It is returned unwrapped so that
// callers can compare with ==; the conn layer maps it to net.ErrClosed.
//
// The Go runtime reports a closed *os.File to RawConn users as "use of closed
// file" (internal/poll.ErrFileClosing), an error that is neither os.ErrClosed
// nor net.ErrClosed; FD translates it, and os.ErrClosed, to ErrClosed.
var ErrClosed = errors.New("use of closed file descriptor")

// errUnsupported returns an error wrapping errors.ErrUnsupported that names
// the operation and the platform.
func errUnsupported(op string) error {
	return &unsupportedError{op: op}
}

type unsupportedError struct{ op string }

func (e *unsupportedError) Error() string {
	return "poller: " + e.op + " not supported on " + runtime.GOOS + "/" + runtime.GOARCH
}

func (e *unsupportedError) Unwrap() error { return errors.ErrUnsupported }
