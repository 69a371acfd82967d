package conn_test

import (
	"encoding/binary"
	"errors"
	"net"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/sockopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// pkEcho builds an ICMP (typ 8) or ICMPv6 (typ 128) echo request. The IPv4
// checksum is filled in; for ICMPv6 the kernel computes it on raw sockets.
func pkEcho(typ byte, id, seq uint16, payload string) []byte {
	b := make([]byte, 8+len(payload))
	b[0] = typ
	binary.BigEndian.PutUint16(b[4:], id)
	binary.BigEndian.PutUint16(b[6:], seq)
	copy(b[8:], payload)
	if typ == 8 {
		binary.BigEndian.PutUint16(b[2:], pkChecksum(b))
	}
	return b
}

func pkChecksum(b []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}

// pkWaitReply reads with read until it sees an echo reply of type want with
// the given id, skipping the kernel's copy of our own request and any other
// ICMP traffic, and returns the message (which must begin with the ICMP
// header: netkit never returns the IPv4 header).
func pkWaitReply(t testing.TB, want byte, id uint16, read func([]byte) (int, error)) []byte {
	t.Helper()
	buf := make([]byte, 1500)
	// A raw ICMP socket sees all ICMP traffic of the namespace (other
	// processes' too): skip what is not ours, bounded by the deadline.
	for i := 0; i < 10000; i++ {
		n, err := read(buf)
		require.NoError(t, err)
		m := buf[:n]
		if n >= 8 && m[0] == want && binary.BigEndian.Uint16(m[4:]) == id {
			return append([]byte(nil), m...)
		}
		if n > 0 {
			require.NotEqual(t, byte(0x45), m[0], "read returned an IPv4 header: % x", m)
		}
	}
	t.Fatalf("no echo reply type %d id %d among 10000 messages", want, id)
	return nil
}

// TestIPConnICMPEcho sends an echo request over raw IP to 127.0.0.1 and ::1
// and reads the kernel's reply with every read method. For "ip4" each one
// returns the ICMP message without the IPv4 header (netkit's contract; the
// stdlib strips it only in ReadFrom/ReadFromIP).
func TestIPConnICMPEcho(t *testing.T) {
	pkNeedRoot(t, "raw IP sockets (ip4:icmp, ip6:ipv6-icmp)")
	for _, tt := range []struct {
		network  string
		ip       addr.IP
		req, rep byte
	}{
		{"ip4:icmp", addr.IPv4(127, 0, 0, 1), 8, 0},
		{"ip4:1", addr.IPv4(127, 0, 0, 1), 8, 0},
		{"ip6:ipv6-icmp", addr.IPv6loopback, 128, 129},
		{"ip6:58", addr.IPv6loopback, 128, 129},
	} {
		t.Run(tt.network, func(t *testing.T) {
			c, err := conn.ListenIP(tt.network, &addr.IPAddr{IP: tt.ip})
			require.NoError(t, err)
			defer c.Close()
			require.NoError(t, c.SetDeadline(time.Now().Add(5*time.Second)))
			la, ok := c.LocalAddr().(*addr.IPAddr)
			require.True(t, ok, "LocalAddr is %T", c.LocalAddr())
			assert.True(t, la.IP.Equal(tt.ip))
			assert.Equal(t, "ip", la.Network())
			dst := &addr.IPAddr{IP: tt.ip}
			id := uint16(os.Getpid())

			reads := []struct {
				name string
				fn   func([]byte) (int, error)
			}{
				{"ReadFromIP", func(b []byte) (int, error) {
					n, from, err := c.ReadFromIP(b)
					if err == nil && !from.IP.Equal(tt.ip) {
						t.Errorf("ReadFromIP from %v, want %v", from, tt.ip)
					}
					return n, err
				}},
				{"ReadFrom", func(b []byte) (int, error) {
					n, from, err := c.ReadFrom(b)
					if err == nil && from.String() != tt.ip.String() {
						t.Errorf("ReadFrom from %v, want %v", from, tt.ip)
					}
					return n, err
				}},
				{"ReadMsgIP", func(b []byte) (int, error) {
					n, _, _, from, err := c.ReadMsgIP(b, make([]byte, 64))
					if err == nil && !from.IP.Equal(tt.ip) {
						t.Errorf("ReadMsgIP from %v, want %v", from, tt.ip)
					}
					return n, err
				}},
				{"Read", c.Read},
			}
			for i, r := range reads {
				req := pkEcho(tt.req, id, uint16(i), "netkit "+r.name)
				var n int
				if i%2 == 0 {
					n, err = c.WriteToIP(req, dst)
				} else {
					n, _, err = c.WriteMsgIP(req, nil, dst)
				}
				require.NoError(t, err)
				assert.Equal(t, len(req), n)
				rep := pkWaitReply(t, tt.rep, id, r.fn)
				assert.Equal(t, uint16(i), binary.BigEndian.Uint16(rep[6:]), r.name)
				assert.Equal(t, "netkit "+r.name, string(rep[8:]), r.name)
				if tt.rep == 0 {
					assert.Zero(t, pkChecksum(rep), "%s: bad ICMP checksum: % x", r.name, rep)
				}
			}
		})
	}
}

// TestIPConnDialICMP uses a connected raw socket (DialIP) for the echo.
func TestIPConnDialICMP(t *testing.T) {
	pkNeedRoot(t, "raw IP sockets")
	for _, tt := range []struct {
		network  string
		ip       addr.IP
		req, rep byte
	}{
		{"ip4:icmp", addr.IPv4(127, 0, 0, 1), 8, 0},
		{"ip6:ipv6-icmp", addr.IPv6loopback, 128, 129},
	} {
		t.Run(tt.network, func(t *testing.T) {
			c, err := conn.DialIP(tt.network, nil, &addr.IPAddr{IP: tt.ip})
			require.NoError(t, err)
			defer c.Close()
			require.NoError(t, c.SetDeadline(time.Now().Add(5*time.Second)))
			assert.Equal(t, tt.ip.String(), c.RemoteAddr().String())
			id := uint16(os.Getpid()) ^ 0x5a5a
			_, err = c.Write(pkEcho(tt.req, id, 7, "dial"))
			require.NoError(t, err)
			rep := pkWaitReply(t, tt.rep, id, c.Read)
			assert.Equal(t, "dial", string(rep[8:]))

			_, err = c.WriteToIP([]byte{1}, &addr.IPAddr{IP: tt.ip})
			pkCheckOpError(t, err, "write")
			assert.True(t, errors.Is(err, conn.ErrWriteToConnected))
		})
	}
}

// TestIPConnErrorsMatchStd compares failing calls with the stdlib's.
func TestIPConnErrorsMatchStd(t *testing.T) {
	type call struct {
		name string
		nk   func() error
		std  func() error
		op   string
	}
	listen := func(network, ip string) call {
		return call{
			name: "ListenIP " + network + " " + ip,
			op:   "listen",
			nk: func() error {
				var a *addr.IPAddr
				if ip != "" {
					a = &addr.IPAddr{IP: addr.ParseIP(ip)}
				}
				c, err := conn.ListenIP(network, a)
				if c != nil {
					c.Close()
				}
				return err
			},
			std: func() error {
				var a *net.IPAddr
				if ip != "" {
					a = &net.IPAddr{IP: net.ParseIP(ip)}
				}
				c, err := net.ListenIP(network, a)
				if c != nil {
					c.Close()
				}
				return err
			},
		}
	}
	dial := func(network, ip string) call {
		return call{
			name: "DialIP " + network + " " + ip,
			op:   "dial",
			nk: func() error {
				var a *addr.IPAddr
				if ip != "" {
					a = &addr.IPAddr{IP: addr.ParseIP(ip)}
				}
				c, err := conn.DialIP(network, nil, a)
				if c != nil {
					c.Close()
				}
				return err
			},
			std: func() error {
				var a *net.IPAddr
				if ip != "" {
					a = &net.IPAddr{IP: net.ParseIP(ip)}
				}
				c, err := net.DialIP(network, nil, a)
				if c != nil {
					c.Close()
				}
				return err
			},
		}
	}
	calls := []call{
		listen("ip4:nosuchproto", ""),
		listen("ip4", ""),
		listen("ip9:icmp", ""),
		listen("udp", "127.0.0.1"),
		listen("ip4:icmp:1", ""),
		dial("ip4:icmp", ""),
		dial("ip4", "127.0.0.1"),
		dial("tcp", "127.0.0.1"),
	}
	if os.Geteuid() == 0 {
		calls = append(calls,
			listen("ip4:icmp", "::1"),
			listen("ip6:ipv6-icmp", "127.0.0.1"),
			listen("ip4:999", ""),
			listen("ip4:icmp", "192.0.2.77"), // bind fails: nothing is sent
		)
	} else {
		t.Log("not root: the cases that need a raw socket are left out")
	}
	for _, c := range calls {
		err, serr := c.nk(), c.std()
		pkSameText(t, c.name, err, serr)
		if err != nil {
			pkCheckOpError(t, err, c.op)
		}
	}
}

func TestIPConnResolveAndListenPacket(t *testing.T) {
	pkNeedRoot(t, "raw IP sockets")
	pc, err := conn.ListenPacket("ip4:icmp", "127.0.0.1")
	require.NoError(t, err)
	defer pc.Close()
	_, ok := pc.(*conn.IPConn)
	require.True(t, ok, "ListenPacket(ip4:icmp) returned %T", pc)
	c, err := conn.Dial("ip6:ipv6-icmp", "::1")
	require.NoError(t, err)
	defer c.Close()
	_, ok = c.(*conn.IPConn)
	require.True(t, ok, "Dial(ip6:ipv6-icmp) returned %T", c)
}

// TestIPConnIPv4FullBuffer: on Linux the IPv4 header does not take room in
// the caller's buffer, so an echo reply read into a buffer of exactly its
// size comes back complete, from every read method (the stdlib's ReadFrom
// returns it 20 bytes short, its ReadMsgIP returns the header instead).
func TestIPConnIPv4FullBuffer(t *testing.T) {
	pkNeedRoot(t, "raw IP sockets")
	if runtime.GOOS != "linux" || runtime.GOARCH == "386" || runtime.GOARCH == "s390x" {
		t.Skipf("on %s/%s the header is read into the caller's buffer (documented)", runtime.GOOS, runtime.GOARCH)
	}
	c, err := conn.ListenIP("ip4:icmp", &addr.IPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, c.SetDeadline(time.Now().Add(5*time.Second)))
	id := uint16(os.Getpid()) ^ 0x1234
	payload := "exactly sized buffer, no room for a header"
	size := 8 + len(payload)
	for i, read := range []func([]byte) (int, int, error){
		func(b []byte) (int, int, error) { n, _, err := c.ReadFrom(b); return n, 0, err },
		func(b []byte) (int, int, error) { n, _, err := c.ReadFromIP(b); return n, 0, err },
		func(b []byte) (int, int, error) {
			n, _, flags, _, err := c.ReadMsgIP(b, nil)
			return n, flags, err
		},
	} {
		_, err := c.WriteToIP(pkEcho(8, id, uint16(i), payload), &addr.IPAddr{IP: addr.IPv4(127, 0, 0, 1)})
		require.NoError(t, err)
		for tries := 0; ; tries++ {
			require.Less(t, tries, 10000, "no echo reply")
			b := make([]byte, size)
			n, flags, err := read(b)
			require.NoError(t, err)
			if b[0] != 0 || binary.BigEndian.Uint16(b[4:]) != id {
				continue // our own request, or someone else's traffic
			}
			assert.Equal(t, size, n, "read method %d", i)
			assert.Equal(t, payload, string(b[8:n]), "read method %d", i)
			assert.Zero(t, flags&unix.MSG_TRUNC, "read method %d: MSG_TRUNC", i)
			break
		}
	}
}

// TestIPConnReadMsgPacketInfo: control messages come through ReadMsgIP on
// raw sockets of both families (on Linux "ip4" uses netkit's own recvmsg
// with the header in a separate buffer, so this checks its oob handling).
func TestIPConnReadMsgPacketInfo(t *testing.T) {
	pkNeedRoot(t, "raw IP sockets")
	lo, err := net.InterfaceByName("lo")
	if err != nil {
		t.Skipf("no loopback interface named lo here: %v", err)
	}
	for _, tt := range []struct {
		network  string
		ip       addr.IP
		req, rep byte
	}{
		{"ip4:icmp", addr.IPv4(127, 0, 0, 1), 8, 0},
		{"ip6:ipv6-icmp", addr.IPv6loopback, 128, 129},
	} {
		t.Run(tt.network, func(t *testing.T) {
			c, err := conn.ListenIP(tt.network, &addr.IPAddr{IP: tt.ip})
			require.NoError(t, err)
			defer c.Close()
			require.NoError(t, c.SetDeadline(time.Now().Add(5*time.Second)))
			rc, err := c.SyscallConn()
			require.NoError(t, err)
			if tt.req == 8 {
				require.NoError(t, sockopt.SetReceivePacketInfoIPv4(rc, true))
			} else {
				require.NoError(t, sockopt.SetReceivePacketInfoIPv6(rc, true))
			}
			id := uint16(os.Getpid()) ^ 0x0f0f
			_, err = c.WriteToIP(pkEcho(tt.req, id, 1, "pktinfo"), &addr.IPAddr{IP: tt.ip})
			require.NoError(t, err)
			oob := make([]byte, sockopt.PacketInfoSpace())
			var oobn int
			rep := pkWaitReply(t, tt.rep, id, func(b []byte) (int, error) {
				n, on, _, _, err := c.ReadMsgIP(b, oob)
				oobn = on
				return n, err
			})
			assert.Equal(t, "pktinfo", string(rep[8:]))
			info, ok, err := sockopt.ParsePacketInfo(oob[:oobn])
			require.NoError(t, err)
			require.True(t, ok, "no packet info in %d bytes of control data", oobn)
			assert.Equal(t, lo.Index, info.IfIndex)
			assert.True(t, info.Addr.Equal(tt.ip), "destination %v", info.Addr)
		})
	}
}
