//go:build netbsd || openbsd

package poller

import (
	"os"

	"golang.org/x/sys/unix"
)

// wakeState holds the self-pipe Wake writes to (these kernels lack
// EVFILT_USER).
type wakeState struct {
	wakeR, wakeW int
}

func (p *sysPoller) initWake() error {
	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_NONBLOCK|unix.O_CLOEXEC); err != nil {
		return os.NewSyscallError("pipe2", err)
	}
	p.wakeR, p.wakeW = fds[0], fds[1]
	if err := p.kevent(p.wakeR, unix.EVFILT_READ, unix.EV_ADD); err != nil {
		unix.Close(fds[0])
		unix.Close(fds[1])
		return err
	}
	return nil
}

// wake writes one byte; EAGAIN means the pipe is full, so a wake-up is
// pending anyway.
func (p *sysPoller) wake() error {
	for {
		_, err := unix.Write(p.wakeW, []byte{0})
		switch err {
		case nil, unix.EAGAIN:
			return nil
		case unix.EINTR:
			continue
		}
		return os.NewSyscallError("write", err)
	}
}

func (p *sysPoller) isWake(ev *unix.Kevent_t) bool {
	return ev.Filter == unix.EVFILT_READ && int(ev.Ident) == p.wakeR
}

func (p *sysPoller) drainWake() {
	var buf [64]byte
	for {
		n, err := unix.Read(p.wakeR, buf[:])
		if err == unix.EINTR {
			continue
		}
		if n <= 0 || err != nil {
			return
		}
	}
}

func (p *sysPoller) closeWake() error {
	err := unix.Close(p.wakeR)
	if e := unix.Close(p.wakeW); err == nil {
		err = e
	}
	if err != nil {
		return os.NewSyscallError("close", err)
	}
	return nil
}
