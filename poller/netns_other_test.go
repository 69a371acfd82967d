//go:build unix && !linux

package poller_test

import (
	"testing"

	"github.com/netkit-go/netkit/poller"
	"golang.org/x/sys/unix"
)

var blackholeAddr = &unix.SockaddrInet4{Addr: [4]byte{198, 51, 100, 2}, Port: 9}

// blackholeNetns skips: the non-answering peer is built from Linux network
// namespaces.
func blackholeNetns(t *testing.T) func(family, sotype int) *poller.FD {
	t.Skip("needs Linux network namespaces for a non-answering peer")
	return nil
}
