package pipe_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/pipe"
)

// checkClosedError requires *addr.OpError{op, "pipe", Addr: the listener's}
// around net.ErrClosed, with the text a socket listener would give.
func checkClosedError(t *testing.T, err error, op string, l *pipe.Listener) {
	t.Helper()
	oe, ok := err.(*addr.OpError)
	require.True(t, ok, "want *addr.OpError, got %T: %v", err, err)
	assert.Equal(t, op, oe.Op)
	assert.Equal(t, "pipe", oe.Net)
	assert.Nil(t, oe.Source)
	assert.Equal(t, l.Addr(), oe.Addr)
	assert.True(t, oe.Err == net.ErrClosed, "inner error is net.ErrClosed itself, got %v", oe.Err)
	assert.ErrorIs(t, err, net.ErrClosed)
	assert.Equal(t, op+" pipe "+l.Addr().String()+": use of closed network connection", err.Error())
}

func TestListenerBasics(t *testing.T) {
	t.Parallel()
	l := pipe.NewListener("db")
	assert.Equal(t, "pipe", l.Addr().Network())
	assert.Equal(t, "db", l.Addr().String())
	assert.Equal(t, "pipe", pipe.NewListener("").Addr().String())

	client, err := l.Dial()
	require.NoError(t, err)
	server, err := l.Accept()
	require.NoError(t, err)
	assert.Equal(t, "db", client.RemoteAddr().String())
	assert.Equal(t, "pipe", client.LocalAddr().String())
	assert.Equal(t, "db", server.LocalAddr().String())
	assert.Equal(t, "pipe", server.RemoteAddr().String())

	go func() {
		client.Write([]byte("ping"))
	}()
	buf := make([]byte, 4)
	_, err = io.ReadFull(server, buf)
	require.NoError(t, err)
	assert.Equal(t, "ping", string(buf))

	require.NoError(t, l.Close())
	_, err = l.Accept()
	checkClosedError(t, err, "accept", l)
	_, err = l.Dial()
	checkClosedError(t, err, "dial", l)
	checkClosedError(t, l.Close(), "close", l)

	// Accepted conns outlive the listener.
	go func() {
		server.Write([]byte("pong"))
	}()
	_, err = io.ReadFull(client, buf)
	require.NoError(t, err)
	assert.Equal(t, "pong", string(buf))
	client.Close()
	server.Close()
}

func TestListenerCloseUnblocksAccept(t *testing.T) {
	t.Parallel()
	l := pipe.NewListener("x")
	errc := make(chan error, 1)
	go func() {
		_, err := l.Accept()
		errc <- err
	}()
	time.Sleep(settle)
	require.NoError(t, l.Close())
	select {
	case err := <-errc:
		checkClosedError(t, err, "accept", l)
	case <-time.After(5 * time.Second):
		t.Fatal("Accept still blocked after Close")
	}
}

func TestListenerCloseDropsQueued(t *testing.T) {
	t.Parallel()
	l := pipe.NewBufferedListener("x", 16)
	var clients []net.Conn
	for range 3 {
		c, err := l.Dial()
		require.NoError(t, err)
		clients = append(clients, c)
	}
	require.NoError(t, l.Close())
	for _, c := range clients {
		_, err := c.Read(make([]byte, 1))
		assert.Same(t, io.EOF, err, "a queued conn is closed by the listener's Close")
		c.Close()
	}
}

func TestListenerBacklog(t *testing.T) {
	t.Parallel()
	l := pipe.NewListener("x")
	defer l.Close()
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range pipe.Backlog {
		c, err := l.Dial()
		require.NoError(t, err)
		conns = append(conns, c)
	}
	// Full: a Dial waits, until its context gives up...
	ctx, cancel := context.WithTimeout(context.Background(), settle)
	defer cancel()
	_, err := l.DialContext(ctx, "tcp", "ignored:80")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	var oe *addr.OpError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "dial", oe.Op)
	assert.Equal(t, "dial pipe x: context deadline exceeded", err.Error())

	// ...or until Accepts make room: several waiting Dials all get through.
	var wg sync.WaitGroup
	dialed := make(chan net.Conn, 5)
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := l.Dial()
			if assert.NoError(t, err) {
				dialed <- c
			}
		}()
	}
	time.Sleep(settle)
	for range 5 {
		s, err := l.Accept()
		require.NoError(t, err)
		conns = append(conns, s)
	}
	wg.Wait()
	close(dialed)
	for c := range dialed {
		conns = append(conns, c)
	}
	assert.Len(t, conns, pipe.Backlog+10)

	// A cancelled context fails at once.
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = l.DialContext(ctx, "", "")
	assert.ErrorIs(t, err, context.Canceled)
}

func TestListenerCloseUnblocksDial(t *testing.T) {
	t.Parallel()
	l := pipe.NewListener("full")
	var conns []net.Conn
	for range pipe.Backlog {
		c, err := l.Dial()
		require.NoError(t, err)
		conns = append(conns, c)
	}
	errc := make(chan error, 1)
	go func() {
		_, err := l.Dial()
		errc <- err
	}()
	time.Sleep(settle)
	require.NoError(t, l.Close())
	checkClosedError(t, <-errc, "dial", l)
	for _, c := range conns {
		c.Close()
	}
}

// TestHTTPOverListener serves net/http on a Listener and fetches through an
// http.Client that dials it: the use the Listener is for.
func TestHTTPOverListener(t *testing.T) {
	t.Parallel()
	for _, size := range []int{0, 32 << 10} {
		l := pipe.NewBufferedListener("api.test", size)
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, err := io.ReadAll(r.Body) // HTTP/1 is not full duplex
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			w.Header().Set("X-Path", r.URL.Path)
			w.Write(body)
		})}
		served := make(chan error, 1)
		go func() { served <- srv.Serve(l) }()
		tr := &http.Transport{DialContext: l.DialContext}
		client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
		for i := range 3 {
			body := string(make([]byte, 100<<10)) + "end"
			resp, err := client.Post("http://api.test/echo", "text/plain", stringsReader(body))
			require.NoError(t, err, "request %d", i)
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, "/echo", resp.Header.Get("X-Path"))
			assert.True(t, body == string(got), "echoed body: %d bytes, want %d", len(got), len(body))
		}
		tr.CloseIdleConnections()
		require.NoError(t, srv.Close())
		err := <-served
		assert.True(t, errors.Is(err, http.ErrServerClosed), "Serve returned %v", err)
	}
}

type sr struct {
	s string
	i int
}

func (r *sr) Read(b []byte) (int, error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	n := copy(b, r.s[r.i:])
	r.i += n
	return n, nil
}

func stringsReader(s string) io.Reader { return &sr{s: s} }
