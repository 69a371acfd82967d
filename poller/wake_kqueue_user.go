//go:build darwin || dragonfly || freebsd

package poller

import (
	"os"

	"golang.org/x/sys/unix"
)

// wakeIdent is the identifier of the EVFILT_USER event Wake triggers.
const wakeIdent = 0

// wakeState is empty: an EVFILT_USER event needs no descriptor.
type wakeState struct{}

func (p *sysPoller) initWake() error {
	return p.kevent(wakeIdent, unix.EVFILT_USER, unix.EV_ADD|unix.EV_CLEAR)
}

func (p *sysPoller) wake() error {
	var ch [1]unix.Kevent_t
	unix.SetKevent(&ch[0], wakeIdent, unix.EVFILT_USER, 0)
	ch[0].Fflags = unix.NOTE_TRIGGER
	for {
		_, err := unix.Kevent(p.kq, ch[:], nil, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return os.NewSyscallError("kevent", err)
		}
		return nil
	}
}

func (p *sysPoller) isWake(ev *unix.Kevent_t) bool {
	return ev.Filter == unix.EVFILT_USER
}

// drainWake has nothing to do: EV_CLEAR resets the user event.
func (p *sysPoller) drainWake() {}

func (p *sysPoller) closeWake() error { return nil }
