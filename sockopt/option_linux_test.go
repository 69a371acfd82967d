package sockopt_test

import (
	"testing"

	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestMPTCPListener documents a trap: since Go 1.24 the standard
// library's TCP listeners on Linux are MPTCP sockets where the kernel has
// MPTCP, and the MPTCP socket refuses some TCP and IP options that a plain
// TCP socket takes.
func TestMPTCPListener(t *testing.T) {
	requireLinux(t)
	rc := fixtures["std-listener"](t)
	var proto int
	require.NoError(t, rc.Control(func(fd uintptr) {
		proto, _ = unix.GetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_PROTOCOL)
	}))
	if proto != unix.IPPROTO_MPTCP {
		t.Skipf("the stdlib listener is not MPTCP here (protocol %d): kernel without MPTCP or GODEBUG=multipathtcp=0", proto)
	}
	_, err := sockopt.UserTimeout(rc)
	requireSyscallError(t, err, "getsockopt", unix.EOPNOTSUPP)
	_, err = sockopt.TTL(rc)
	requireSyscallError(t, err, "getsockopt", unix.EOPNOTSUPP)
	ok, err := sockopt.ReuseAddr(rc) // SOL_SOCKET options work
	require.NoError(t, err)
	assert.True(t, ok)
}
