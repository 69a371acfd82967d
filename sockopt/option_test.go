//go:build linux || darwin || freebsd

package sockopt_test

import (
	"errors"
	"math"
	"net"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// roundTrip returns a test that reads the option, requires that the value
// differs from want (so the test can fail), sets it to to and reads want
// back. want differs from to where the kernel transforms the value (Linux
// doubles buffer sizes).
func roundTrip[T any](get func(syscall.RawConn) (T, error), set func(syscall.RawConn, T) error, to, want T) func(*testing.T, syscall.RawConn) {
	return func(t *testing.T, rc syscall.RawConn) {
		before, err := get(rc)
		require.NoError(t, err, "initial get")
		require.NotEqual(t, want, before, "the initial value already equals the one to set: the round trip could not fail")
		require.NoError(t, set(rc, to), "set")
		after, err := get(rc)
		require.NoError(t, err, "get after set")
		assert.Equal(t, want, after)
	}
}

// kernelBuffer is what the kernel reports for a requested buffer size.
func kernelBuffer(n int) int {
	if runtime.GOOS == "linux" {
		return 2 * n
	}
	return n
}

type roundTripCase struct {
	name string
	on   []string // fixture names
	run  func(*testing.T, syscall.RawConn)
}

func roundTripCases() []roundTripCase {
	return []roundTripCase{
		// SOL_SOCKET
		{"KeepAlive/on", []string{"raw-tcp4", "raw-tcp6", "std-listener", "nk-tcp4", "nk-tcp6", "nk-listener"}, roundTrip(sockopt.KeepAlive, sockopt.SetKeepAlive, true, true)},
		{"KeepAlive/off", stdConn, roundTrip(sockopt.KeepAlive, sockopt.SetKeepAlive, false, false)}, // the stdlib enables it on dialed conns
		{"Linger/7", allTCP, roundTrip(sockopt.Linger, sockopt.SetLinger, 7, 7)},
		{"Linger/0", allTCP, roundTrip(sockopt.Linger, sockopt.SetLinger, 0, 0)},
		{"ReadBuffer", all, roundTrip(sockopt.ReadBuffer, sockopt.SetReadBuffer, 40000, kernelBuffer(40000))},
		{"WriteBuffer", all, roundTrip(sockopt.WriteBuffer, sockopt.SetWriteBuffer, 30000, kernelBuffer(30000))},
		{"ReuseAddr/on", []string{"raw-tcp4", "raw-udp6", "std-tcp4", "std-udp4", "nk-tcp4", "nk-udp6", "nk-listener"}, roundTrip(sockopt.ReuseAddr, sockopt.SetReuseAddr, true, true)},
		{"ReuseAddr/off", []string{"std-listener"}, roundTrip(sockopt.ReuseAddr, sockopt.SetReuseAddr, false, false)}, // the stdlib sets it on listeners
		{"ReusePort", all, roundTrip(sockopt.ReusePort, sockopt.SetReusePort, true, true)},
		{"Broadcast/on", []string{"raw-udp4", "raw-udp6", "nk-udp4", "nk-udp6"}, roundTrip(sockopt.Broadcast, sockopt.SetBroadcast, true, true)},
		{"Broadcast/off", []string{"std-udp4", "std-udp6"}, roundTrip(sockopt.Broadcast, sockopt.SetBroadcast, false, false)}, // the stdlib sets it on UDP
		// IPPROTO_TCP
		{"NoDelay/on", []string{"raw-tcp4", "raw-tcp6", "std-listener", "nk-tcp4", "nk-tcp6", "nk-listener"}, roundTrip(sockopt.NoDelay, sockopt.SetNoDelay, true, true)},
		{"NoDelay/off", stdConn, roundTrip(sockopt.NoDelay, sockopt.SetNoDelay, false, false)}, // the stdlib sets it on conns
		{"KeepAliveIdle", allTCP, roundTrip(sockopt.KeepAliveIdle, sockopt.SetKeepAliveIdle, 37*time.Second, 37*time.Second)},
		{"KeepAliveIdle/roundup", allTCP, roundTrip(sockopt.KeepAliveIdle, sockopt.SetKeepAliveIdle, 36*time.Second+time.Millisecond, 37*time.Second)},
		{"KeepAliveInterval", allTCP, roundTrip(sockopt.KeepAliveInterval, sockopt.SetKeepAliveInterval, 23*time.Second, 23*time.Second)},
		{"KeepAliveCount", allTCP, roundTrip(sockopt.KeepAliveCount, sockopt.SetKeepAliveCount, 4, 4)},
		{"KeepAlivePeriod", allTCP, roundTrip(sockopt.KeepAliveIdle, sockopt.SetKeepAlivePeriod, 1500*time.Millisecond, 2*time.Second)},
		{"UserTimeout", tcpConns, linuxOnly(roundTrip(sockopt.UserTimeout, sockopt.SetUserTimeout, 2500*time.Millisecond, 2500*time.Millisecond))},
		{"UserTimeout/roundup", tcpConns, linuxOnly(roundTrip(sockopt.UserTimeout, sockopt.SetUserTimeout, 1200*time.Microsecond, 2*time.Millisecond))},
		{"FastOpen", []string{"raw-tcp4", "raw-tcp6", "std-listener", "nk-listener"}, roundTrip(sockopt.FastOpen, sockopt.SetFastOpen, 5, fastOpenWant(5))},
		{"FastOpenConnect", []string{"raw-tcp4", "raw-tcp6"}, linuxOnly(roundTrip(sockopt.FastOpenConnect, sockopt.SetFastOpenConnect, true, true))},
		{"NotSentLowat", allTCP, roundTrip(sockopt.NotSentLowat, sockopt.SetNotSentLowat, 16384, 16384)},
		{"BindToDevice", all, asRoot("SO_BINDTODEVICE needs CAP_NET_RAW", linuxOnly(roundTrip(sockopt.BindToDevice, sockopt.SetBindToDevice, loopbackName(), loopbackName())))},
		// IPPROTO_IP
		{"TOS", allIPv4, roundTrip(sockopt.TOS, sockopt.SetTOS, 0x20, 0x20)},
		{"TTL", []string{"raw-tcp4", "raw-udp4", "std-tcp4", "std-udp4", "nk-tcp4", "nk-udp4", "nk-listener"}, roundTrip(sockopt.TTL, sockopt.SetTTL, 17, 17)},
		{"MulticastTTL", udp4, roundTrip(sockopt.MulticastTTL, sockopt.SetMulticastTTL, 5, 5)},
		{"MulticastLoopbackIPv4", udp4, roundTrip(sockopt.MulticastLoopbackIPv4, sockopt.SetMulticastLoopbackIPv4, false, false)},
		{"MulticastInterfaceIPv4", udp4, roundTrip(sockopt.MulticastInterfaceIPv4, setMulticastInterfaceIPv4ByAddr, addr.IP{127, 0, 0, 1}, addr.IP{127, 0, 0, 1})},
		{"ReceivePacketInfoIPv4", udp4, roundTrip(sockopt.ReceivePacketInfoIPv4, sockopt.SetReceivePacketInfoIPv4, true, true)},
		// IPPROTO_IPV6
		{"IPv6Only", []string{"raw-tcp6", "raw-udp6"}, roundTrip(sockopt.IPv6Only, sockopt.SetIPv6Only, true, true)},
		{"TrafficClass", allIPv6, roundTrip(sockopt.TrafficClass, sockopt.SetTrafficClass, 0x20, 0x20)},
		{"HopLimit", allIPv6, roundTrip(sockopt.HopLimit, sockopt.SetHopLimit, 17, 17)},
		{"MulticastHopLimit", udp6, roundTrip(sockopt.MulticastHopLimit, sockopt.SetMulticastHopLimit, 5, 5)},
		{"MulticastLoopbackIPv6", udp6, roundTrip(sockopt.MulticastLoopbackIPv6, sockopt.SetMulticastLoopbackIPv6, false, false)},
		{"MulticastInterfaceIPv6", udp6, roundTrip(sockopt.MulticastInterfaceIPv6, sockopt.SetMulticastInterfaceIPv6, loopbackIndex(), loopbackIndex())},
		{"ReceivePacketInfoIPv6", udp6, roundTrip(sockopt.ReceivePacketInfoIPv6, sockopt.SetReceivePacketInfoIPv6, true, true)},
	}
}

// fastOpenWant is what FastOpen reports after SetFastOpen(n).
func fastOpenWant(n int) int {
	if runtime.GOOS == "linux" {
		return n
	}
	return 1
}

// linuxOnly skips a round trip of a Linux-only option elsewhere.
func linuxOnly(f func(*testing.T, syscall.RawConn)) func(*testing.T, syscall.RawConn) {
	return func(t *testing.T, rc syscall.RawConn) {
		requireLinux(t)
		f(t, rc)
	}
}

// asRoot skips a round trip that needs privileges when not root.
func asRoot(why string, f func(*testing.T, syscall.RawConn)) func(*testing.T, syscall.RawConn) {
	return func(t *testing.T, rc syscall.RawConn) {
		requireRoot(t, why)
		f(t, rc)
	}
}

// loopbackName returns the loopback interface's name.
func loopbackName() string {
	ifi, err := net.InterfaceByIndex(loopbackIndex())
	if err != nil {
		return "lo"
	}
	return ifi.Name
}

// setMulticastInterfaceIPv4ByAddr chooses the loopback interface by index
// and address.
func setMulticastInterfaceIPv4ByAddr(rc syscall.RawConn, ip addr.IP) error {
	return sockopt.SetMulticastInterfaceIPv4(rc, loopbackIndex(), ip)
}

// loopbackIndex returns the loopback interface's index (the oracle is the
// stdlib, which tests may use).
func loopbackIndex() int {
	ifs, err := net.Interfaces()
	if err != nil {
		return 1
	}
	for _, ifi := range ifs {
		if ifi.Flags&net.FlagLoopback != 0 {
			return ifi.Index
		}
	}
	return 1
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range roundTripCases() {
		for _, fx := range tc.on {
			t.Run(tc.name+"/"+fx, func(t *testing.T) {
				open, ok := fixtures[fx]
				require.True(t, ok, "unknown fixture %q", fx)
				tc.run(t, open(t))
			})
		}
	}
}

// TestIPv6OnlyStd checks the getter on stdlib sockets: "tcp6" and "udp6"
// sockets are IPv6-only, and a bound socket refuses the change (EINVAL on
// Linux), reported as *os.SyscallError("setsockopt").
func TestIPv6OnlyStd(t *testing.T) {
	for _, fx := range []string{"std-tcp6", "std-udp6"} {
		t.Run(fx, func(t *testing.T) {
			rc := fixtures[fx](t)
			on, err := sockopt.IPv6Only(rc)
			require.NoError(t, err)
			assert.True(t, on)
			err = sockopt.SetIPv6Only(rc, false)
			requireSyscallError(t, err, "setsockopt", unix.EINVAL)
		})
	}
}

// TestLingerOff checks SetLinger(-1) after a positive timeout turns
// lingering off again.
func TestLingerOff(t *testing.T) {
	rc := fixtures["std-tcp4"](t)
	require.NoError(t, sockopt.SetLinger(rc, 5))
	sec, err := sockopt.Linger(rc)
	require.NoError(t, err)
	require.Equal(t, 5, sec)
	require.NoError(t, sockopt.SetLinger(rc, -1))
	sec, err = sockopt.Linger(rc)
	require.NoError(t, err)
	assert.Equal(t, -1, sec)
}

// TestKeepAlivePeriodMatchesStdlib sets the same period through the
// stdlib's (*net.TCPConn).SetKeepAlivePeriod on one connection and through
// sockopt on another, and compares what the kernel reports.
func TestKeepAlivePeriodMatchesStdlib(t *testing.T) {
	for _, d := range []time.Duration{0, time.Nanosecond, 1500 * time.Millisecond, 3 * time.Second, time.Hour, -1} {
		t.Run(d.String(), func(t *testing.T) {
			std, _ := tcpPair(t, "tcp4")
			ours, _ := tcpPair(t, "tcp4")
			for _, c := range []*net.TCPConn{std, ours} { // a known, non-default start
				rc := syscallConn(t, c)
				require.NoError(t, sockopt.SetKeepAliveIdle(rc, 111*time.Second))
				require.NoError(t, sockopt.SetKeepAliveInterval(rc, 77*time.Second))
			}
			require.NoError(t, std.SetKeepAlivePeriod(d))
			ourRC := syscallConn(t, ours)
			require.NoError(t, sockopt.SetKeepAlivePeriod(ourRC, d))
			stdRC := syscallConn(t, std)
			for _, g := range []struct {
				name string
				get  func(syscall.RawConn) (time.Duration, error)
			}{{"idle", sockopt.KeepAliveIdle}, {"interval", sockopt.KeepAliveInterval}} {
				want, err := g.get(stdRC)
				require.NoError(t, err)
				got, err := g.get(ourRC)
				require.NoError(t, err)
				assert.Equal(t, want, got, g.name)
			}
		})
	}
}

// TestSyscallErrors checks the error shapes: a kernel refusal is an
// *os.SyscallError named after the call around the errno; a closed conn
// reports the RawConn's own error.
func TestSyscallErrors(t *testing.T) {
	udp := fixtures["std-udp4"](t)
	_, err := sockopt.NoDelay(udp)
	requireSyscallError(t, err, "getsockopt", unix.ENOPROTOOPT, unix.EOPNOTSUPP) // Linux 6.x says EOPNOTSUPP

	tcp := fixtures["raw-tcp4"](t)
	err = sockopt.SetTTL(tcp, 300)
	requireSyscallError(t, err, "setsockopt", unix.EINVAL)

	err = sockopt.SetKeepAliveIdle(tcp, -time.Second)
	requireSyscallError(t, err, "setsockopt", unix.EINVAL)

	err = sockopt.SetKeepAliveIdle(tcp, time.Duration(math.MaxInt64)) // no overflow to a negative count
	requireSyscallError(t, err, "setsockopt", unix.EINVAL)
	err = sockopt.SetUserTimeout(tcp, time.Duration(math.MaxInt64)) // clamped to MaxInt32 ms: the kernel takes it
	if runtime.GOOS == "linux" {
		require.NoError(t, err)
		d, err := sockopt.UserTimeout(tcp)
		require.NoError(t, err)
		assert.Equal(t, time.Duration(math.MaxInt32)*time.Millisecond, d)
	}

	err = sockopt.JoinGroupIPv4(udp, 0, nil, addr.IP{0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	requireSyscallError(t, err, "setsockopt", unix.EINVAL)

	c, err := net.ListenPacket("udp4", "127.0.0.1:0")
	require.NoError(t, err)
	rc := syscallConn(t, c.(*net.UDPConn))
	require.NoError(t, c.Close())
	err = sockopt.SetTTL(rc, 3)
	require.Error(t, err)
	var se *os.SyscallError
	assert.False(t, errors.As(err, &se), "a closed conn is not a syscall failure: %v", err)
	_, err = sockopt.TTL(rc)
	require.Error(t, err)
}

// requireSyscallError checks err is an *os.SyscallError for call around
// one of errnos.
func requireSyscallError(t *testing.T, err error, call string, errnos ...syscall.Errno) {
	t.Helper()
	require.Error(t, err)
	var se *os.SyscallError
	require.True(t, errors.As(err, &se), "want *os.SyscallError, got %T: %v", err, err)
	assert.Equal(t, call, se.Syscall)
	for _, errno := range errnos {
		if errors.Is(err, errno) {
			return
		}
	}
	t.Errorf("%v: want one of errnos %v", err, errnos)
}
