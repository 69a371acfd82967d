package pipe

import (
	"sync"
	"sync/atomic"
	"time"
)

// deadline turns an absolute time into a channel that is closed once the
// time has passed, and leaves a token in wake at that moment so that an
// operation blocked on wake re-checks its state. Setting a new time re-arms
// it, with a fresh channel when the old one already fired.
type deadline struct {
	mu    sync.Mutex // serialises set and the timer callback
	gen   uint64     // bumped by every set; a timer acts only for its own generation
	timer *time.Timer
	ch    atomic.Pointer[chan struct{}]
	wake  chan struct{}
}

func newDeadline(wake chan struct{}) *deadline {
	d := &deadline{wake: wake}
	ch := make(chan struct{})
	d.ch.Store(&ch)
	return d
}

// set arms the deadline for t: the zero time disarms it, a time in the past
// expires it at once.
func (d *deadline) set(t time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.gen++
	if d.timer != nil {
		// A callback that already started sees a stale generation and
		// does nothing.
		d.timer.Stop()
		d.timer = nil
	}
	fired := isClosed(*d.ch.Load())
	if t.IsZero() {
		if fired {
			d.renew()
		}
		return
	}
	wait := time.Until(t)
	if wait <= 0 {
		if !fired {
			d.fire()
		}
		return
	}
	if fired {
		d.renew()
	}
	gen := d.gen
	d.timer = time.AfterFunc(wait, func() {
		d.mu.Lock()
		if d.gen == gen && !isClosed(*d.ch.Load()) {
			d.fire()
		}
		d.mu.Unlock()
	})
}

func (d *deadline) renew() {
	ch := make(chan struct{})
	d.ch.Store(&ch)
}

func (d *deadline) fire() {
	close(*d.ch.Load())
	notify(d.wake)
}

// done returns the channel that is closed when the deadline passes.
func (d *deadline) done() <-chan struct{} { return *d.ch.Load() }

// expired reports whether the deadline has passed.
func (d *deadline) expired() bool { return isClosed(*d.ch.Load()) }

// stop releases the timer; used when the conn closes.
func (d *deadline) stop() {
	d.mu.Lock()
	d.gen++
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	d.mu.Unlock()
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// notify leaves a wake-up token in a one-slot channel without blocking; a
// token already there is enough, since waiters re-check the state they wait for.
func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
