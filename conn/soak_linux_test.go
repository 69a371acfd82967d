package conn_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The soak tests are long load runs for `make soak` (NETKIT_SOAK=1); they
// are not part of `make test`.

func needSoak(t *testing.T, fds uint64) {
	t.Helper()
	if os.Getenv("NETKIT_SOAK") == "" {
		t.Skip("set NETKIT_SOAK=1 to run the load tests (make soak)")
	}
	var lim syscall.Rlimit
	require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim))
	if lim.Cur < fds && lim.Max >= fds {
		lim.Cur = fds
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	if lim.Cur < fds && os.Geteuid() == 0 {
		lim.Cur, lim.Max = fds, fds
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim))
	if lim.Cur < fds {
		t.Skipf("needs %d open files, RLIMIT_NOFILE is %d (raise it: ulimit -n %d)", fds, lim.Cur, fds)
	}
}

// echoServer accepts on ln and echoes on every connection until ln is
// closed and every connection has ended.
type echoServer struct {
	wg     sync.WaitGroup
	errors atomic.Int64
}

func (s *echoServer) serve(ln net.Listener) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				// Out of descriptors or a reset before accept: count
				// it, back off and go on, as http.Server does.
				s.errors.Add(1)
				time.Sleep(5 * time.Millisecond)
				continue
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer c.Close()
				// A plain loop rather than io.Copy, whose splice path
				// would hold a pipe (two more descriptors) per
				// connection.
				buf := make([]byte, 512)
				for {
					n, err := c.Read(buf)
					if err == io.EOF {
						return
					}
					if err != nil {
						s.errors.Add(1)
						return
					}
					if _, err := c.Write(buf[:n]); err != nil {
						s.errors.Add(1)
						return
					}
				}
			}()
		}
	}()
}

// settle waits for the fd and goroutine counts to return to (at most)
// the baseline plus slack.
func settle(t *testing.T, fds0, g0 int) {
	t.Helper()
	var fds, g int
	for i := 0; i < 100; i++ {
		fds, g = openFDs(), runtime.NumGoroutine()
		if fds <= fds0+2 && g <= g0+2 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("after the run: %d fds (baseline %d), %d goroutines (baseline %d)", fds, fds0, g, g0)
}

// TestSoakConcurrentEcho holds 10,000 echo connections open at once and
// exchanges messages on all of them concurrently. The server side runs in
// this process, the 10,000 clients in a child process (the test binary
// again, running TestSoakEchoClients), so that neither needs more than
// ~10,000 descriptors.
func TestSoakConcurrentEcho(t *testing.T) {
	if os.Getenv(soakClientEnv) != "" {
		t.Skip("this is the client process")
	}
	needSoak(t, soakConns+1000)
	fds0, g0 := openFDs(), runtime.NumGoroutine()

	ln, err := conn.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	var srv echoServer
	srv.serve(ln)

	cmd := exec.Command(os.Args[0], "-test.run=^TestSoakEchoClients$", "-test.count=1", "-test.v", "-test.timeout=30m")
	cmd.Env = append(os.Environ(), soakClientEnv+"="+ln.Addr().String())
	out, err := cmd.CombinedOutput()
	t.Logf("client process:\n%s", out)
	assert.NoError(t, err, "client process failed")
	assert.Contains(t, string(out), "--- PASS: TestSoakEchoClients")

	ln.Close()
	srv.wg.Wait()
	assert.Zero(t, srv.errors.Load(), "server errors")
	settle(t, fds0, g0)
}

const (
	soakConns     = 10000
	soakClientEnv = "NETKIT_SOAK_ECHO_ADDR"
)

// TestSoakEchoClients is the client process of TestSoakConcurrentEcho.
func TestSoakEchoClients(t *testing.T) {
	address := os.Getenv(soakClientEnv)
	if address == "" {
		t.Skip("runs as the client process of TestSoakConcurrentEcho")
	}
	needSoak(t, soakConns+1000)
	fds0, g0 := openFDs(), runtime.NumGoroutine()
	clients := make([]net.Conn, soakConns)
	var dialErrs atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for w := 0; w < 64; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := conn.Dialer{Timeout: 30 * time.Second}
			for {
				i := int(next.Add(1) - 1)
				if i >= soakConns {
					return
				}
				c, err := d.Dial("tcp4", address)
				if err != nil {
					dialErrs.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				clients[i] = c
			}
		}()
	}
	wg.Wait()
	require.Zero(t, dialErrs.Load(), "dial errors, first: %v", firstErr.Load())
	t.Logf("%d connections open, %d fds in use", soakConns, openFDs())

	var ioErrs atomic.Int64
	for round := 0; round < 3; round++ {
		for i := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := clients[i]
				c.SetDeadline(time.Now().Add(120 * time.Second))
				msg := []byte("round " + strconv.Itoa(round) + " conn " + strconv.Itoa(i))
				if _, err := c.Write(msg); err != nil {
					ioErrs.Add(1)
					firstErr.CompareAndSwap(nil, err)
					return
				}
				got := make([]byte, len(msg))
				if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, msg) {
					ioErrs.Add(1)
					if err != nil {
						firstErr.CompareAndSwap(nil, err)
					}
				}
			}()
		}
		wg.Wait()
	}
	assert.Zero(t, ioErrs.Load(), "echo errors, first: %v", firstErr.Load())
	for _, c := range clients {
		c.Close()
	}
	settle(t, fds0, g0)
}

// TestSoakShortConns runs 200,000 short connections (dial, echo 32 bytes,
// close) from 32 workers.
func TestSoakShortConns(t *testing.T) {
	const total = 200000
	needSoak(t, 4096)
	fds0, g0 := openFDs(), runtime.NumGoroutine()

	// Several loopback addresses spread the 4-tuples (TIME_WAIT).
	var lns []net.Listener
	var srv echoServer
	for i := 1; i <= 8; i++ {
		ln, err := conn.Listen("tcp4", "127.0.0."+strconv.Itoa(i)+":0")
		require.NoError(t, err)
		srv.serve(ln)
		lns = append(lns, ln)
	}
	var failures atomic.Int64
	var firstErr atomic.Value
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < 32; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := conn.Dialer{Timeout: 10 * time.Second}
			msg := []byte("0123456789abcdef0123456789abcdef")
			got := make([]byte, len(msg))
			for {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				err := func() error {
					c, err := d.Dial("tcp4", lns[i%int64(len(lns))].Addr().String())
					if err != nil {
						return err
					}
					defer c.Close()
					if _, err := c.Write(msg); err != nil {
						return err
					}
					_, err = io.ReadFull(c, got)
					return err
				}()
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	t.Logf("%d short connections in %v (%.0f/s)", total, elapsed, total/elapsed.Seconds())
	for _, ln := range lns {
		ln.Close()
	}
	srv.wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d short connections failed, first: %v", n, total, firstErr.Load())
	}
	assert.Zero(t, srv.errors.Load(), "server errors")
	settle(t, fds0, g0)
}
