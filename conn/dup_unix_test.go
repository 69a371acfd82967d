//go:build unix

package conn_test

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

type dupFiler interface {
	File() (*os.File, error)
	SyscallConn() (syscall.RawConn, error)
}

// nonblocking reports whether the descriptor behind rc is in non-blocking
// mode.
func nonblocking(t *testing.T, rc syscall.RawConn) bool {
	t.Helper()
	var fl int
	var ferr error
	require.NoError(t, rc.Control(func(s uintptr) { fl, ferr = unix.FcntlInt(s, unix.F_GETFL, 0) }))
	require.NoError(t, ferr)
	return fl&unix.O_NONBLOCK != 0
}

// TestFileBlockingAndName: File returns a blocking duplicate (the
// documented contract, and what a child process needs), named as net
// names it, for every kind of socket; FileConn makes the socket
// non-blocking again so the original's deadlines work.
func TestFileBlockingAndName(t *testing.T) {
	dir := t.TempDir()
	ln, err := conn.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	c, err := conn.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	defer c.Close()
	a, err := ln.Accept()
	require.NoError(t, err)
	defer a.Close()
	pc, err := conn.ListenPacket("udp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	ul, err := conn.Listen("unix", filepath.Join(dir, "s"))
	require.NoError(t, err)
	defer ul.Close()

	for _, tc := range []struct {
		what string
		f    dupFiler
		name string
	}{
		{"tcp listener", ln.(dupFiler), "tcp4:" + ln.Addr().String() + "->"},
		{"tcp conn", c.(dupFiler), "tcp:" + c.LocalAddr().String() + "->" + c.RemoteAddr().String()},
		{"udp conn", pc.(dupFiler), "udp4:" + pc.LocalAddr().String() + "->"},
		{"unix listener", ul.(dupFiler), "unix:" + ul.Addr().String() + "->"},
	} {
		rc, err := tc.f.SyscallConn()
		require.NoError(t, err)
		require.True(t, nonblocking(t, rc), "%s: a fresh socket is non-blocking", tc.what)
		f, err := tc.f.File()
		require.NoError(t, err, tc.what)
		assert.Equal(t, tc.name, f.Name(), tc.what)
		frc, err := f.SyscallConn()
		require.NoError(t, err)
		assert.False(t, nonblocking(t, frc), "%s: File must return a blocking descriptor", tc.what)
		require.NoError(t, f.Close())
	}

	// net names its files the same way.
	sln, err := net.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer sln.Close()
	sf, err := sln.(*net.TCPListener).File()
	require.NoError(t, err)
	assert.Equal(t, "tcp4:"+sln.Addr().String()+"->", sf.Name())
	sf.Close()

	// FileConn puts the shared description back in non-blocking mode: the
	// original's read deadline works again.
	f, err := c.(*conn.TCPConn).File()
	require.NoError(t, err)
	nc, err := conn.FileConn(f)
	require.NoError(t, err)
	f.Close()
	defer nc.Close()
	require.NoError(t, c.SetReadDeadline(time.Now().Add(50*time.Millisecond)))
	_, err = c.Read(make([]byte, 1))
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout(), "%v", err)
}

// TestFileToChildProcess: a program that is not written in Go reads the
// connection through the descriptor File returned (fd 3 of the child);
// with a non-blocking descriptor it would fail with EAGAIN.
func TestFileToChildProcess(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh in PATH: cannot start a non-Go child process")
	}
	if _, err := exec.LookPath("head"); err != nil {
		t.Skip("no head in PATH (coreutils): cannot start a non-Go child process")
	}
	c1, c2, stop := streamPair(t, "tcp4")
	defer stop()
	f, err := c1.(*conn.TCPConn).File()
	require.NoError(t, err)
	defer f.Close()
	cmd := exec.Command(sh, "-c", "head -c 2 <&3")
	cmd.ExtraFiles = []*os.File{f}
	timer := time.AfterFunc(300*time.Millisecond, func() { c2.Write([]byte("hi")) })
	defer timer.Stop()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "child output: %s", out)
	assert.Equal(t, "hi", string(out))
}
