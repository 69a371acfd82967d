package poller

import (
	"encoding/binary"
	"os"

	"golang.org/x/sys/unix"
)

// initWake creates the eventfd Wake writes to and registers it,
// level-triggered, under the reserved token.
func (p *sysPoller) initWake() error {
	fd, err := unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC)
	if err != nil {
		return os.NewSyscallError("eventfd", err)
	}
	p.wakefd = fd
	ev := unix.EpollEvent{Events: unix.EPOLLIN}
	setToken(&ev, reservedToken)
	if err := unix.EpollCtl(p.epfd, unix.EPOLL_CTL_ADD, fd, &ev); err != nil {
		unix.Close(fd)
		return os.NewSyscallError("epoll_ctl", err)
	}
	return nil
}

// wake adds 1 to the eventfd counter. EAGAIN means the counter is saturated,
// so a wake-up is pending anyway.
func (p *sysPoller) wake() error {
	var one [8]byte
	binary.NativeEndian.PutUint64(one[:], 1)
	for {
		_, err := unix.Write(p.wakefd, one[:])
		switch err {
		case nil, unix.EAGAIN:
			return nil
		case unix.EINTR:
			continue
		}
		return os.NewSyscallError("write", err)
	}
}

// drainWake resets the eventfd counter so that the level-triggered
// registration stops reporting.
func (p *sysPoller) drainWake() {
	var buf [8]byte
	for {
		_, err := unix.Read(p.wakefd, buf[:])
		if err != unix.EINTR {
			return
		}
	}
}

func (p *sysPoller) closeWake() error {
	if err := unix.Close(p.wakefd); err != nil {
		return os.NewSyscallError("close", err)
	}
	return nil
}
