package pipe

import (
	"sync"
	"time"
)

// deadline turns an absolute time into a channel that is closed once the
// time has passed. The channel is what blocked operations select on; setting
// a new time re-arms it (with a fresh channel when the old one already fired).
type deadline struct {
	mu    sync.Mutex
	gen   uint64 // bumped by every set; a timer fires only for its own generation
	timer *time.Timer
	ch    chan struct{}
}

func newDeadline() *deadline { return &deadline{ch: make(chan struct{})} }

// set arms the deadline for t: the zero time disarms it, a time in the past
// expires it at once.
func (d *deadline) set(t time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.gen++
	if d.timer != nil {
		// A timer that already started its callback is harmless: the
		// callback sees a stale generation and does nothing.
		d.timer.Stop()
		d.timer = nil
	}
	fired := isClosed(d.ch)
	if t.IsZero() {
		if fired {
			d.ch = make(chan struct{})
		}
		return
	}
	wait := time.Until(t)
	if wait <= 0 {
		if !fired {
			close(d.ch)
		}
		return
	}
	if fired {
		d.ch = make(chan struct{})
	}
	gen := d.gen
	d.timer = time.AfterFunc(wait, func() {
		d.mu.Lock()
		if d.gen == gen && !isClosed(d.ch) {
			close(d.ch)
		}
		d.mu.Unlock()
	})
}

// done returns the channel that is closed when the deadline passes.
func (d *deadline) done() <-chan struct{} {
	d.mu.Lock()
	ch := d.ch
	d.mu.Unlock()
	return ch
}

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
