package poller

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// errInterrupted is the error sysPoller.wait returns for EINTR.
var errInterrupted error = unix.EINTR

// sysPoller is the epoll implementation of Poller.
type sysPoller struct {
	epfd   int
	wakefd int
	buf    []unix.EpollEvent // kernel event buffer, owned by Wait
}

func (p *sysPoller) init() error {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return os.NewSyscallError("epoll_create1", err)
	}
	p.epfd = epfd
	if err := p.initWake(); err != nil {
		unix.Close(epfd)
		return err
	}
	return nil
}

// epollEvents translates an Interest into epoll event bits. EPOLLRDHUP is
// always requested with Readable so that a half-close is reported;
// EPOLLHUP and EPOLLERR are always reported by the kernel.
func epollEvents(in Interest) uint32 {
	var ev uint32
	if in&Readable != 0 {
		ev |= unix.EPOLLIN | unix.EPOLLRDHUP
	}
	if in&Writable != 0 {
		ev |= unix.EPOLLOUT
	}
	if in&EdgeTriggered != 0 {
		ev |= unix.EPOLLET
	}
	return ev
}

// setToken stores t in the 64-bit data field of ev (which x/sys splits into
// Fd and Pad); tokenOf reads it back the same way on every architecture.
func setToken(ev *unix.EpollEvent, t Token) {
	ev.Fd = int32(uint32(t))
	ev.Pad = int32(uint32(t >> 32))
}

func tokenOf(ev *unix.EpollEvent) Token {
	return Token(uint32(ev.Fd)) | Token(uint32(ev.Pad))<<32
}

func (p *sysPoller) ctl(op, fd int, in Interest, t Token) error {
	ev := unix.EpollEvent{Events: epollEvents(in)}
	setToken(&ev, t)
	if err := unix.EpollCtl(p.epfd, op, fd, &ev); err != nil {
		return os.NewSyscallError("epoll_ctl", err)
	}
	return nil
}

func (p *sysPoller) add(fd int, in Interest, t Token) error {
	return p.ctl(unix.EPOLL_CTL_ADD, fd, in, t)
}

func (p *sysPoller) modify(fd int, in Interest, t Token) error {
	return p.ctl(unix.EPOLL_CTL_MOD, fd, in, t)
}

func (p *sysPoller) delete(fd int) error {
	// A non-nil event keeps kernels before 2.6.9 happy; it is ignored.
	var ev unix.EpollEvent
	if err := unix.EpollCtl(p.epfd, unix.EPOLL_CTL_DEL, fd, &ev); err != nil {
		return os.NewSyscallError("epoll_ctl", err)
	}
	return nil
}

// epollTimeout converts a Wait timeout to epoll_wait's milliseconds: negative
// blocks (-1), 0 polls, anything else rounds up so Wait never returns early.
func epollTimeout(d time.Duration) int {
	switch {
	case d < 0:
		return -1
	case d == 0:
		return 0
	}
	ms := (d + time.Millisecond - 1) / time.Millisecond
	if ms > 1<<31-1 {
		return 1<<31 - 1
	}
	return int(ms)
}

func (p *sysPoller) wait(events []Event, timeout time.Duration) (int, error) {
	if cap(p.buf) < len(events) {
		p.buf = make([]unix.EpollEvent, len(events))
	}
	buf := p.buf[:len(events)]
	n, err := unix.EpollWait(p.epfd, buf, epollTimeout(timeout))
	if err != nil {
		if err == unix.EINTR {
			return 0, errInterrupted
		}
		return 0, os.NewSyscallError("epoll_wait", err)
	}
	j := 0
	for i := range n {
		ev := &buf[i]
		t := tokenOf(ev)
		if t == reservedToken {
			p.drainWake()
			continue
		}
		var f uint8
		e := ev.Events
		if e&unix.EPOLLIN != 0 {
			f |= evReadable
		}
		if e&unix.EPOLLOUT != 0 {
			f |= evWritable
		}
		if e&unix.EPOLLRDHUP != 0 {
			f |= evReadClosed
		}
		if e&unix.EPOLLHUP != 0 {
			f |= evReadClosed | evWriteClosed
		}
		if e&unix.EPOLLERR != 0 {
			f |= evError | evWriteClosed
		}
		events[j] = Event{Token: t, flags: f}
		j++
	}
	return j, nil
}

func (p *sysPoller) close() error {
	err := p.closeWake()
	if e := unix.Close(p.epfd); e != nil && err == nil {
		err = os.NewSyscallError("close", e)
	}
	return err
}
