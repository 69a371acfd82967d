package conn_test

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

func pkListenUnixgram(t testing.TB, name string) *conn.UnixConn {
	t.Helper()
	c, err := conn.ListenUnixgram("unixgram", &addr.UnixAddr{Name: name, Net: "unixgram"})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return c
}

func TestUnixgramReadFromWriteTo(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, a, b string }{
		{"path", filepath.Join(dir, "a.sock"), filepath.Join(dir, "b.sock")},
		{"abstract", "@netkit-pk-a-" + t.Name(), "@netkit-pk-b-" + t.Name()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := pkListenUnixgram(t, tt.a)
			b := pkListenUnixgram(t, tt.b)
			require.NoError(t, a.SetDeadline(time.Now().Add(5*time.Second)))
			require.NoError(t, b.SetDeadline(time.Now().Add(5*time.Second)))
			la, ok := a.LocalAddr().(*addr.UnixAddr)
			require.True(t, ok, "LocalAddr is %T", a.LocalAddr())
			assert.Equal(t, tt.a, la.Name)
			assert.Equal(t, "unixgram", la.Network())
			lb := b.LocalAddr().(*addr.UnixAddr)

			n, err := a.WriteToUnix([]byte("one"), lb)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
			buf := make([]byte, 16)
			n, from, err := b.ReadFromUnix(buf)
			require.NoError(t, err)
			assert.Equal(t, "one", string(buf[:n]))
			assert.Equal(t, tt.a, from.Name)

			_, err = b.WriteTo([]byte("two"), la)
			require.NoError(t, err)
			n, from2, err := a.ReadFrom(buf)
			require.NoError(t, err)
			assert.Equal(t, "two", string(buf[:n]))
			assert.Equal(t, tt.b, from2.String())

			n, oobn, err := a.WriteMsgUnix([]byte("three"), nil, lb)
			require.NoError(t, err)
			assert.Equal(t, 5, n)
			assert.Zero(t, oobn)
			n, _, _, from, err = b.ReadMsgUnix(buf, nil)
			require.NoError(t, err)
			assert.Equal(t, "three", string(buf[:n]))
			assert.Equal(t, tt.a, from.Name)
		})
	}
}

// TestUnixgramSCMRights passes an open file descriptor over a unixgram
// socket with SCM_RIGHTS and reads the file through the received copy.
func TestUnixgramSCMRights(t *testing.T) {
	dir := t.TempDir()
	a := pkListenUnixgram(t, filepath.Join(dir, "a.sock"))
	b := pkListenUnixgram(t, filepath.Join(dir, "b.sock"))
	require.NoError(t, b.SetDeadline(time.Now().Add(5*time.Second)))

	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	defer pr.Close()
	defer pw.Close()
	_, err = pw.WriteString("through the passed fd")
	require.NoError(t, err)
	pw.Close()

	rights := unix.UnixRights(int(pr.Fd()))
	n, oobn, err := a.WriteMsgUnix([]byte("fd"), rights, b.LocalAddr().(*addr.UnixAddr))
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, len(rights), oobn)

	buf, oob := make([]byte, 8), make([]byte, unix.CmsgSpace(4*4))
	n, oobn, flags, from, err := b.ReadMsgUnix(buf, oob)
	require.NoError(t, err)
	assert.Equal(t, "fd", string(buf[:n]))
	assert.Zero(t, flags&unix.MSG_CTRUNC)
	assert.Equal(t, a.LocalAddr().String(), from.String())
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	fds, err := unix.ParseUnixRights(&msgs[0])
	require.NoError(t, err)
	require.Len(t, fds, 1)
	got := os.NewFile(uintptr(fds[0]), "passed")
	defer got.Close()
	data, err := io.ReadAll(got)
	require.NoError(t, err)
	assert.Equal(t, "through the passed fd", string(data))

	// A control buffer too small for the rights is reported with MSG_CTRUNC.
	_, _, err = a.WriteMsgUnix([]byte("fd2"), rights, b.LocalAddr().(*addr.UnixAddr))
	require.NoError(t, err)
	_, oobn, flags, _, err = b.ReadMsgUnix(buf, make([]byte, 1))
	require.NoError(t, err)
	assert.NotZero(t, flags&unix.MSG_CTRUNC, "flags %#x oobn %d", flags, oobn)
}

// TestUnixgramDialUnix: a connected unixgram socket (DialUnix) talks to a
// ListenUnixgram one; WriteTo on the connected one is refused.
func TestUnixgramDialUnix(t *testing.T) {
	dir := t.TempDir()
	srv := pkListenUnixgram(t, filepath.Join(dir, "srv.sock"))
	require.NoError(t, srv.SetDeadline(time.Now().Add(5*time.Second)))
	laddr := &addr.UnixAddr{Name: filepath.Join(dir, "cli.sock"), Net: "unixgram"}
	c, err := conn.DialUnix("unixgram", laddr, srv.LocalAddr().(*addr.UnixAddr))
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Write([]byte("dialed"))
	require.NoError(t, err)
	buf := make([]byte, 16)
	n, from, err := srv.ReadFromUnix(buf)
	require.NoError(t, err)
	assert.Equal(t, "dialed", string(buf[:n]))
	assert.Equal(t, laddr.Name, from.Name)

	_, err = c.WriteToUnix([]byte("x"), srv.LocalAddr().(*addr.UnixAddr))
	pkCheckOpError(t, err, "write")
	assert.True(t, errors.Is(err, conn.ErrWriteToConnected))

	// ListenPacket("unixgram") gives a *UnixConn too.
	pc, err := conn.ListenPacket("unixgram", filepath.Join(dir, "pc.sock"))
	require.NoError(t, err)
	defer pc.Close()
	_, ok := pc.(*conn.UnixConn)
	assert.True(t, ok, "ListenPacket(unixgram) returned %T", pc)
}

func TestUnixgramErrorsMatchStd(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "busy.sock")
	busy := pkListenUnixgram(t, existing)
	for _, tt := range []struct {
		network string
		name    string
		nilAddr bool
	}{
		{"unix", filepath.Join(dir, "x.sock"), false},
		{"udp", filepath.Join(dir, "x.sock"), false},
		{"unixgram", "", true},
		{"unixgram", existing, false},
		{"unixgram", filepath.Join(dir, "no", "such", "dir.sock"), false},
	} {
		var a *addr.UnixAddr
		var sa *net.UnixAddr
		if !tt.nilAddr {
			a = &addr.UnixAddr{Name: tt.name, Net: "unixgram"}
			sa = &net.UnixAddr{Name: tt.name, Net: "unixgram"}
		}
		c, err := conn.ListenUnixgram(tt.network, a)
		if c != nil {
			c.Close()
		}
		sc, serr := net.ListenUnixgram(tt.network, sa)
		if sc != nil {
			sc.Close()
		}
		pkSameText(t, tt.network+" "+tt.name, err, serr)
		if err != nil {
			pkCheckOpError(t, err, "listen")
		}
	}

	std, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: filepath.Join(dir, "std.sock"), Net: "unixgram"})
	require.NoError(t, err)
	defer std.Close()
	repl := [][2]string{{busy.LocalAddr().String(), "L"}, {std.LocalAddr().String(), "L"}}
	nowhere := filepath.Join(dir, "nowhere.sock")
	_, err = busy.WriteToUnix([]byte("x"), &addr.UnixAddr{Name: nowhere, Net: "unixgram"})
	_, serr := std.WriteToUnix([]byte("x"), &net.UnixAddr{Name: nowhere, Net: "unixgram"})
	pkSameText(t, "WriteToUnix to a missing path", err, serr, repl...)
	pkCheckOpError(t, err, "write")
	_, err = busy.WriteTo([]byte("x"), &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1), Port: 9})
	_, serr = std.WriteTo([]byte("x"), &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9})
	pkSameText(t, "WriteTo UDPAddr", err, serr, repl...)
	_, err = busy.WriteToUnix([]byte("x"), nil)
	_, serr = std.WriteToUnix([]byte("x"), nil)
	pkSameText(t, "WriteToUnix nil", err, serr, repl...)

	// Close does not remove a unixgram socket file (only listeners do).
	require.NoError(t, busy.Close())
	_, err = os.Stat(existing)
	assert.NoError(t, err, "unixgram socket file removed by Close; the stdlib keeps it")
	_, _, err = busy.ReadFromUnix(make([]byte, 1))
	assert.True(t, errors.Is(err, net.ErrClosed))
}
