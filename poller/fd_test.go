//go:build unix

package poller_test

import (
	"context"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/netkit-go/netkit/poller"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

func TestFDReadWriteEOF(t *testing.T) {
	c, s := tcpPair(t)
	n, err := c.Write([]byte("hello"))
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	buf := make([]byte, 16)
	n, err = io.ReadFull(s, buf[:5])
	require.NoError(t, err)
	assert.Equal(t, "hello", string(buf[:n]))
	require.NoError(t, c.Close())
	n, err = s.Read(buf)
	assert.Equal(t, 0, n)
	assert.Equal(t, io.EOF, err)
}

func TestFDCloseTwice(t *testing.T) {
	c, _ := tcpPair(t)
	require.NoError(t, c.Close())
	assert.Equal(t, poller.ErrClosed, c.Close())
	_, err := c.Read(make([]byte, 1))
	assert.Equal(t, poller.ErrClosed, err)
	_, err = c.Write([]byte("x"))
	assert.Equal(t, poller.ErrClosed, err)
	_, err = c.Sockname()
	assert.Equal(t, poller.ErrClosed, err)
	assert.Equal(t, poller.ErrClosed, c.SetDeadline(time.Now()))
}

func TestFDCloseUnblocksRead(t *testing.T) {
	c, _ := tcpPair(t)
	errc := make(chan error, 1)
	go func() {
		_, err := c.Read(make([]byte, 1))
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond)
	require.NoError(t, c.Close())
	select {
	case err := <-errc:
		assert.Equal(t, poller.ErrClosed, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Read still blocked 5s after Close")
	}
}

func TestFDReadDeadline(t *testing.T) {
	c, _ := tcpPair(t)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(30*time.Millisecond)))
	start := time.Now()
	_, err := c.Read(make([]byte, 1))
	require.Error(t, err)
	assert.True(t, errors.Is(err, os.ErrDeadlineExceeded), "%v", err)
	var te interface{ Timeout() bool }
	require.True(t, errors.As(err, &te))
	assert.True(t, te.Timeout())
	assert.GreaterOrEqual(t, time.Since(start), 25*time.Millisecond)
}

func TestFDDatagramZeroRead(t *testing.T) {
	a, b := socketPair(t, unix.SOCK_DGRAM)
	n, err := a.Write(nil)
	require.NoError(t, err)
	assert.Equal(t, 0, n)
	n, err = b.Read(make([]byte, 8))
	require.NoError(t, err)
	assert.Equal(t, 0, n)
}

// fillSendBuffer writes to c, whose peer does not read, until a write would
// block; it shrinks the buffers first so that this is quick.
func fillSendBuffer(t *testing.T, c, peer *poller.FD) {
	t.Helper()
	setBuf := func(fd *poller.FD, opt int) {
		rc, err := fd.SyscallConn()
		require.NoError(t, err)
		require.NoError(t, rc.Control(func(s uintptr) {
			require.NoError(t, unix.SetsockoptInt(int(s), unix.SOL_SOCKET, opt, 4096))
		}))
	}
	setBuf(c, unix.SO_SNDBUF)
	setBuf(peer, unix.SO_RCVBUF)
	require.NoError(t, c.SetWriteDeadline(time.Now().Add(100*time.Millisecond)))
	chunk := make([]byte, 64<<10)
	for {
		_, err := c.Write(chunk)
		if err != nil {
			require.ErrorIs(t, err, os.ErrDeadlineExceeded)
			break
		}
	}
	require.NoError(t, c.SetWriteDeadline(time.Time{}))
}

func TestFDCloseUnblocks(t *testing.T) {
	tests := []struct {
		name string
		// setup returns the FD to close and the call that blocks on it.
		setup func(t *testing.T) (*poller.FD, func() error)
	}{
		{"Read", func(t *testing.T) (*poller.FD, func() error) {
			c, _ := tcpPair(t)
			return c, func() error { _, err := c.Read(make([]byte, 8)); return err }
		}},
		{"WriteFullBuffer", func(t *testing.T) (*poller.FD, func() error) {
			c, s := tcpPair(t)
			fillSendBuffer(t, c, s)
			return c, func() error { _, err := c.Write(make([]byte, 1<<20)); return err }
		}},
		{"Writev", func(t *testing.T) (*poller.FD, func() error) {
			c, s := tcpPair(t)
			fillSendBuffer(t, c, s)
			return c, func() error { _, err := c.Writev([][]byte{make([]byte, 1<<20)}); return err }
		}},
		{"Accept", func(t *testing.T) (*poller.FD, func() error) {
			ln, _ := listenTCP(t)
			return ln, func() error { _, _, err := ln.Accept(); return err }
		}},
		{"ReadFromDatagram", func(t *testing.T) (*poller.FD, func() error) {
			a, _ := socketPair(t, unix.SOCK_DGRAM)
			return a, func() error { _, _, err := a.ReadFrom(make([]byte, 8)); return err }
		}},
		{"ReadMsg", func(t *testing.T) (*poller.FD, func() error) {
			a, _ := socketPair(t, unix.SOCK_DGRAM)
			return a, func() error { _, _, _, _, err := a.ReadMsg(make([]byte, 8), make([]byte, 64), 0); return err }
		}},
		{"SyscallConnRead", func(t *testing.T) (*poller.FD, func() error) {
			c, _ := tcpPair(t)
			rc, err := c.SyscallConn()
			require.NoError(t, err)
			return c, func() error {
				return rc.Read(func(s uintptr) bool {
					_, err := unix.Read(int(s), make([]byte, 1))
					return err != unix.EAGAIN
				})
			}
		}},
		{"ConnectNonAnswering", func(t *testing.T) (*poller.FD, func() error) {
			fd := blackholeNetns(t)(unix.AF_INET, unix.SOCK_STREAM)
			return fd, func() error { return fd.Connect(blackholeAddr) }
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fd, call := tc.setup(t)
			errc := make(chan error, 1)
			go func() { errc <- call() }()
			select {
			case err := <-errc:
				t.Fatalf("call returned before Close: %v", err)
			case <-time.After(50 * time.Millisecond):
			}
			require.NoError(t, fd.Close())
			select {
			case err := <-errc:
				assert.Equal(t, poller.ErrClosed, err)
			case <-time.After(5 * time.Second):
				t.Fatal("still blocked 5s after Close")
			}
		})
	}
}

func TestFDDeadlines(t *testing.T) {
	isTimeout := func(t *testing.T, err error) {
		t.Helper()
		require.Error(t, err)
		assert.ErrorIs(t, err, os.ErrDeadlineExceeded)
		var te interface{ Timeout() bool }
		require.ErrorAs(t, err, &te)
		assert.True(t, te.Timeout())
		var se *os.SyscallError
		assert.False(t, errors.As(err, &se), "deadline errors are not wrapped: %#v", err)
	}
	t.Run("PastFailsAtOnce", func(t *testing.T) {
		c, s := tcpPair(t)
		require.NoError(t, c.SetReadDeadline(time.Now().Add(-time.Second)))
		_, err := c.Read(make([]byte, 1))
		isTimeout(t, err)
		// Even with data waiting.
		_, err = s.Write([]byte("x"))
		require.NoError(t, err)
		_, err = c.Read(make([]byte, 1))
		isTimeout(t, err)
		require.NoError(t, c.SetWriteDeadline(time.Now().Add(-time.Second)))
		_, err = c.Write([]byte("x"))
		isTimeout(t, err)
	})
	t.Run("PastUnblocksPending", func(t *testing.T) {
		c, _ := tcpPair(t)
		errc := make(chan error, 1)
		go func() { _, err := c.Read(make([]byte, 1)); errc <- err }()
		time.Sleep(30 * time.Millisecond)
		require.NoError(t, c.SetReadDeadline(time.Now().Add(-time.Second)))
		select {
		case err := <-errc:
			isTimeout(t, err)
		case <-time.After(5 * time.Second):
			t.Fatal("Read still blocked after a past deadline")
		}
	})
	t.Run("FutureThenClear", func(t *testing.T) {
		c, s := tcpPair(t)
		require.NoError(t, c.SetDeadline(time.Now().Add(40*time.Millisecond)))
		start := time.Now()
		_, err := c.Read(make([]byte, 1))
		isTimeout(t, err)
		assert.GreaterOrEqual(t, time.Since(start), 35*time.Millisecond)
		require.NoError(t, c.SetDeadline(time.Time{}))
		go func() {
			time.Sleep(80 * time.Millisecond)
			s.Write([]byte("y"))
		}()
		buf := make([]byte, 1)
		n, err := c.Read(buf)
		require.NoError(t, err, "a cleared deadline must not fire")
		assert.Equal(t, "y", string(buf[:n]))
	})
	t.Run("WriteFullBuffer", func(t *testing.T) {
		c, s := tcpPair(t)
		fillSendBuffer(t, c, s)
		require.NoError(t, c.SetWriteDeadline(time.Now().Add(30*time.Millisecond)))
		_, err := c.Write(make([]byte, 1<<20))
		isTimeout(t, err)
	})
	t.Run("Accept", func(t *testing.T) {
		ln, _ := listenTCP(t)
		require.NoError(t, ln.SetReadDeadline(time.Now().Add(20*time.Millisecond)))
		_, _, err := ln.Accept()
		isTimeout(t, err)
	})
	t.Run("ConnectNonAnswering", func(t *testing.T) {
		fd := blackholeNetns(t)(unix.AF_INET, unix.SOCK_STREAM)
		require.NoError(t, fd.SetWriteDeadline(time.Now().Add(100*time.Millisecond)))
		start := time.Now()
		isTimeout(t, fd.Connect(blackholeAddr))
		assert.Less(t, time.Since(start), 3*time.Second)
	})
}

func TestFDContext(t *testing.T) {
	t.Run("AcceptCancel", func(t *testing.T) {
		ln, _ := listenTCP(t)
		require.NoError(t, ln.SetReadDeadline(time.Now().Add(time.Hour)))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(30*time.Millisecond, cancel)
		_, _, err := ln.AcceptContext(ctx)
		assert.Equal(t, context.Canceled, err)
		// The caller's deadline was restored: a connection is accepted.
		_, sa := ln, mustSockname(t, ln)
		c, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		defer c.Close()
		require.NoError(t, c.Connect(sa))
		s, _, err := ln.AcceptContext(context.Background())
		require.NoError(t, err)
		s.Close()
	})
	t.Run("AcceptDone", func(t *testing.T) {
		ln, _ := listenTCP(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, _, err := ln.AcceptContext(ctx)
		assert.Equal(t, context.Canceled, err)
	})
	t.Run("ConnectCancel", func(t *testing.T) {
		fd := blackholeNetns(t)(unix.AF_INET, unix.SOCK_STREAM)
		ctx, cancel := context.WithTimeout(context.Background(), 80*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := fd.ConnectContext(ctx, blackholeAddr)
		assert.Equal(t, context.DeadlineExceeded, err)
		assert.Less(t, time.Since(start), 3*time.Second)
	})
	t.Run("ConnectOK", func(t *testing.T) {
		_, sa := listenTCP(t)
		c, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		require.NoError(t, err)
		defer c.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		require.NoError(t, c.ConnectContext(ctx, sa))
	})
}

func mustSockname(t *testing.T, fd *poller.FD) unix.Sockaddr {
	t.Helper()
	sa, err := fd.Sockname()
	require.NoError(t, err)
	return sa
}

func TestFDErrors(t *testing.T) {
	// Connection refused: a port nobody listens on (bound, not listening).
	hold, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	defer hold.Close()
	require.NoError(t, hold.Bind(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	c, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	defer c.Close()
	err = c.Connect(mustSockname(t, hold))
	var se *os.SyscallError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "connect", se.Syscall)
	assert.ErrorIs(t, err, unix.ECONNREFUSED)

	// Listen on a bound-in-use address.
	ln, sa := listenTCP(t)
	_ = ln
	b, err := poller.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	defer b.Close()
	err = b.Bind(sa)
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "bind", se.Syscall)
	assert.ErrorIs(t, err, unix.EADDRINUSE)

	// Write to a reset connection.
	c2, s2 := tcpPair(t)
	rc, err := s2.SyscallConn()
	require.NoError(t, err)
	require.NoError(t, rc.Control(func(s uintptr) {
		unix.SetsockoptLinger(int(s), unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1})
	}))
	require.NoError(t, s2.Close())
	time.Sleep(20 * time.Millisecond)
	_, err = c2.Read(make([]byte, 1))
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "read", se.Syscall)
	assert.ErrorIs(t, err, unix.ECONNRESET)

	// Socket with a bad family.
	_, err = poller.Socket(-1, unix.SOCK_STREAM, 0)
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "socket", se.Syscall)

	// NewFD on a regular file is refused (the runtime poller cannot watch it).
	f, err := os.CreateTemp("", "poller")
	require.NoError(t, err)
	defer os.Remove(f.Name())
	dupfd, err := unix.Dup(int(f.Fd()))
	require.NoError(t, err)
	f.Close()
	_, err = poller.NewFD(dupfd, unix.AF_UNIX, unix.SOCK_STREAM, "file")
	assert.Error(t, err)
	assert.Error(t, unix.Close(dupfd), "NewFD must close the fd it refused")
}

func TestFDDatagramOps(t *testing.T) {
	a, err := poller.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	require.NoError(t, err)
	defer a.Close()
	b, err := poller.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	require.NoError(t, err)
	defer b.Close()
	lo := &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	require.NoError(t, a.Bind(lo))
	require.NoError(t, b.Bind(lo))
	asa, bsa := mustSockname(t, a).(*unix.SockaddrInet4), mustSockname(t, b).(*unix.SockaddrInet4)

	n, err := a.WriteTo([]byte("one"), bsa)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	buf := make([]byte, 16)
	n, from, err := b.ReadFrom(buf)
	require.NoError(t, err)
	assert.Equal(t, "one", string(buf[:n]))
	assert.Equal(t, asa.Port, from.(*unix.SockaddrInet4).Port)

	// Zero-length datagrams are valid reads, not EOF.
	_, err = a.WriteTo(nil, bsa)
	require.NoError(t, err)
	n, _, err = b.ReadFrom(buf)
	require.NoError(t, err)
	assert.Zero(t, n)

	n, oobn, err := a.WriteMsg([]byte("two"), nil, bsa)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Zero(t, oobn)
	n, _, flags, from, err := b.ReadMsg(buf[:2], nil, 0)
	require.NoError(t, err)
	assert.Equal(t, "tw", string(buf[:n]))
	assert.NotZero(t, flags&unix.MSG_TRUNC, "truncated datagram must be flagged")
	assert.Equal(t, asa.Port, from.(*unix.SockaddrInet4).Port)
}

func TestFDPassRights(t *testing.T) {
	a, b := socketPair(t, unix.SOCK_STREAM)
	f, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer f.Close()
	rights := unix.UnixRights(int(f.Fd()))
	n, oobn, err := a.WriteMsg([]byte("fd"), rights, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, len(rights), oobn)

	oob := make([]byte, unix.CmsgSpace(4))
	buf := make([]byte, 8)
	n, oobn, _, _, err = b.ReadMsg(buf, oob, 0)
	require.NoError(t, err)
	assert.Equal(t, "fd", string(buf[:n]))
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	fds, err := unix.ParseUnixRights(&msgs[0])
	require.NoError(t, err)
	require.Len(t, fds, 1)
	unix.Close(fds[0])
}

func TestFDWritevShutdownDup(t *testing.T) {
	c, s := tcpPair(t)
	n, err := c.Writev([][]byte{[]byte("ab"), nil, []byte("cde"), []byte("f")})
	require.NoError(t, err)
	assert.EqualValues(t, 6, n)
	big := [][]byte{make([]byte, 3<<20), make([]byte, 1<<20)}
	done := make(chan int64, 1)
	go func() {
		n, err := c.Writev(big)
		assert.NoError(t, err)
		done <- n
	}()
	got, err := io.ReadAll(io.LimitReader(s, 6+4<<20))
	require.NoError(t, err)
	assert.Equal(t, "abcdef", string(got[:6]))
	assert.EqualValues(t, 4<<20, <-done)

	d, err := c.Dup()
	require.NoError(t, err)
	_, err = d.Write([]byte("via dup"))
	require.NoError(t, err)
	require.NoError(t, d.Close())
	buf := make([]byte, 7)
	_, err = io.ReadFull(s, buf)
	require.NoError(t, err)
	assert.Equal(t, "via dup", string(buf))

	require.NoError(t, c.Shutdown(unix.SHUT_WR))
	_, err = s.Read(buf)
	assert.Equal(t, io.EOF, err)
	_, err = c.Write([]byte("x"))
	var se *os.SyscallError
	require.ErrorAs(t, err, &se)
	assert.ErrorIs(t, err, unix.EPIPE)
}

// TestFDUseAfterClose checks that a closed FD never touches a descriptor
// number the kernel has handed out again.
func TestFDUseAfterClose(t *testing.T) {
	a, b := socketPair(t, unix.SOCK_STREAM)
	rc, err := a.SyscallConn()
	require.NoError(t, err)
	var num uintptr
	require.NoError(t, rc.Control(func(s uintptr) { num = s }))
	require.NoError(t, a.Close())
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	reused := uintptr(fds[0]) == num || uintptr(fds[1]) == num
	_, err = a.Write([]byte("stale"))
	assert.Equal(t, poller.ErrClosed, err)
	assert.Equal(t, poller.ErrClosed, a.Shutdown(unix.SHUT_RDWR))
	_, err = a.SyscallConn()
	assert.Equal(t, poller.ErrClosed, err)
	assert.Equal(t, poller.ErrClosed, rc.Control(func(uintptr) { t.Error("Control ran after Close") }))
	assert.Equal(t, poller.ErrClosed, rc.Read(func(uintptr) bool { t.Error("Read ran after Close"); return true }))
	assert.Equal(t, poller.ErrClosed, rc.Write(func(uintptr) bool { t.Error("Write ran after Close"); return true }))
	if reused {
		unix.SetNonblock(fds[1], true)
		n, _ := unix.Read(fds[1], make([]byte, 8))
		assert.LessOrEqual(t, n, 0, "stale write reached the new socket")
	}
	_ = b
}

// TestFDEmptyRead checks that Read with an empty buffer returns at once and
// consumes nothing, on stream and datagram sockets alike (as the stdlib).
func TestFDEmptyRead(t *testing.T) {
	for _, sotype := range []int{unix.SOCK_STREAM, unix.SOCK_DGRAM} {
		a, b := socketPair(t, sotype)
		_, err := a.Write([]byte("abc"))
		require.NoError(t, err)
		n, err := b.Read(nil)
		require.NoError(t, err)
		assert.Zero(t, n)
		buf := make([]byte, 8)
		n, err = b.Read(buf)
		require.NoError(t, err)
		assert.Equal(t, "abc", string(buf[:n]), "sotype %d: the empty Read consumed data", sotype)
	}
}

func TestFDInetDatagrams(t *testing.T) {
	type pair struct {
		family int
		lo     unix.Sockaddr
	}
	for _, tc := range []pair{
		{unix.AF_INET, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}},
		{unix.AF_INET6, &unix.SockaddrInet6{Addr: [16]byte{15: 1}}},
	} {
		a, err := poller.Socket(tc.family, unix.SOCK_DGRAM, 0)
		require.NoError(t, err)
		defer a.Close()
		b, err := poller.Socket(tc.family, unix.SOCK_DGRAM, 0)
		require.NoError(t, err)
		defer b.Close()
		if err := a.Bind(tc.lo); err != nil && tc.family == unix.AF_INET6 {
			t.Logf("skipping IPv6: no ::1 here (%v)", err)
			continue
		}
		require.NoError(t, b.Bind(tc.lo))
		asa, bsa := mustSockname(t, a), mustSockname(t, b)
		msg, buf := []byte("datagram"), make([]byte, 16)
		// Zero-length datagrams count too.
		for _, m := range [][]byte{msg, {}} {
			var n int
			switch tc.family {
			case unix.AF_INET:
				to := *bsa.(*unix.SockaddrInet4)
				_, err = a.WriteToInet4(m, &to)
				require.NoError(t, err)
				var from unix.SockaddrInet4
				n, err = b.ReadFromInet4(buf, &from)
				require.NoError(t, err)
				assert.Equal(t, asa.(*unix.SockaddrInet4).Port, from.Port)
				assert.Equal(t, [4]byte{127, 0, 0, 1}, from.Addr)
			case unix.AF_INET6:
				to := *bsa.(*unix.SockaddrInet6)
				_, err = a.WriteToInet6(m, &to)
				require.NoError(t, err)
				var from unix.SockaddrInet6
				n, err = b.ReadFromInet6(buf, &from)
				require.NoError(t, err)
				assert.Equal(t, asa.(*unix.SockaddrInet6).Port, from.Port)
				assert.Equal(t, [16]byte{15: 1}, from.Addr)
			}
			assert.Equal(t, string(m), string(buf[:n]))
		}
		// The same through the sendmsg/recvmsg variants.
		var n int
		switch tc.family {
		case unix.AF_INET:
			to := *bsa.(*unix.SockaddrInet4)
			_, _, err = a.WriteMsgInet4(msg, nil, &to)
			require.NoError(t, err)
			var from unix.SockaddrInet4
			n, _, _, err = b.ReadMsgInet4(buf, nil, 0, &from)
			require.NoError(t, err)
			assert.Equal(t, asa.(*unix.SockaddrInet4).Port, from.Port)
		case unix.AF_INET6:
			to := *bsa.(*unix.SockaddrInet6)
			_, _, err = a.WriteMsgInet6(msg, nil, &to)
			require.NoError(t, err)
			var from unix.SockaddrInet6
			n, _, _, err = b.ReadMsgInet6(buf, nil, 0, &from)
			require.NoError(t, err)
			assert.Equal(t, asa.(*unix.SockaddrInet6).Port, from.Port)
			assert.Equal(t, [16]byte{15: 1}, from.Addr)
		}
		assert.Equal(t, string(msg), string(buf[:n]))
	}
}

// TestFDCloseWaitsForLastUser checks the lifetime contract: a call that holds
// the descriptor (here a SyscallConn Control callback) keeps it open and
// valid even while Close runs; the descriptor is closed once that user is
// done, and Close returns only then.
func TestFDCloseWaitsForLastUser(t *testing.T) {
	a, _ := socketPair(t, unix.SOCK_STREAM)
	rc, err := a.SyscallConn()
	require.NoError(t, err)
	inside := make(chan uintptr)
	type report struct {
		valid error
		done  time.Time
	}
	reports := make(chan report, 1)
	go func() {
		rc.Control(func(s uintptr) {
			inside <- s
			time.Sleep(100 * time.Millisecond) // Close is called meanwhile
			_, valid := unix.FcntlInt(s, unix.F_GETFD, 0)
			reports <- report{valid, time.Now()}
		})
	}()
	s := <-inside
	time.Sleep(10 * time.Millisecond)
	require.NoError(t, a.Close())
	closed := time.Now()
	r := <-reports
	assert.NoError(t, r.valid, "descriptor closed under a running user")
	assert.False(t, closed.Before(r.done), "Close returned before the last user let go")
	_, err = unix.FcntlInt(s, unix.F_GETFD, 0)
	assert.ErrorIs(t, err, unix.EBADF, "descriptor still open after Close")
}

// TestFDFlags checks that Socket, Accept and NewFD descriptors are
// non-blocking and close-on-exec.
func TestFDFlags(t *testing.T) {
	c, s := tcpPair(t)
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0) // blocking, inheritable
	require.NoError(t, err)
	defer unix.Close(fds[1])
	wrapped, err := poller.NewFD(fds[0], unix.AF_UNIX, unix.SOCK_STREAM, "wrapped")
	require.NoError(t, err)
	defer wrapped.Close()
	for name, fd := range map[string]*poller.FD{"Socket": c, "Accept": s, "NewFD": wrapped} {
		rc, err := fd.SyscallConn()
		require.NoError(t, err)
		require.NoError(t, rc.Control(func(s uintptr) {
			fl, err := unix.FcntlInt(s, unix.F_GETFL, 0)
			require.NoError(t, err)
			assert.NotZero(t, fl&unix.O_NONBLOCK, "%s: not non-blocking", name)
			if name != "NewFD" { // NewFD leaves close-on-exec to the caller
				fdfl, err := unix.FcntlInt(s, unix.F_GETFD, 0)
				require.NoError(t, err)
				assert.NotZero(t, fdfl&unix.FD_CLOEXEC, "%s: not close-on-exec", name)
			}
		}))
	}
}
