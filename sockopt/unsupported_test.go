package sockopt

import (
	"errors"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noCallConn is a syscall.RawConn that fails the test if an option
// function reaches the system call for an unsupported option.
type noCallConn struct{ t *testing.T }

func (c noCallConn) Control(func(uintptr)) error {
	c.t.Error("Control called for an unsupported option")
	return nil
}
func (c noCallConn) Read(func(uintptr) bool) error  { return nil }
func (c noCallConn) Write(func(uintptr) bool) error { return nil }

// TestUnsupported empties this platform's table entry for each option in
// turn, as on a platform that lacks it, and checks every public function
// reports an error that wraps errors.ErrUnsupported and names the option
// and the platform, without making a system call.
func TestUnsupported(t *testing.T) {
	rc := noCallConn{t}
	var pi PacketInfo
	calls := map[optID][]func() error{
		optKeepAlive:              {func() error { return SetKeepAliveConfig(rc, KeepAliveConfig{}) }, func() error { _, err := GetKeepAliveConfig(rc); return err }, func() error { return SetKeepAlive(rc, true) }, func() error { _, err := KeepAlive(rc); return err }},
		optLinger:                 {func() error { return SetLinger(rc, 1) }, func() error { _, err := Linger(rc); return err }},
		optReadBuffer:             {func() error { return SetReadBuffer(rc, 1) }, func() error { _, err := ReadBuffer(rc); return err }},
		optWriteBuffer:            {func() error { return SetWriteBuffer(rc, 1) }, func() error { _, err := WriteBuffer(rc); return err }},
		optReuseAddr:              {func() error { return SetReuseAddr(rc, true) }, func() error { _, err := ReuseAddr(rc); return err }},
		optReusePort:              {func() error { return SetReusePort(rc, true) }, func() error { _, err := ReusePort(rc); return err }},
		optBroadcast:              {func() error { return SetBroadcast(rc, true) }, func() error { _, err := Broadcast(rc); return err }},
		optBindToDevice:           {func() error { return SetBindToDevice(rc, "lo") }, func() error { _, err := BindToDevice(rc); return err }},
		optPeerCred:               {func() error { _, err := PeerCred(rc); return err }},
		optNoDelay:                {func() error { return SetNoDelay(rc, true) }, func() error { _, err := NoDelay(rc); return err }},
		optKeepAliveIdle:          {func() error { return SetKeepAliveIdle(rc, time.Second) }, func() error { return SetKeepAlivePeriod(rc, time.Second) }, func() error { _, err := KeepAliveIdle(rc); return err }},
		optKeepAliveInterval:      {func() error { return SetKeepAliveInterval(rc, time.Second) }, func() error { _, err := KeepAliveInterval(rc); return err }},
		optKeepAliveCount:         {func() error { return SetKeepAliveCount(rc, 1) }, func() error { _, err := KeepAliveCount(rc); return err }},
		optUserTimeout:            {func() error { return SetUserTimeout(rc, time.Second) }, func() error { _, err := UserTimeout(rc); return err }},
		optFastOpen:               {func() error { return SetFastOpen(rc, 1) }, func() error { _, err := FastOpen(rc); return err }},
		optFastOpenConnect:        {func() error { return SetFastOpenConnect(rc, true) }, func() error { _, err := FastOpenConnect(rc); return err }},
		optNotSentLowat:           {func() error { return SetNotSentLowat(rc, 1) }, func() error { _, err := NotSentLowat(rc); return err }},
		optTCPInfo:                {func() error { _, err := GetTCPInfo(rc); return err }},
		optTOS:                    {func() error { return SetTOS(rc, 1) }, func() error { _, err := TOS(rc); return err }},
		optTTL:                    {func() error { return SetTTL(rc, 1) }, func() error { _, err := TTL(rc); return err }},
		optMulticastInterfaceIPv4: {func() error { return SetMulticastInterfaceIPv4(rc, 1, nil) }, func() error { _, err := MulticastInterfaceIPv4(rc); return err }},
		optMulticastTTL:           {func() error { return SetMulticastTTL(rc, 1) }, func() error { _, err := MulticastTTL(rc); return err }},
		optMulticastLoopbackIPv4:  {func() error { return SetMulticastLoopbackIPv4(rc, true) }, func() error { _, err := MulticastLoopbackIPv4(rc); return err }},
		optJoinGroupIPv4:          {func() error { return JoinGroupIPv4(rc, 1, nil, []byte{239, 1, 1, 1}) }},
		optLeaveGroupIPv4:         {func() error { return LeaveGroupIPv4(rc, 1, nil, []byte{239, 1, 1, 1}) }},
		optPacketInfoIPv4:         {func() error { return SetReceivePacketInfoIPv4(rc, true) }, func() error { _, err := ReceivePacketInfoIPv4(rc); return err }, func() error { _, err := pi.AppendIPv4(nil); return err }},
		optIPv6Only:               {func() error { return SetIPv6Only(rc, true) }, func() error { _, err := IPv6Only(rc); return err }},
		optTrafficClass:           {func() error { return SetTrafficClass(rc, 1) }, func() error { _, err := TrafficClass(rc); return err }},
		optHopLimit:               {func() error { return SetHopLimit(rc, 1) }, func() error { _, err := HopLimit(rc); return err }},
		optMulticastInterfaceIPv6: {func() error { return SetMulticastInterfaceIPv6(rc, 1) }, func() error { _, err := MulticastInterfaceIPv6(rc); return err }},
		optMulticastHopLimit:      {func() error { return SetMulticastHopLimit(rc, 1) }, func() error { _, err := MulticastHopLimit(rc); return err }},
		optMulticastLoopbackIPv6:  {func() error { return SetMulticastLoopbackIPv6(rc, true) }, func() error { _, err := MulticastLoopbackIPv6(rc); return err }},
		optJoinGroupIPv6:          {func() error { return JoinGroupIPv6(rc, 1, make([]byte, 16)) }},
		optLeaveGroupIPv6:         {func() error { return LeaveGroupIPv6(rc, 1, make([]byte, 16)) }},
		optPacketInfoIPv6:         {func() error { return SetReceivePacketInfoIPv6(rc, true) }, func() error { _, err := ReceivePacketInfoIPv6(rc); return err }, func() error { _, err := pi.AppendIPv6(nil); return err }},
	}
	for id := optID(0); id < numOpts; id++ {
		if id == optMulticastIfIndexIPv4 { // darwin's helper for IP_MULTICAST_IF, no function of its own
			continue
		}
		fns, ok := calls[id]
		require.True(t, ok, "no public function listed for %s", optNames[id])
		t.Run(optNames[id], func(t *testing.T) {
			saved := options[id]
			options[id] = option{}
			defer func() { options[id] = saved }()
			for i, f := range fns {
				err := f()
				require.Error(t, err, "call %d", i)
				assert.ErrorIs(t, err, errors.ErrUnsupported, "call %d", i)
				msg := err.Error()
				assert.True(t, strings.Contains(msg, optNames[id]) && strings.Contains(msg, runtime.GOOS+"/"+runtime.GOARCH),
					"call %d: %q should name %s and %s/%s", i, msg, optNames[id], runtime.GOOS, runtime.GOARCH)
			}
		})
	}
}

var _ syscall.RawConn = noCallConn{}
