//go:build linux || darwin || freebsd

package sockopt_test

import (
	"errors"
	"net"
	"os"
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// rawFD is a syscall.RawConn over a plain descriptor from unix.Socket: the
// smallest possible non-stdlib conn, so the tests show sockopt works on any
// RawConn and not only on the standard library's.
type rawFD int

func (fd rawFD) Control(f func(uintptr)) error { f(uintptr(fd)); return nil }

func (fd rawFD) Read(f func(uintptr) bool) error {
	for !f(uintptr(fd)) {
	}
	return nil
}

func (fd rawFD) Write(f func(uintptr) bool) error {
	for !f(uintptr(fd)) {
	}
	return nil
}

// rawSocket returns a fixture that opens an unconnected socket of the given
// family and type with x/sys/unix.
func rawSocket(family, sotype int) func(t *testing.T) syscall.RawConn {
	return func(t *testing.T) syscall.RawConn {
		t.Helper()
		syscall.ForkLock.RLock()
		fd, err := unix.Socket(family, sotype, 0)
		if err == nil {
			unix.CloseOnExec(fd)
		}
		syscall.ForkLock.RUnlock()
		if family == unix.AF_INET6 && errors.Is(err, unix.EAFNOSUPPORT) {
			t.Skipf("IPv6 sockets not available here: %v", err)
		}
		require.NoError(t, err)
		t.Cleanup(func() { unix.Close(fd) })
		return rawFD(fd)
	}
}

// syscallConn returns c's RawConn.
func syscallConn(t testing.TB, c syscall.Conn) syscall.RawConn {
	t.Helper()
	rc, err := c.SyscallConn()
	require.NoError(t, err)
	return rc
}

// tcpPair returns a connected pair of stdlib TCP conns on loopback.
func tcpPair(t *testing.T, network string) (client, server *net.TCPConn) {
	t.Helper()
	host := "127.0.0.1"
	if network == "tcp6" {
		host = "[::1]"
	}
	ln, err := net.Listen(network, host+":0")
	if err != nil && network == "tcp6" {
		t.Skipf("IPv6 loopback not available: %v", err)
	}
	require.NoError(t, err)
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			close(accepted)
			return
		}
		accepted <- c
	}()
	c, err := net.Dial(network, ln.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	s, ok := <-accepted
	require.True(t, ok, "accept failed")
	t.Cleanup(func() { s.Close() })
	return c.(*net.TCPConn), s.(*net.TCPConn)
}

// stdTCP returns a fixture: the client side of a loopback TCP connection
// made by the standard library.
func stdTCP(network string) func(t *testing.T) syscall.RawConn {
	return func(t *testing.T) syscall.RawConn {
		c, _ := tcpPair(t, network)
		return syscallConn(t, c)
	}
}

// stdTCPListener returns a fixture: a standard library TCP listener.
func stdTCPListener(t *testing.T) syscall.RawConn {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	return syscallConn(t, ln.(*net.TCPListener))
}

// stdUDP returns a fixture: a standard library UDP socket on loopback.
func stdUDP(network string) func(t *testing.T) syscall.RawConn {
	return func(t *testing.T) syscall.RawConn {
		t.Helper()
		host := "127.0.0.1"
		if network == "udp6" {
			host = "[::1]"
		}
		c, err := net.ListenPacket(network, host+":0")
		if err != nil && network == "udp6" {
			t.Skipf("IPv6 loopback not available: %v", err)
		}
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		return syscallConn(t, c.(*net.UDPConn))
	}
}

var fixtures = map[string]func(t *testing.T) syscall.RawConn{
	"raw-tcp4":     rawSocket(unix.AF_INET, unix.SOCK_STREAM),
	"raw-tcp6":     rawSocket(unix.AF_INET6, unix.SOCK_STREAM),
	"raw-udp4":     rawSocket(unix.AF_INET, unix.SOCK_DGRAM),
	"raw-udp6":     rawSocket(unix.AF_INET6, unix.SOCK_DGRAM),
	"std-tcp4":     stdTCP("tcp4"),
	"std-tcp6":     stdTCP("tcp6"),
	"std-listener": stdTCPListener,
	"std-udp4":     stdUDP("udp4"),
	"std-udp6":     stdUDP("udp6"),
	"nk-tcp4":      pollerTCP(unix.AF_INET),
	"nk-tcp6":      pollerTCP(unix.AF_INET6),
	"nk-udp4":      pollerUDP(unix.AF_INET),
	"nk-udp6":      pollerUDP(unix.AF_INET6),
	"nk-listener":  pollerListener,
}

// Fixture groups. raw-* are unconnected x/sys/unix sockets, std-* the
// standard library's conns (with its defaults: NoDelay, KeepAlive,
// Broadcast, ReuseAddr on listeners, IPV6_V6ONLY on tcp6/udp6), nk-*
// netkit's poller.FD (connected TCP, bound UDP, a listener).
var (
	stdConn  = []string{"std-tcp4", "std-tcp6"}
	tcpConns = []string{"raw-tcp4", "raw-tcp6", "std-tcp4", "std-tcp6", "nk-tcp4", "nk-tcp6", "nk-listener"}
	allTCP   = append([]string{"std-listener"}, tcpConns...)
	allUDP   = []string{"raw-udp4", "raw-udp6", "std-udp4", "std-udp6", "nk-udp4", "nk-udp6"}
	allIPv4  = []string{"raw-tcp4", "raw-udp4", "std-tcp4", "std-listener", "std-udp4", "nk-tcp4", "nk-udp4", "nk-listener"}
	allIPv6  = []string{"raw-tcp6", "raw-udp6", "std-tcp6", "std-udp6", "nk-tcp6", "nk-udp6"}
	udp4     = []string{"raw-udp4", "std-udp4", "nk-udp4"}
	udp6     = []string{"raw-udp6", "std-udp6", "nk-udp6"}
	all      = append(append([]string{}, allTCP...), allUDP...)
)

// requireRoot skips a test that needs root, saying why.
func requireRoot(t testing.TB, why string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skipf("needs root (%s); running as uid %d", why, os.Geteuid())
	}
}

// requireLinux skips a test of a Linux-only option elsewhere.
func requireLinux(t testing.TB) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skipf("Linux-only option; running on %s", runtime.GOOS)
	}
}
