package conn_test

import (
	"errors"
	"fmt"
	"net"
	"os"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
)

// pkNeedRoot skips t unless the test runs as root.
func pkNeedRoot(t testing.TB, what string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skipf("needs root for %s (run the tests as root, e.g. via make test)", what)
	}
}

// pkCheckOpError walks the wrapping chain of err and fails t unless it has
// the shape the stdlib gives for a failed op: one *addr.OpError at the top,
// with the given Op, a non-empty Net, no typed-nil Source/Addr, and inside it
// one of the known leaf errors (errno in *os.SyscallError, closed, deadline,
// address errors, the package's sentinels).
func pkCheckOpError(t testing.TB, err error, op string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: got nil error", op)
	}
	oe, ok := err.(*addr.OpError)
	if !ok {
		t.Fatalf("%s: error is %T, want *addr.OpError: %v", op, err, err)
	}
	if oe.Op != op {
		t.Errorf("Op = %q, want %q (%v)", oe.Op, op, err)
	}
	if oe.Net == "" {
		t.Errorf("Net is empty (%v)", err)
	}
	for name, a := range map[string]addr.Addr{"Source": oe.Source, "Addr": oe.Addr} {
		if a == nil {
			continue
		}
		if v := reflect.ValueOf(a); v.Kind() == reflect.Pointer && v.IsNil() {
			t.Errorf("%s is a typed nil %T (%v)", name, a, err)
		}
	}
	if err := pkCheckLeaf(oe.Err); err != nil {
		t.Errorf("%s: %v (full error: %v)", op, err, oe)
	}
}

func pkCheckLeaf(err error) error {
	switch e := err.(type) {
	case nil:
		return errors.New("OpError.Err is nil")
	case *addr.OpError:
		return fmt.Errorf("nested *OpError %v", e)
	case *os.SyscallError:
		if _, ok := e.Err.(syscall.Errno); !ok {
			return fmt.Errorf("*os.SyscallError wraps %T, want syscall.Errno", e.Err)
		}
		if e.Syscall == "" {
			return errors.New("*os.SyscallError without a syscall name")
		}
		return nil
	case syscall.Errno, *addr.AddrError, addr.UnknownNetworkError, addr.InvalidAddrError, *addr.ParseError:
		return nil
	}
	switch {
	case err == net.ErrClosed, err == conn.ErrWriteToConnected, err.Error() == "missing address":
		return nil
	case errors.Is(err, os.ErrDeadlineExceeded):
		if ne, ok := err.(interface{ Timeout() bool }); !ok || !ne.Timeout() {
			return fmt.Errorf("deadline error %T has no Timeout()==true", err)
		}
		return nil
	}
	return fmt.Errorf("unexpected leaf error %T: %v", err, err)
}

// pkSameText fails t unless netkit's and the stdlib's errors have the same
// text once each side's own addresses are replaced by placeholders.
func pkSameText(t testing.TB, what string, nk, std error, repl ...[2]string) {
	t.Helper()
	if nk == nil || std == nil {
		t.Errorf("%s: netkit error %v, stdlib error %v: want both non-nil", what, nk, std)
		return
	}
	a, b := nk.Error(), std.Error()
	for i := 0; i+1 < len(repl); i += 2 {
		if repl[i][0] != "" {
			a = strings.ReplaceAll(a, repl[i][0], repl[i][1])
		}
		if repl[i+1][0] != "" {
			b = strings.ReplaceAll(b, repl[i+1][0], repl[i+1][1])
		}
	}
	if a != b {
		t.Errorf("%s: error texts differ\nnetkit: %s\nstd:    %s", what, a, b)
	}
}
