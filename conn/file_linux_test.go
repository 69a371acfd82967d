package conn_test

import (
	"net"
	"os"
	"testing"

	"github.com/netkit-go/netkit/conn"
	"golang.org/x/sys/unix"
)

// TestFileNetlinkMatchesStd: a socket of a family that is neither IP nor
// Unix (netlink) is refused with the stdlib's error.
func TestFileNetlinkMatchesStd(t *testing.T) {
	s, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		t.Skipf("no netlink socket here: %v", err)
	}
	f := os.NewFile(uintptr(s), "netlink")
	defer f.Close()
	for _, tt := range []struct {
		name    string
		nk, std func() error
	}{
		{"FileConn", func() error { _, err := conn.FileConn(f); return err }, func() error { _, err := net.FileConn(f); return err }},
		{"FileListener", func() error { _, err := conn.FileListener(f); return err }, func() error { _, err := net.FileListener(f); return err }},
		{"FilePacketConn", func() error { _, err := conn.FilePacketConn(f); return err }, func() error { _, err := net.FilePacketConn(f); return err }},
	} {
		err, serr := tt.nk(), tt.std()
		pkSameText(t, tt.name+"(netlink)", err, serr)
		pkCheckOpError(t, err, "file")
	}
}
