package conn_test

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pkFiler is what every conn with a File method offers.
type pkFiler interface{ File() (*os.File, error) }

// pkStdFile returns an *os.File for a stdlib conn/listener (a dup), so the
// File* functions are tested on sockets netkit did not create.
func pkStdFile(t testing.TB, c pkFiler) *os.File {
	t.Helper()
	f, err := c.File()
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// TestFileConnRoundTrip turns conns into files and back (FileConn,
// FilePacketConn), for sockets made by the stdlib and by netkit, and checks
// the type, the addresses and that data flows through the new conn while
// the original keeps working.
func TestFileConnRoundTrip(t *testing.T) {
	dir := t.TempDir()
	t.Run("tcp", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		defer ln.Close()
		c, err := net.Dial("tcp", ln.Addr().String())
		require.NoError(t, err)
		defer c.Close()
		s, err := ln.Accept()
		require.NoError(t, err)
		defer s.Close()

		nc, err := conn.FileConn(pkStdFile(t, c.(*net.TCPConn)))
		require.NoError(t, err)
		defer nc.Close()
		_, ok := nc.(*conn.TCPConn)
		require.True(t, ok, "FileConn(tcp) = %T", nc)
		assert.Equal(t, c.LocalAddr().String(), nc.LocalAddr().String())
		assert.Equal(t, c.RemoteAddr().String(), nc.RemoteAddr().String())
		_, err = nc.Write([]byte("via file"))
		require.NoError(t, err)
		buf := make([]byte, 8)
		require.NoError(t, s.SetReadDeadline(time.Now().Add(5*time.Second)))
		_, err = io.ReadFull(s, buf)
		require.NoError(t, err)
		assert.Equal(t, "via file", string(buf))
		// The original still works after the copy is closed.
		require.NoError(t, nc.Close())
		_, err = c.Write([]byte("orig"))
		require.NoError(t, err)

		// FilePacketConn refuses a stream socket like the stdlib does.
		f := pkStdFile(t, c.(*net.TCPConn))
		_, err = conn.FilePacketConn(f)
		_, serr := net.FilePacketConn(f)
		pkSameText(t, "FilePacketConn(tcp)", err, serr)
		pkCheckOpError(t, err, "file")
	})
	t.Run("udp", func(t *testing.T) {
		a := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
		b := pkListenUDP(t, "udp6", addr.IPv6loopback)
		for _, orig := range []*conn.UDPConn{a, b} {
			f, err := orig.File()
			require.NoError(t, err)
			pc, err := conn.FilePacketConn(f)
			f.Close()
			require.NoError(t, err)
			u, ok := pc.(*conn.UDPConn)
			require.True(t, ok, "FilePacketConn(udp) = %T", pc)
			assert.Equal(t, orig.LocalAddr().String(), u.LocalAddr().String())
			require.NoError(t, u.SetDeadline(time.Now().Add(5*time.Second)))
			_, err = u.WriteTo([]byte("self"), orig.LocalAddr())
			require.NoError(t, err)
			buf := make([]byte, 8)
			n, _, err := u.ReadFrom(buf) // same socket: the copy reads it
			require.NoError(t, err)
			assert.Equal(t, "self", string(buf[:n]))
			// FileConn gives a *UDPConn too.
			f, err = orig.File()
			require.NoError(t, err)
			c, err := conn.FileConn(f)
			f.Close()
			require.NoError(t, err)
			_, ok = c.(*conn.UDPConn)
			assert.True(t, ok, "FileConn(udp) = %T", c)
			c.Close()
			u.Close()
		}
	})
	t.Run("unixgram", func(t *testing.T) {
		a := pkListenUnixgram(t, filepath.Join(dir, "g.sock"))
		f, err := a.File()
		require.NoError(t, err)
		pc, err := conn.FilePacketConn(f)
		f.Close()
		require.NoError(t, err)
		defer pc.Close()
		u, ok := pc.(*conn.UnixConn)
		require.True(t, ok, "FilePacketConn(unixgram) = %T", pc)
		assert.Equal(t, a.LocalAddr().String(), u.LocalAddr().String())
		assert.Equal(t, "unixgram", u.LocalAddr().Network())
	})
	t.Run("unix", func(t *testing.T) {
		p := filepath.Join(dir, "s.sock")
		ln, err := net.Listen("unix", p)
		require.NoError(t, err)
		defer ln.Close()
		c, err := net.Dial("unix", p)
		require.NoError(t, err)
		defer c.Close()
		s, err := ln.Accept()
		require.NoError(t, err)
		defer s.Close()
		nc, err := conn.FileConn(pkStdFile(t, s.(*net.UnixConn)))
		require.NoError(t, err)
		defer nc.Close()
		_, ok := nc.(*conn.UnixConn)
		require.True(t, ok, "FileConn(unix) = %T", nc)
		assert.Equal(t, p, nc.LocalAddr().String())
		assert.Equal(t, "unix", nc.LocalAddr().Network())
		_, err = c.Write([]byte("x"))
		require.NoError(t, err)
		require.NoError(t, nc.SetReadDeadline(time.Now().Add(5*time.Second)))
		buf := make([]byte, 1)
		_, err = nc.Read(buf)
		require.NoError(t, err)
	})
	t.Run("ip", func(t *testing.T) {
		pkNeedRoot(t, "raw IP sockets")
		c, err := conn.ListenIP("ip4:icmp", &addr.IPAddr{IP: addr.IPv4(127, 0, 0, 1)})
		require.NoError(t, err)
		defer c.Close()
		f, err := c.File()
		require.NoError(t, err)
		pc, err := conn.FilePacketConn(f)
		f.Close()
		require.NoError(t, err)
		defer pc.Close()
		_, ok := pc.(*conn.IPConn)
		assert.True(t, ok, "FilePacketConn(ip4:icmp) = %T", pc)
		assert.Equal(t, "127.0.0.1", pc.LocalAddr().String())
	})
}

func TestFileListenerRoundTrip(t *testing.T) {
	t.Run("tcp", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		defer ln.Close()
		nl, err := conn.FileListener(pkStdFile(t, ln.(*net.TCPListener)))
		require.NoError(t, err)
		defer nl.Close()
		_, ok := nl.(*conn.TCPListener)
		require.True(t, ok, "FileListener(tcp) = %T", nl)
		assert.Equal(t, ln.Addr().String(), nl.Addr().String())
		c, err := net.Dial("tcp", ln.Addr().String())
		require.NoError(t, err)
		defer c.Close()
		s, err := nl.Accept()
		require.NoError(t, err)
		defer s.Close()
		assert.Equal(t, c.LocalAddr().String(), s.RemoteAddr().String())
	})
	t.Run("unix", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "l.sock")
		ln, err := net.Listen("unix", p)
		require.NoError(t, err)
		defer ln.Close()
		nl, err := conn.FileListener(pkStdFile(t, ln.(*net.UnixListener)))
		require.NoError(t, err)
		_, ok := nl.(*conn.UnixListener)
		require.True(t, ok, "FileListener(unix) = %T", nl)
		assert.Equal(t, p, nl.Addr().String())
		c, err := net.Dial("unix", p)
		require.NoError(t, err)
		defer c.Close()
		s, err := nl.Accept()
		require.NoError(t, err)
		s.Close()
		// A listener made by FileListener does not own the path: Close
		// leaves the socket file for the original (as the stdlib does).
		require.NoError(t, nl.Close())
		_, err = os.Stat(p)
		assert.NoError(t, err)
	})
}

// TestFileErrorsMatchStd: the same bad files give the same errors.
func TestFileErrorsMatchStd(t *testing.T) {
	devnull, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer devnull.Close()
	_, err = conn.FileConn(devnull)
	_, serr := net.FileConn(devnull)
	pkSameText(t, "FileConn(/dev/null)", err, serr)
	pkCheckOpError(t, err, "file")
	assert.Equal(t, "file+net", err.(*addr.OpError).Net)
	_, err = conn.FileListener(devnull)
	_, serr = net.FileListener(devnull)
	pkSameText(t, "FileListener(/dev/null)", err, serr)
	_, err = conn.FilePacketConn(devnull)
	_, serr = net.FilePacketConn(devnull)
	pkSameText(t, "FilePacketConn(/dev/null)", err, serr)

	// A UDP socket is not a listener.
	u, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	defer u.Close()
	f := pkStdFile(t, u)
	_, err = conn.FileListener(f)
	_, serr = net.FileListener(f)
	pkSameText(t, "FileListener(udp)", err, serr)
	assert.True(t, errors.Is(err, syscall.EINVAL))

	// A closed file.
	closed := pkStdFile(t, u)
	closed.Close()
	_, err = conn.FileConn(closed)
	_, serr = net.FileConn(closed)
	pkSameText(t, "FileConn(closed file)", err, serr)
}

// TestFileNetkitConns: File on netkit's own conns and listeners, back
// through FileConn/FileListener/FilePacketConn.
func TestFileNetkitConns(t *testing.T) {
	ln, err := conn.ListenTCP("tcp4", &addr.TCPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	defer ln.Close()
	f, err := ln.File()
	require.NoError(t, err)
	nl, err := conn.FileListener(f)
	f.Close()
	require.NoError(t, err)
	defer nl.Close()
	assert.Equal(t, ln.Addr().String(), nl.Addr().String())

	c, err := conn.Dial("tcp4", ln.Addr().String())
	require.NoError(t, err)
	defer c.Close()
	s, err := nl.Accept() // the copy accepts from the same queue
	require.NoError(t, err)
	defer s.Close()

	f, err = c.(*conn.TCPConn).File()
	require.NoError(t, err)
	fc, err := conn.FileConn(f)
	f.Close()
	require.NoError(t, err)
	defer fc.Close()
	tc, ok := fc.(*conn.TCPConn)
	require.True(t, ok, "FileConn = %T", fc)
	assert.Equal(t, c.LocalAddr().String(), tc.LocalAddr().String())
	assert.Equal(t, c.RemoteAddr().String(), tc.RemoteAddr().String())
	_, err = tc.Write([]byte("copy"))
	require.NoError(t, err)
	require.NoError(t, s.SetReadDeadline(time.Now().Add(5*time.Second)))
	buf := make([]byte, 4)
	_, err = io.ReadFull(s, buf)
	require.NoError(t, err)
	assert.Equal(t, "copy", string(buf))

	// A connected UDP socket comes back connected.
	u := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	dc, err := conn.DialUDP("udp4", nil, u.LocalAddr().(*addr.UDPAddr))
	require.NoError(t, err)
	defer dc.Close()
	f, err = dc.File()
	require.NoError(t, err)
	pc, err := conn.FilePacketConn(f)
	f.Close()
	require.NoError(t, err)
	defer pc.Close()
	assert.Equal(t, dc.RemoteAddr().String(), pc.(*conn.UDPConn).RemoteAddr().String())
	_, err = pc.WriteTo([]byte("x"), u.LocalAddr())
	assert.True(t, errors.Is(err, conn.ErrWriteToConnected), "got %v", err)
	_, err = pc.(*conn.UDPConn).Write([]byte("via copy"))
	require.NoError(t, err)
	require.NoError(t, u.SetReadDeadline(time.Now().Add(5*time.Second)))
	rb := make([]byte, 16)
	n, _, err := u.ReadFrom(rb)
	require.NoError(t, err)
	assert.Equal(t, "via copy", string(rb[:n]))

	// A connected TCP socket is not a listener.
	f, err = c.(*conn.TCPConn).File()
	require.NoError(t, err)
	defer f.Close()
	_, err = conn.FileListener(f)
	pkCheckOpError(t, err, "file")
	assert.True(t, errors.Is(err, syscall.EINVAL))
}
