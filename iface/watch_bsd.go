//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package iface

import (
	"context"
	"net/netip"
	"os"
	"time"

	"golang.org/x/net/route"
	"golang.org/x/sys/unix"
)

// watch reads a routing socket (AF_ROUTE), which reports interface
// changes (RTM_IFINFO), arrivals and departures (RTM_IFANNOUNCE, not on
// macOS) and address changes (RTM_NEWADDR, RTM_DELADDR).
func watch(ctx context.Context, ch chan<- Event) error {
	fd, err := unix.Socket(unix.AF_ROUTE, unix.SOCK_RAW, unix.AF_UNSPEC)
	if err != nil {
		return os.NewSyscallError("socket", err)
	}
	unix.CloseOnExec(fd)
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return os.NewSyscallError("setnonblock", err)
	}
	f := os.NewFile(uintptr(fd), "route")
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
		buf := make([]byte, 64<<10)
		for {
			var n int
			var rerr error
			err := rc.Read(func(fd uintptr) bool {
				n, rerr = unix.Read(int(fd), buf)
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
			msgs, err := route.ParseRIB(route.RIBTypeRoute, buf[:n])
			if err != nil {
				continue
			}
			for _, m := range msgs {
				ev, ok := bsdEvent(m)
				if ok && !send(ctx, ch, ev) {
					return
				}
			}
		}
	}()
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

func bsdEvent(m route.Message) (Event, bool) {
	switch m := m.(type) {
	case *route.InterfaceMessage:
		return Event{Type: LinkUpdated, Link: Link{Interface: bsdInterface(m), RawFlags: uint32(m.Flags)}}, true
	case *route.InterfaceAnnounceMessage:
		ev := Event{Type: LinkUpdated, Link: Link{Interface: Interface{Index: m.Index, Name: m.Name}}}
		if m.What == 1 { // IFAN_DEPARTURE
			ev.Type = LinkRemoved
		}
		return ev, true
	case *route.InterfaceAddrMessage:
		if len(m.Addrs) <= unix.RTAX_IFA {
			return Event{}, false
		}
		ip := bsdIP(m.Addrs[unix.RTAX_IFA])
		mask := bsdMask(m.Addrs[unix.RTAX_NETMASK])
		if ip == nil {
			return Event{}, false
		}
		ones := 8 * len(ip.To4())
		if ip.To4() == nil {
			ones = 128
		}
		if mask != nil {
			ones, _ = mask.Size()
		}
		a := Address{Index: m.Index, Prefix: netip.PrefixFrom(netipAddr(ip), ones), PreferredLifetime: Forever, ValidLifetime: Forever}
		ev := Event{Type: AddrAdded, Address: a}
		if m.Type == unix.RTM_DELADDR {
			ev.Type = AddrRemoved
		}
		return ev, true
	}
	return Event{}, false
}
