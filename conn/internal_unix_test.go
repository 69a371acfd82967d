//go:build unix

package conn

import "github.com/netkit-go/netkit/poller"

func errClosedForTest() error { return poller.ErrClosed }
