//go:build netbsd || openbsd

package poller

import (
	"os"

	"golang.org/x/sys/unix"
)

// wakeState holds the self-pipe Wake writes to (these kernels lack
// EVFILT_USER).
type wakeState struct {
	r, w int
}

func (w *wakeState) init(p *sysPoller) error {
	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_NONBLOCK|unix.O_CLOEXEC); err != nil {
		return os.NewSyscallError("pipe2", err)
	}
	w.r, w.w = fds[0], fds[1]
	if err := p.kevent(w.r, unix.EVFILT_READ, unix.EV_ADD); err != nil {
		unix.Close(fds[0])
		unix.Close(fds[1])
		return err
	}
	return nil
}

// wake writes one byte; EAGAIN means the pipe is full, so a wake-up is
// pending anyway.
func (w *wakeState) wake(int) error {
	for {
		_, err := unix.Write(w.w, []byte{0})
		switch err {
		case nil, unix.EAGAIN:
			return nil
		case unix.EINTR:
			continue
		}
		return os.NewSyscallError("write", err)
	}
}

func (w *wakeState) isWake(ev *unix.Kevent_t) bool {
	return ev.Filter == unix.EVFILT_READ && int(ev.Ident) == w.r
}

func (w *wakeState) drain() {
	var buf [64]byte
	for {
		n, err := unix.Read(w.r, buf[:])
		if err == unix.EINTR {
			continue
		}
		if n <= 0 || err != nil {
			return
		}
	}
}

func (w *wakeState) close() error {
	err := unix.Close(w.r)
	if e := unix.Close(w.w); err == nil {
		err = e
	}
	if err != nil {
		return os.NewSyscallError("close", err)
	}
	return nil
}
