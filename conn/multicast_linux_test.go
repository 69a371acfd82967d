package conn_test

import (
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMulticastUDPNetns sends multicast datagrams from namespace A to
// listeners in namespace B across the veth pair the test creates, over IPv4
// and IPv6, with and without an explicit interface. It also checks the
// loopback semantics the stdlib documents: the listener's own socket has
// IP_MULTICAST_LOOP off, so what it sends is not delivered back on this
// host, while a second listener on the same group and port (SO_REUSEADDR)
// receives every datagram from outside as well.
func TestMulticastUDPNetns(t *testing.T) {
	ns := pkMakeNetns(t)
	for _, tt := range []struct {
		network string
		group   string
		src     string
		withIf  bool
	}{
		{"udp4", "239.255.42.1", ns.A4, true},
		{"udp4", "239.255.42.2", ns.A4, false},
		{"udp6", "ff05::4242", ns.A6, true},
		{"udp6", "ff05::4243", ns.A6, false},
	} {
		t.Run(fmt.Sprintf("%s/%s/if=%v", tt.network, tt.group, tt.withIf), func(t *testing.T) {
			const port = 42420
			gaddr := &addr.UDPAddr{IP: addr.ParseIP(tt.group), Port: port}
			var l1, l2 *conn.UDPConn
			pkInNetns(t, ns.B, func() error {
				var ifi *iface.Interface
				if tt.withIf {
					var err error
					if ifi, err = iface.InterfaceByName(ns.IfB); err != nil {
						return err
					}
				}
				var err error
				if l1, err = conn.ListenMulticastUDP(tt.network, ifi, gaddr); err != nil {
					return err
				}
				l2, err = conn.ListenMulticastUDP(tt.network, ifi, gaddr)
				return err
			})
			defer l1.Close()
			defer l2.Close()
			la := l1.LocalAddr().(*addr.UDPAddr)
			assert.Equal(t, port, la.Port)
			assert.True(t, la.IP.IsUnspecified(), "multicast listener bound to %v, want the wildcard", la.IP)

			var s *conn.UDPConn
			pkInNetns(t, ns.A, func() (err error) {
				s, err = conn.DialUDP(tt.network, nil, gaddr)
				return err
			})
			defer s.Close()
			_, err := s.Write([]byte("hello group"))
			require.NoError(t, err)
			for i, l := range []*conn.UDPConn{l1, l2} {
				require.NoError(t, l.SetReadDeadline(time.Now().Add(5*time.Second)))
				buf := make([]byte, 32)
				n, from, err := l.ReadFromUDP(buf)
				require.NoError(t, err, "listener %d", i+1)
				assert.Equal(t, "hello group", string(buf[:n]))
				assert.Equal(t, tt.src, from.IP.String())
			}

			// l1 sends to the group: loopback is off on its socket, so l2
			// (same host, same group and port) must not see it.
			_, err = l1.WriteToUDP([]byte("from l1"), gaddr)
			require.NoError(t, err)
			require.NoError(t, l2.SetReadDeadline(time.Now().Add(300*time.Millisecond)))
			_, _, err = l2.ReadFromUDP(make([]byte, 32))
			assert.True(t, errors.Is(err, os.ErrDeadlineExceeded), "l2 got l1's datagram although IP_MULTICAST_LOOP is off: %v", err)
		})
	}
}

// TestMulticastUDPPortZeroAndTwoGroups: with port 0 a port is chosen, and
// network "udp" works with an IPv4 group; a second listener joins another
// group on the same port and receives that group's datagrams. (On Linux a
// socket bound to the wildcard address also gets datagrams of groups that
// other sockets of the host joined, IP_MULTICAST_ALL being on by default;
// the stdlib leaves it so and so does netkit, hence no exclusivity check.)
func TestMulticastUDPPortZeroAndTwoGroups(t *testing.T) {
	ns := pkMakeNetns(t)
	var l1, l2 *conn.UDPConn
	pkInNetns(t, ns.B, func() error {
		ifi, err := iface.InterfaceByName(ns.IfB)
		if err != nil {
			return err
		}
		if l1, err = conn.ListenMulticastUDP("udp", ifi, &addr.UDPAddr{IP: addr.ParseIP("239.255.43.1")}); err != nil {
			return err
		}
		port := l1.LocalAddr().(*addr.UDPAddr).Port
		if port == 0 {
			return fmt.Errorf("port 0 not replaced by a chosen port")
		}
		l2, err = conn.ListenMulticastUDP("udp4", ifi, &addr.UDPAddr{IP: addr.ParseIP("239.255.43.2"), Port: port})
		return err
	})
	defer l1.Close()
	defer l2.Close()
	port := l1.LocalAddr().(*addr.UDPAddr).Port
	var s *conn.UDPConn
	pkInNetns(t, ns.A, func() (err error) {
		s, err = conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.ParseIP(ns.A4)})
		return err
	})
	defer s.Close()
	groups := []string{"239.255.43.1", "239.255.43.2"}
	for _, g := range groups {
		_, err := s.WriteToUDP([]byte(g), &addr.UDPAddr{IP: addr.ParseIP(g), Port: port})
		require.NoError(t, err)
	}
	for i, l := range []*conn.UDPConn{l1, l2} {
		require.NoError(t, l.SetReadDeadline(time.Now().Add(5*time.Second)))
		var got []string
		for len(got) < 2 {
			buf := make([]byte, 32)
			n, from, err := l.ReadFromUDP(buf)
			require.NoError(t, err, "listener %d after %q", i+1, got)
			assert.Equal(t, ns.A4, from.IP.String())
			got = append(got, string(buf[:n]))
			if string(buf[:n]) == groups[i] {
				break
			}
		}
		assert.Contains(t, got, groups[i], "listener %d", i+1)
	}
}

// TestMulticastUDPLinkLocalGroup: a link-local group (ff02::/16) needs an
// interface on both sides; the listener joins on its veth end, the sender
// names its own end as the zone of the destination.
func TestMulticastUDPLinkLocalGroup(t *testing.T) {
	ns := pkMakeNetns(t)
	const port = 42421
	var l *conn.UDPConn
	pkInNetns(t, ns.B, func() error {
		ifi, err := iface.InterfaceByName(ns.IfB)
		if err != nil {
			return err
		}
		l, err = conn.ListenMulticastUDP("udp6", ifi, &addr.UDPAddr{IP: addr.ParseIP("ff02::4242"), Port: port})
		return err
	})
	defer l.Close()
	var s *conn.UDPConn
	pkInNetns(t, ns.A, func() (err error) {
		if s, err = conn.ListenUDP("udp6", &addr.UDPAddr{IP: addr.ParseIP(ns.A6)}); err != nil {
			return err
		}
		_, err = s.WriteToUDP([]byte("link-local"), &addr.UDPAddr{IP: addr.ParseIP("ff02::4242"), Port: port, Zone: ns.IfA})
		return err
	})
	defer s.Close()
	require.NoError(t, l.SetReadDeadline(time.Now().Add(5*time.Second)))
	buf := make([]byte, 16)
	n, from, err := l.ReadFromUDP(buf)
	require.NoError(t, err)
	assert.Equal(t, "link-local", string(buf[:n]))
	assert.Equal(t, ns.A6, from.IP.String())
}
