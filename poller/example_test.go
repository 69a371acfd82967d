//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package poller_test

import (
	"fmt"
	"io"
	"time"

	"github.com/netkit-go/netkit/poller"
	"golang.org/x/sys/unix"
)

// A TCP server and client on loopback built directly on FD.
func ExampleFD() {
	ln, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	if err := ln.Bind(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		panic(err)
	}
	if err := ln.Listen(8); err != nil {
		panic(err)
	}
	addr, _ := ln.Sockname()

	go func() {
		c, _, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Write([]byte("hello from the server"))
	}()

	c, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err != nil {
		panic(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if err := c.Connect(addr); err != nil {
		panic(err)
	}
	msg, err := io.ReadAll(c) // Read returns io.EOF when the server closes
	fmt.Printf("%s %v\n", msg, err)
	// Output: hello from the server <nil>
}

// Close unblocks a pending Read, which returns ErrClosed.
func ExampleFD_Close() {
	fds, _ := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	a, _ := poller.NewFD(fds[0], unix.AF_UNIX, unix.SOCK_STREAM, "a")
	b, _ := poller.NewFD(fds[1], unix.AF_UNIX, unix.SOCK_STREAM, "b")
	defer b.Close()

	done := make(chan error)
	go func() {
		_, err := a.Read(make([]byte, 1))
		done <- err
	}()
	time.Sleep(10 * time.Millisecond)
	a.Close()
	err := <-done
	fmt.Println(err == poller.ErrClosed, err)
	// Output: true use of closed file descriptor
}

// An event loop step: register a descriptor, wait for readiness, handle it.
func ExamplePoller() {
	p, err := poller.New()
	if err != nil {
		panic(err) // errors.Is(err, errors.ErrUnsupported) on other platforms
	}
	defer p.Close()

	fds, _ := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	if err := p.Add(fds[0], poller.Readable, 42); err != nil {
		panic(err)
	}
	unix.Write(fds[1], []byte("ping"))

	events := make([]poller.Event, 16) // reused by every Wait
	n, err := p.Wait(events, time.Second)
	if err != nil {
		panic(err)
	}
	for _, ev := range events[:n] {
		buf := make([]byte, 16)
		m, _ := unix.Read(fds[0], buf)
		fmt.Println(ev.Token, ev.Readable(), string(buf[:m]))
	}
	// Output: 42 true ping
}

// Wake interrupts a Wait from another goroutine, for example to hand the
// event loop new work.
func ExamplePoller_Wake() {
	p, err := poller.New()
	if err != nil {
		panic(err)
	}
	defer p.Close()
	go func() {
		time.Sleep(10 * time.Millisecond)
		p.Wake()
	}()
	n, err := p.Wait(make([]poller.Event, 1), -1) // blocks until Wake
	fmt.Println(n, err)
	// Output: 0 <nil>
}
