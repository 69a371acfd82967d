package poller_test

import (
	"runtime"
	"testing"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestFDInet4MsgNoAllocs checks the allocation-free ReadMsgInet4 and
// WriteMsgInet4, with a control message (IP_PKTINFO) on the read side.
func TestFDInet4MsgNoAllocs(t *testing.T) {
	if runtime.GOARCH == "386" {
		t.Skip("ReadMsgInet4 allocates through x/sys/unix on linux/386")
	}
	a, err := poller.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	require.NoError(t, err)
	defer a.Close()
	b, err := poller.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	require.NoError(t, err)
	defer b.Close()
	lo := &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	require.NoError(t, a.Bind(lo))
	require.NoError(t, b.Bind(lo))
	rc, err := b.SyscallConn()
	require.NoError(t, err)
	require.NoError(t, rc.Control(func(s uintptr) {
		require.NoError(t, unix.SetsockoptInt(int(s), unix.IPPROTO_IP, unix.IP_PKTINFO, 1))
	}))
	sa, err := b.Sockname()
	require.NoError(t, err)
	to := *sa.(*unix.SockaddrInet4)
	asa, err := a.Sockname()
	require.NoError(t, err)
	msg, buf, oob := []byte("ping"), make([]byte, 8), make([]byte, 128)
	var from unix.SockaddrInet4
	var n, oobn int
	allocs := testing.AllocsPerRun(500, func() {
		if _, _, err := a.WriteMsgInet4(msg, nil, &to); err != nil {
			t.Fatal(err)
		}
		if n, oobn, _, err = b.ReadMsgInet4(buf, oob, 0, &from); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
	assert.Equal(t, "ping", string(buf[:n]))
	assert.Equal(t, asa.(*unix.SockaddrInet4).Port, from.Port)
	assert.Equal(t, [4]byte{127, 0, 0, 1}, from.Addr)
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	assert.Equal(t, int32(unix.IP_PKTINFO), msgs[0].Header.Type)
}
