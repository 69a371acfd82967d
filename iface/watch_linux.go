package iface

import (
	"context"
	"net/netip"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// watchRcvBuf is the receive buffer Watch asks for (tests make it small).
var watchRcvBuf = 4 << 20

func watch(ctx context.Context, ch chan<- Event) error {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, unix.NETLINK_ROUTE)
	if err != nil {
		return os.NewSyscallError("socket", err)
	}
	if err := subscribe(fd); err != nil {
		unix.Close(fd)
		return err
	}
	// A large receive buffer absorbs bursts while the consumer is slow
	// (SO_RCVBUFFORCE passes the rmem_max limit when privileged).
	if unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, watchRcvBuf) != nil {
		_ = unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, watchRcvBuf)
	}
	f := os.NewFile(uintptr(fd), "netlink")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return err
	}
	stop := context.AfterFunc(ctx, func() { _ = f.SetReadDeadline(time.Unix(1, 0)) })
	go func() {
		defer close(ch)
		defer f.Close()
		defer stop()
		buf := make([]byte, recvBufSize)
		for {
			var n int
			var rerr error
			var from unix.Sockaddr
			err := rc.Read(func(fd uintptr) bool {
				n, from, rerr = unix.Recvfrom(int(fd), buf, 0)
				return rerr != unix.EAGAIN
			})
			if err == nil {
				err = rerr
			}
			if ctx.Err() != nil {
				return
			}
			if err == unix.ENOBUFS {
				if !send(ctx, ch, Event{Type: Overflow}) {
					return
				}
				continue
			}
			if err == unix.EINTR {
				continue
			}
			if err != nil {
				return
			}
			if nl, ok := from.(*unix.SockaddrNetlink); !ok || nl.Pid != 0 {
				continue // only the kernel speaks on these groups
			}
			if !deliver(ctx, ch, buf[:n]) {
				return
			}
		}
	}()
	return nil
}

// subscribe joins the link and address groups: by bind(2), or, where
// binding is refused (Android 11+ apps), by NETLINK_ADD_MEMBERSHIP on a
// socket the kernel bound on its first send.
func subscribe(fd int) error {
	groups := uint32(unix.RTMGRP_LINK | unix.RTMGRP_IPV4_IFADDR | unix.RTMGRP_IPV6_IFADDR)
	var err error
	if testDeny&denyBind != 0 {
		err = unix.EACCES
	} else {
		err = unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK, Groups: groups})
	}
	if err == nil {
		return nil
	}
	bindErr := os.NewSyscallError("bind", err)
	if !isDenied(err) {
		return bindErr
	}
	// Multicast is delivered to bound sockets only: a message to the
	// kernel binds this one (NLMSG_NOOP without NLM_F_ACK has no answer).
	noop := make([]byte, nlmsgHdrLen)
	ne.PutUint32(noop[0:4], nlmsgHdrLen)
	ne.PutUint16(noop[4:6], unix.NLMSG_NOOP)
	ne.PutUint16(noop[6:8], unix.NLM_F_REQUEST)
	if _, err := unix.Write(fd, noop); err != nil {
		return fallbackError("changes", bindErr, os.NewSyscallError("write", err))
	}
	for _, g := range [...]int{unix.RTNLGRP_LINK, unix.RTNLGRP_IPV4_IFADDR, unix.RTNLGRP_IPV6_IFADDR} {
		if testDeny&denySocket != 0 {
			err = unix.EACCES
		} else {
			err = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_ADD_MEMBERSHIP, g)
		}
		if err != nil {
			return fallbackError("changes", bindErr, os.NewSyscallError("setsockopt", err))
		}
	}
	return nil
}

func send(ctx context.Context, ch chan<- Event, ev Event) bool {
	select {
	case ch <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

// deliver decodes the messages of one datagram and sends their events.
func deliver(ctx context.Context, ch chan<- Event, b []byte) bool {
	for len(b) > 0 {
		h, body, rest, err := splitMessage(b)
		if err != nil {
			return true // a malformed datagram is dropped whole
		}
		b = rest
		ev, ok := decodeEvent(h.Type, body)
		if ok && !send(ctx, ch, ev) {
			return false
		}
	}
	return true
}

func decodeEvent(typ uint16, body []byte) (Event, bool) {
	switch typ {
	case unix.RTM_NEWLINK, unix.RTM_DELLINK:
		var m linkMsg
		if parseLink(body, &m) != nil {
			return Event{}, false
		}
		ev := Event{Type: LinkUpdated, Link: linkFromMsg(&m)}
		if typ == unix.RTM_DELLINK {
			ev.Type = LinkRemoved
		}
		return ev, true
	case unix.RTM_NEWADDR, unix.RTM_DELADDR:
		var m addrMsg
		if parseAddr(body, &m) != nil {
			return Event{}, false
		}
		a, ok := addressFromMsg(&m)
		if !ok {
			return Event{}, false
		}
		ev := Event{Type: AddrAdded, Address: a}
		if typ == unix.RTM_DELADDR {
			ev.Type = AddrRemoved
		}
		return ev, true
	}
	return Event{}, false
}

func linkFromMsg(m *linkMsg) Link {
	l := Link{
		Interface: Interface{
			Index: int(m.index),
			MTU:   int(m.mtu),
			Name:  string(m.name),
			Flags: linkFlags(m.rawFlags),
		},
		OperState:   OperState(m.operState),
		Alias:       string(m.alias),
		Kind:        internKind(m.kind),
		Type:        int(m.arphrd),
		MasterIndex: int(m.master),
		TxQueueLen:  int(m.txqlen),
		RawFlags:    m.rawFlags,
	}
	if hw := m.hardwareAddr(); hw != nil {
		l.HardwareAddr = append([]byte(nil), hw...)
	}
	if m.parent != m.index {
		l.ParentIndex = int(m.parent)
	}
	return l
}

func addressFromMsg(m *addrMsg) (Address, bool) {
	ip, ok := m.ip()
	if !ok {
		return Address{}, false
	}
	n := 16
	if m.family == unix.AF_INET {
		n = 4
	}
	a := Address{
		Index:             int(m.index),
		Prefix:            netip.PrefixFrom(ipFromBytes(ip[:n]), int(m.prefixLen)),
		Label:             string(m.label),
		Scope:             Scope(m.scope),
		Flags:             AddrFlags(m.flags),
		PreferredLifetime: Forever,
		ValidLifetime:     Forever,
	}
	if m.local != nil && len(m.address) >= n && string(m.address[:n]) != string(m.local[:n]) {
		a.Peer = ipFromBytes(m.address[:n])
	}
	if n == 4 && len(m.broadcast) >= 4 {
		a.Broadcast = ipFromBytes(m.broadcast[:4])
	}
	if m.hasCache {
		a.PreferredLifetime = lifetime(m.preferred)
		a.ValidLifetime = lifetime(m.valid)
	}
	return a, true
}

func ipFromBytes(b []byte) netip.Addr {
	a, _ := netip.AddrFromSlice(b)
	return a
}
