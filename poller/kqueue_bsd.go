//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package poller

import (
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// errInterrupted is the error sysPoller.wait returns for EINTR.
var errInterrupted error = unix.EINTR

// sysPoller is the kqueue implementation of Poller. kqueue reports each
// filter (read, write) as its own event keyed by the descriptor; the tokens
// and interests of registrations live in regs, indexed by descriptor, so
// that no Go value is stored in the kernel's udata field.
type sysPoller struct {
	kq    int
	regMu sync.RWMutex
	regs  []registration
	buf   []unix.Kevent_t // kernel event buffer, owned by Wait
	ts    unix.Timespec
	waker wakeState
}

type registration struct {
	in    Interest // 0: not registered
	token Token
}

func (p *sysPoller) init() error {
	syscall.ForkLock.RLock()
	kq, err := unix.Kqueue()
	if err == nil {
		unix.CloseOnExec(kq)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return os.NewSyscallError("kqueue", err)
	}
	p.kq = kq
	if err := p.waker.init(p); err != nil {
		unix.Close(kq)
		return err
	}
	return nil
}

// kevent applies one change, retrying EINTR.
func (p *sysPoller) kevent(fd, filter, flags int) error {
	return keventChange(p.kq, fd, filter, flags, 0)
}

// keventChange applies one change to kq, retrying EINTR.
func keventChange(kq, fd, filter, flags int, fflags uint32) error {
	var ch [1]unix.Kevent_t
	unix.SetKevent(&ch[0], fd, filter, flags)
	ch[0].Fflags = fflags
	for {
		_, err := unix.Kevent(kq, ch[:], nil, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return os.NewSyscallError("kevent", err)
		}
		return nil
	}
}

func addFlags(in Interest) int {
	flags := unix.EV_ADD | unix.EV_ENABLE
	if in&EdgeTriggered != 0 {
		flags |= unix.EV_CLEAR
	}
	return flags
}

func (p *sysPoller) lookup(fd int) registration {
	if fd < len(p.regs) {
		return p.regs[fd]
	}
	return registration{}
}

func (p *sysPoller) store(fd int, r registration) {
	if fd >= len(p.regs) {
		n := 2 * len(p.regs)
		if n <= fd {
			n = fd + 1
		}
		regs := make([]registration, n)
		copy(regs, p.regs)
		p.regs = regs
	}
	p.regs[fd] = r
}

// apply moves fd's kernel filters from interest old to interest in.
func (p *sysPoller) apply(fd int, old, in Interest) error {
	for _, f := range [...]struct {
		bit    Interest
		filter int
	}{{Readable, unix.EVFILT_READ}, {Writable, unix.EVFILT_WRITE}} {
		var err error
		switch {
		case in&f.bit != 0 && old&f.bit != 0 && (in^old)&EdgeTriggered != 0:
			// Re-adding an existing knote does not change EV_CLEAR on
			// every kernel: replace it.
			if err = p.kevent(fd, f.filter, unix.EV_DELETE); err == nil {
				err = p.kevent(fd, f.filter, addFlags(in))
			}
		case in&f.bit != 0:
			err = p.kevent(fd, f.filter, addFlags(in))
		case old&f.bit != 0:
			err = p.kevent(fd, f.filter, unix.EV_DELETE)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *sysPoller) add(fd int, in Interest, t Token) error {
	p.regMu.Lock()
	defer p.regMu.Unlock()
	if p.lookup(fd).in != 0 {
		return os.NewSyscallError("kevent", unix.EEXIST)
	}
	if err := p.apply(fd, 0, in); err != nil {
		p.apply(fd, in, 0)
		return err
	}
	p.store(fd, registration{in: in, token: t})
	return nil
}

func (p *sysPoller) modify(fd int, in Interest, t Token) error {
	p.regMu.Lock()
	defer p.regMu.Unlock()
	old := p.lookup(fd)
	if old.in == 0 {
		return os.NewSyscallError("kevent", unix.ENOENT)
	}
	err := p.apply(fd, old.in, in)
	if err != nil {
		return err
	}
	p.store(fd, registration{in: in, token: t})
	return nil
}

func (p *sysPoller) delete(fd int) error {
	p.regMu.Lock()
	defer p.regMu.Unlock()
	old := p.lookup(fd)
	if old.in == 0 {
		return os.NewSyscallError("kevent", unix.ENOENT)
	}
	p.store(fd, registration{})
	return p.apply(fd, old.in, 0)
}

func (p *sysPoller) wait(events []Event, timeout time.Duration) (int, error) {
	if cap(p.buf) < len(events) {
		p.buf = make([]unix.Kevent_t, len(events))
	}
	buf := p.buf[:len(events)]
	var ts *unix.Timespec
	if timeout >= 0 {
		p.ts = unix.NsecToTimespec(int64(timeout))
		ts = &p.ts
	}
	n, err := unix.Kevent(p.kq, nil, buf, ts)
	if err != nil {
		if err == unix.EINTR {
			return 0, errInterrupted
		}
		return 0, os.NewSyscallError("kevent", err)
	}
	p.regMu.RLock()
	defer p.regMu.RUnlock()
	j := 0
	for i := range n {
		ev := &buf[i]
		if p.waker.isWake(ev) {
			p.waker.drain()
			continue
		}
		r := p.lookup(int(ev.Ident))
		if r.in == 0 {
			continue // deleted after the kernel queued the event
		}
		var f uint8
		switch {
		case ev.Flags&unix.EV_ERROR != 0:
			f = evError
		case ev.Filter == unix.EVFILT_READ:
			f = evReadable
			if ev.Flags&unix.EV_EOF != 0 {
				f |= evReadClosed
				if ev.Fflags != 0 {
					f |= evError
				}
			}
		case ev.Filter == unix.EVFILT_WRITE:
			f = evWritable
			if ev.Flags&unix.EV_EOF != 0 {
				f |= evWriteClosed
				if ev.Fflags != 0 {
					f |= evError
				}
			}
		}
		events[j] = Event{Token: r.token, flags: f}
		j++
	}
	return j, nil
}

func (p *sysPoller) wake() error { return p.waker.wake(p.kq) }

func (p *sysPoller) close() error {
	err := p.waker.close()
	if e := unix.Close(p.kq); e != nil && err == nil {
		err = os.NewSyscallError("close", e)
	}
	return err
}
