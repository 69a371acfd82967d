package conn_test

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"golang.org/x/sys/unix"
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

// pkNetns is a pair of network namespaces joined by one veth link, made by
// the test itself and removed at cleanup.
type pkNetns struct {
	A, B     string // namespace names
	IfA, IfB string // veth ends
	A4, B4   string // IPv4 addresses (no prefix)
	A6, B6   string // IPv6 addresses (no prefix)
}

var pkNetnsSeq int

// pkMakeNetns creates two namespaces with a veth pair, addresses on both
// ends, multicast routes 224.0.0.0/4 and ff05::/16 through the veth, and
// returns them. It skips when not root or when ip(8) cannot do it.
func pkMakeNetns(t testing.TB) *pkNetns {
	t.Helper()
	pkNeedRoot(t, "network namespaces")
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("ip(8) not found: install iproute2 for the namespace tests")
	}
	pkNetnsSeq++
	tag := fmt.Sprintf("%d-%d", os.Getpid()%100000, pkNetnsSeq)
	n := &pkNetns{
		A: "nkpk-a-" + tag, B: "nkpk-b-" + tag,
		IfA: "nkpka" + fmt.Sprint(pkNetnsSeq), IfB: "nkpkb" + fmt.Sprint(pkNetnsSeq),
		A4: "198.51.100.1", B4: "198.51.100.2",
		A6: "2001:db8:100::1", B6: "2001:db8:100::2",
	}
	run := func(args ...string) error {
		out, err := exec.Command("ip", args...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	t.Cleanup(func() {
		_ = run("netns", "del", n.A)
		_ = run("netns", "del", n.B)
	})
	steps := [][]string{
		{"netns", "add", n.A},
		{"netns", "add", n.B},
		{"link", "add", n.IfA, "type", "veth", "peer", "name", n.IfB},
		{"link", "set", n.IfA, "netns", n.A},
		{"link", "set", n.IfB, "netns", n.B},
		{"-n", n.A, "link", "set", "lo", "up"},
		{"-n", n.B, "link", "set", "lo", "up"},
		{"-n", n.A, "addr", "add", n.A4 + "/24", "brd", "+", "dev", n.IfA},
		{"-n", n.B, "addr", "add", n.B4 + "/24", "brd", "+", "dev", n.IfB},
		{"-n", n.A, "addr", "add", n.A6 + "/64", "dev", n.IfA, "nodad"},
		{"-n", n.B, "addr", "add", n.B6 + "/64", "dev", n.IfB, "nodad"},
		{"-n", n.A, "link", "set", n.IfA, "up"},
		{"-n", n.B, "link", "set", n.IfB, "up"},
		{"-n", n.A, "route", "add", "224.0.0.0/4", "dev", n.IfA},
		{"-n", n.B, "route", "add", "224.0.0.0/4", "dev", n.IfB},
		{"-n", n.A, "-6", "route", "add", "multicast", "ff05::/16", "dev", n.IfA, "table", "local"},
		{"-n", n.B, "-6", "route", "add", "multicast", "ff05::/16", "dev", n.IfB, "table", "local"},
	}
	for _, s := range steps {
		if err := run(s...); err != nil {
			t.Skipf("cannot build the test namespaces here: %v", err)
		}
	}
	return n
}

// pkInNetns runs fn on a goroutine locked to an OS thread that has joined
// the named namespace. The thread is never unlocked, so it exits with the
// goroutine instead of returning to the scheduler in the wrong namespace.
// Sockets made by fn stay in the namespace and may be used anywhere.
func pkInNetns(t testing.TB, name string, fn func() error) {
	t.Helper()
	target, err := os.Open("/run/netns/" + name)
	if err != nil {
		t.Fatalf("open namespace %s: %v", name, err)
	}
	defer target.Close()
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			done <- fmt.Errorf("setns: %w", err)
			return
		}
		done <- fn()
	}()
	if err := <-done; err != nil {
		t.Fatalf("in netns %s: %v", name, err)
	}
}

// unsafePointer turns the address of a byte in a control-message buffer into
// an unsafe.Pointer for the x/sys/unix cmsg structs.
func unsafePointer(p *byte) unsafe.Pointer { return unsafe.Pointer(p) }

// pkSetPktInfo asks for IP_PKTINFO (IPv4) or IPV6_RECVPKTINFO control
// messages on rc.
func pkSetPktInfo(rc syscall.RawConn, v6 bool) error {
	level, name := unix.IPPROTO_IP, unix.IP_PKTINFO
	if v6 {
		level, name = unix.IPPROTO_IPV6, unix.IPV6_RECVPKTINFO
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = unix.SetsockoptInt(int(fd), level, name, 1) }); err != nil {
		return err
	}
	return serr
}
