package sockopt

import (
	"errors"
	"os"
	"runtime"
	"syscall"
)

// Syscall names fed to os.NewSyscallError.
const (
	setsockoptName = "setsockopt"
	getsockoptName = "getsockopt"
)

// unsupportedError reports an option the running platform does not have.
// It wraps errors.ErrUnsupported and names the option and the platform.
type unsupportedError struct {
	opt string
}

// Error names the option and the platform.
func (e *unsupportedError) Error() string {
	return "sockopt: " + e.opt + " is not supported on " + runtime.GOOS + "/" + runtime.GOARCH
}

// Unwrap returns errors.ErrUnsupported.
func (e *unsupportedError) Unwrap() error { return errors.ErrUnsupported }

func errUnsupported(opt string) error { return &unsupportedError{opt: opt} }

// errInvalid is the error for an argument the kernel would reject anyway
// (a group that is not an IPv4 address, a negative count): the same
// *os.SyscallError shape as a kernel refusal, so callers test one thing.
func errInvalid(call string) error { return os.NewSyscallError(call, syscall.EINVAL) }
