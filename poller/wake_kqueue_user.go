//go:build darwin || dragonfly || freebsd

package poller

import "golang.org/x/sys/unix"

// wakeIdent is the identifier of the EVFILT_USER event Wake triggers.
const wakeIdent = 0

// wakeState is empty: an EVFILT_USER event needs no descriptor.
type wakeState struct{}

func (w *wakeState) init(p *sysPoller) error {
	return p.kevent(wakeIdent, unix.EVFILT_USER, unix.EV_ADD|unix.EV_CLEAR)
}

func (w *wakeState) wake(kq int) error {
	return keventChange(kq, wakeIdent, unix.EVFILT_USER, 0, unix.NOTE_TRIGGER)
}

func (w *wakeState) isWake(ev *unix.Kevent_t) bool {
	return ev.Filter == unix.EVFILT_USER
}

// drain has nothing to do: EV_CLEAR resets the user event.
func (w *wakeState) drain() {}

func (w *wakeState) close() error { return nil }
