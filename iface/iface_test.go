package iface_test

import (
	"net"
	"testing"

	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/assert"
)

func TestHostDifferential(t *testing.T) {
	compareAll(t, true)
}

func TestFlagsString(t *testing.T) {
	for f := iface.Flags(0); f < 1<<7; f++ {
		assert.Equal(t, net.Flags(f).String(), f.String(), "flags %#x", uint(f))
	}
	assert.Equal(t, net.Flags(1<<20|3).String(), (iface.Flags(1<<20 | 3)).String())
	assert.Equal(t, uint(net.FlagRunning), uint(iface.FlagRunning))
	assert.Equal(t, uint(net.FlagUp), uint(iface.FlagUp))
}
