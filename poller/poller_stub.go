//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package poller

import (
	"errors"
	"time"
)

// errInterrupted is never returned by the stub.
var errInterrupted = errors.New("interrupted system call")

// sysPoller is the stub for platforms without epoll or kqueue: New fails
// with an error wrapping errors.ErrUnsupported.
type sysPoller struct{}

func (p *sysPoller) init() error                       { return errUnsupported("Poller") }
func (p *sysPoller) add(int, Interest, Token) error    { return errUnsupported("Poller.Add") }
func (p *sysPoller) modify(int, Interest, Token) error { return errUnsupported("Poller.Modify") }
func (p *sysPoller) delete(int) error                  { return errUnsupported("Poller.Delete") }
func (p *sysPoller) wake() error                       { return errUnsupported("Poller.Wake") }
func (p *sysPoller) close() error                      { return errUnsupported("Poller.Close") }
func (p *sysPoller) wait([]Event, time.Duration) (int, error) {
	return 0, errUnsupported("Poller.Wait")
}
