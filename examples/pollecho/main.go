//go:build unix

// Command pollecho is an event-loop echo server built only on
// netkit's poller.Poller: one goroutine, one epoll (or kqueue) instance,
// no goroutine per connection, so an idle connection costs a few dozen
// bytes of user memory (its slot in the connection table) besides the
// kernel's socket.
//
//	pollecho -addr 127.0.0.1:7007          serve until interrupted
//	pollecho -selftest 10000               hold 10,000 idle loopback connections,
//	                                       echo-check a sample, print RSS per connection
//	pollecho -selftest 10000 -compare      also measure a goroutine-per-connection
//	                                       stdlib server on the same clients
//
// The self-test raises RLIMIT_NOFILE in-process, starts the server on an
// ephemeral loopback port, runs itself again as a client process that opens
// N non-blocking connections to it (paced so the listen backlog never
// overflows), waits until the server has accepted them all, has the client
// check echo on a random sample, and reports the growth of the server
// process's VmRSS (/proc/self/status, Linux) divided by N.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/netkit-go/netkit/poller"
	"golang.org/x/sys/unix"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:7007", "listen address (IPv4 host:port)")
	selftest := flag.Int("selftest", 0, "open `N` idle client connections to a private server, check echo, report RSS per connection, exit")
	compare := flag.Bool("compare", false, "with -selftest: also measure a goroutine-per-connection stdlib server")
	goal := flag.Float64("goal", 1.0, "with -selftest: fail when the poller server needs more than this many KiB per connection")
	clients := flag.Int("clients", 0, "internal: run as the self-test's client process with `N` connections")
	target := flag.String("target", "", "internal: the self-test server's address")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("pollecho: ")

	if *clients > 0 {
		if err := runClients(*clients, *target); err != nil {
			log.Fatal(err)
		}
		return
	}

	if *selftest > 0 {
		if err := runSelftest(os.Stdout, *selftest, *compare, *goal); err != nil {
			log.Fatal(err)
		}
		return
	}
	sa, err := parseAddr(*addr)
	if err != nil {
		log.Fatal(err)
	}
	srv, err := newServer(sa)
	if err != nil {
		log.Fatal(err)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		srv.stop()
	}()
	log.Printf("echoing on %s (poller event loop)", *addr)
	if err := srv.run(); err != nil {
		log.Fatal(err)
	}
}

// parseAddr turns "a.b.c.d:port" into a sockaddr without the net package's
// resolver (the server is built on poller and x/sys/unix alone).
func parseAddr(s string) (*unix.SockaddrInet4, error) {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return nil, err
	}
	ip := net.ParseIP(host).To4()
	if ip == nil {
		return nil, fmt.Errorf("%q: need an IPv4 address", host)
	}
	var p int
	if _, err := fmt.Sscanf(port, "%d", &p); err != nil || p < 0 || p > 65535 {
		return nil, fmt.Errorf("%q: bad port", port)
	}
	sa := &unix.SockaddrInet4{Port: p}
	copy(sa.Addr[:], ip)
	return sa, nil
}

// conn is the per-connection state: the whole of it. Token == fd.
type conn struct {
	open    bool
	pending []byte // echo bytes the socket would not take yet; nil when idle
}

type server struct {
	p        *poller.Poller
	lfd      int
	addr     *unix.SockaddrInet4
	conns    []conn // indexed by fd
	buf      []byte // one read buffer shared by every connection
	stopping atomic.Bool
	accepted atomic.Int64
	open     atomic.Int64
}

// newServer listens on sa (port 0 picks one) and registers the listener.
func newServer(sa *unix.SockaddrInet4) (*server, error) {
	lfd, err := socketNonblock()
	if err != nil {
		return nil, err
	}
	unix.SetsockoptInt(lfd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if err := unix.Bind(lfd, sa); err != nil {
		unix.Close(lfd)
		return nil, os.NewSyscallError("bind", err)
	}
	if err := unix.Listen(lfd, 4096); err != nil {
		unix.Close(lfd)
		return nil, os.NewSyscallError("listen", err)
	}
	bound, err := unix.Getsockname(lfd)
	if err != nil {
		unix.Close(lfd)
		return nil, os.NewSyscallError("getsockname", err)
	}
	p, err := poller.New()
	if err != nil {
		unix.Close(lfd)
		return nil, err
	}
	if err := p.Add(lfd, poller.Readable, poller.Token(lfd)); err != nil {
		p.Close()
		unix.Close(lfd)
		return nil, err
	}
	return &server{p: p, lfd: lfd, addr: bound.(*unix.SockaddrInet4), buf: make([]byte, 64<<10)}, nil
}

func socketNonblock() (int, error) {
	syscall.ForkLock.RLock()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return -1, os.NewSyscallError("fcntl", err)
	}
	return fd, nil
}

// stop makes run return; it may be called from any goroutine.
func (s *server) stop() {
	s.stopping.Store(true)
	s.p.Wake()
}

// run is the event loop. It returns after stop, having closed everything.
func (s *server) run() error {
	defer s.shutdown()
	events := make([]poller.Event, 256)
	for !s.stopping.Load() {
		n, err := s.p.Wait(events, -1)
		if err != nil {
			return err
		}
		for _, ev := range events[:n] {
			fd := int(ev.Token)
			switch {
			case fd == s.lfd:
				s.acceptAll()
			case ev.Writable():
				s.flush(fd)
			default:
				s.echo(fd)
			}
		}
	}
	return nil
}

func (s *server) acceptAll() {
	for {
		nfd, _, err := unix.Accept(s.lfd)
		switch {
		case err == unix.EAGAIN:
			return
		case err == unix.EINTR || err == unix.ECONNABORTED:
			continue
		case err != nil:
			log.Printf("accept: %v", err)
			return
		}
		unix.CloseOnExec(nfd)
		if err := unix.SetNonblock(nfd, true); err != nil {
			unix.Close(nfd)
			continue
		}
		if nfd >= len(s.conns) {
			grown := make([]conn, max(2*len(s.conns), nfd+1, 1024))
			copy(grown, s.conns)
			s.conns = grown
		}
		if err := s.p.Add(nfd, poller.Readable, poller.Token(nfd)); err != nil {
			log.Printf("register: %v", err)
			unix.Close(nfd)
			continue
		}
		s.conns[nfd] = conn{open: true}
		s.accepted.Add(1)
		s.open.Add(1)
	}
}

// echo reads what is there and writes it back; what the socket will not
// take is kept and the connection waits for writability instead of input.
func (s *server) echo(fd int) {
	n, err := unix.Read(fd, s.buf)
	switch {
	case err == unix.EAGAIN || err == unix.EINTR:
		return
	case err != nil || n == 0:
		s.closeConn(fd)
		return
	}
	w, err := unix.Write(fd, s.buf[:n])
	if err != nil && err != unix.EAGAIN {
		s.closeConn(fd)
		return
	}
	w = max(w, 0)
	if w < n {
		s.conns[fd].pending = append([]byte(nil), s.buf[w:n]...)
		if err := s.p.Modify(fd, poller.Writable, poller.Token(fd)); err != nil {
			s.closeConn(fd)
		}
	}
}

func (s *server) flush(fd int) {
	c := &s.conns[fd]
	w, err := unix.Write(fd, c.pending)
	if err != nil && err != unix.EAGAIN {
		s.closeConn(fd)
		return
	}
	c.pending = c.pending[max(w, 0):]
	if len(c.pending) == 0 {
		c.pending = nil
		if err := s.p.Modify(fd, poller.Readable, poller.Token(fd)); err != nil {
			s.closeConn(fd)
		}
	}
}

func (s *server) closeConn(fd int) {
	if fd >= len(s.conns) || !s.conns[fd].open {
		return
	}
	s.p.Delete(fd)
	unix.Close(fd)
	s.conns[fd] = conn{}
	s.open.Add(-1)
}

func (s *server) shutdown() {
	for fd := range s.conns {
		s.closeConn(fd)
	}
	s.p.Delete(s.lfd)
	unix.Close(s.lfd)
	s.p.Close()
}

// runSelftest measures the poller server (and, with compare, a stdlib
// goroutine-per-connection server) holding n idle connections. The clients
// live in a child process (this program with -clients), so that the server's
// RSS and descriptor count are its own.
func runSelftest(w io.Writer, n int, compare bool, goal float64) error {
	if err := raiseNoFile(uint64(n + 256)); err != nil {
		return fmt.Errorf("raising RLIMIT_NOFILE for %d connections: %w", n, err)
	}
	perConn, err := measure(w, n, "poller event loop", startPollerServer)
	if err != nil {
		return err
	}
	if compare {
		if _, err := measure(w, n, "stdlib goroutine per connection", startStdServer); err != nil {
			return err
		}
	}
	if perConn >= 0 && perConn > goal {
		return fmt.Errorf("poller server: %.3f KiB per connection, goal < %.3g KiB", perConn, goal)
	}
	return nil
}

// A started server under test: its address, how many connections it has
// accepted, and how to stop it.
type testServer struct {
	addr     *unix.SockaddrInet4
	accepted func() int64
	stop     func()
}

func startPollerServer() (*testServer, error) {
	srv, err := newServer(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}})
	if err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- srv.run() }()
	return &testServer{
		addr:     srv.addr,
		accepted: srv.accepted.Load,
		stop: func() {
			srv.stop()
			if err := <-done; err != nil {
				log.Printf("event loop: %v", err)
			}
		},
	}, nil
}

func startStdServer() (*testServer, error) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	var accepted atomic.Int64
	var mu sync.Mutex
	var held []net.Conn
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
			accepted.Add(1)
			wg.Add(1)
			go func() {
				defer wg.Done()
				// A typical echo handler with a modest buffer.
				buf := make([]byte, 512)
				for {
					n, err := c.Read(buf)
					if err != nil {
						c.Close()
						return
					}
					if _, err := c.Write(buf[:n]); err != nil {
						c.Close()
						return
					}
				}
			}()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	return &testServer{
		addr:     &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}, Port: port},
		accepted: accepted.Load,
		stop: func() {
			ln.Close()
			mu.Lock()
			for _, c := range held {
				c.Close()
			}
			mu.Unlock()
			wg.Wait()
		},
	}, nil
}

// measure starts a server, has a child process open n idle connections to
// it, has the child check echo on a sample, and prints the server's RSS
// growth per connection. It returns KiB per connection, or -1 where RSS
// cannot be read.
func measure(w io.Writer, n int, name string, start func() (*testServer, error)) (float64, error) {
	srv, err := start()
	if err != nil {
		return 0, err
	}
	defer srv.stop()
	cmd, err := clientCommand(n, fmt.Sprintf("127.0.0.1:%d", srv.addr.Port))
	if err != nil {
		return 0, err
	}
	cmd.Stderr = os.Stderr
	toChild, err := cmd.StdinPipe()
	if err != nil {
		return 0, err
	}
	fromChild, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	settle()
	before, rssOK := rssKiB()
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer cmd.Wait()
	defer toChild.Close()
	lines := bufio.NewScanner(fromChild)
	next := func() (string, error) {
		if !lines.Scan() {
			if err := lines.Err(); err != nil {
				return "", err
			}
			return "", errors.New("client process exited early")
		}
		return lines.Text(), nil
	}
	// Protocol: the child prints "opened K" after each batch and waits for
	// "go" (sent once the server has accepted K, so the listen backlog never
	// overflows), then "echo ok" or "echo FAIL ..." after its check.
	for {
		line, err := next()
		if err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		if rest, ok := strings.CutPrefix(line, "opened "); ok {
			k, _ := strconv.ParseInt(rest, 10, 64)
			if err := waitUntil(func() bool { return srv.accepted() >= k }, 20*time.Second); err != nil {
				return 0, fmt.Errorf("%s: %d of %d connections accepted: %w", name, srv.accepted(), k, err)
			}
			if k == int64(n) {
				break
			}
			fmt.Fprintln(toChild, "go")
			continue
		}
		return 0, fmt.Errorf("%s: client process said %q", name, line)
	}
	elapsed := time.Since(t0)
	fmt.Fprintln(toChild, "check")
	line, err := next()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	if line != "echo ok" {
		return 0, fmt.Errorf("%s: %s", name, line)
	}
	settle()
	after, _ := rssKiB()
	fmt.Fprintf(w, "%s: %d idle connections established in %v, echo checked on %d of them\n",
		name, n, elapsed.Round(time.Millisecond), min(n, echoSample))
	if !rssOK {
		fmt.Fprintf(w, "%s: RSS unavailable on %s (no /proc/self/status)\n", name, runtime.GOOS)
		return -1, nil
	}
	perConn := float64(after-before) / float64(n)
	fmt.Fprintf(w, "%s: server RSS %d KiB -> %d KiB: %.3f KiB per connection\n", name, before, after, perConn)
	return perConn, nil
}

// clientCommand returns the command that runs the self-test's client
// process: this program with -clients. Tests replace it.
var clientCommand = func(n int, target string) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return exec.Command(self, "-clients", strconv.Itoa(n), "-target", target), nil
}

// echoSample is how many random connections the client process checks.
const echoSample = 100

// runClients is the client process of the self-test: it opens n
// non-blocking connections to target in batches, reporting each batch on
// stdout and waiting for "go" on stdin, then on "check" verifies echo on a
// sample, and holds the connections until stdin closes.
func runClients(n int, target string) error {
	if err := raiseNoFile(uint64(n + 256)); err != nil {
		return fmt.Errorf("raising RLIMIT_NOFILE for %d connections: %w", n, err)
	}
	sa, err := parseAddr(target)
	if err != nil {
		return err
	}
	in := bufio.NewScanner(os.Stdin)
	clients := make([]int, 0, n)
	const batch = 1000
	for len(clients) < n {
		for i := 0; i < batch && len(clients) < n; i++ {
			fd, err := socketNonblock()
			if err != nil {
				return fmt.Errorf("client %d: %w", len(clients), err)
			}
			if err := unix.Connect(fd, sa); err != nil && err != unix.EINPROGRESS {
				return fmt.Errorf("client %d: connect: %w", len(clients), err)
			}
			clients = append(clients, fd)
		}
		fmt.Printf("opened %d\n", len(clients))
		if len(clients) < n && (!in.Scan() || in.Text() != "go") {
			return errors.New("server went away")
		}
	}
	if !in.Scan() || in.Text() != "check" {
		return errors.New("server went away")
	}
	if err := checkEcho(clients, echoSample); err != nil {
		fmt.Printf("echo FAIL %v\n", err)
	} else {
		fmt.Println("echo ok")
	}
	for in.Scan() {
	}
	return nil
}

// settle collects garbage and returns free memory to the OS so that RSS
// reflects live memory.
func settle() {
	runtime.GC()
	debug.FreeOSMemory()
}

func waitUntil(cond func() bool, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			return errors.New("timed out")
		}
		time.Sleep(time.Millisecond)
	}
	return nil
}

// checkEcho sends a distinct message on up to k random client connections
// and expects it back.
func checkEcho(clients []int, k int) error {
	for i := 0; i < k && i < len(clients); i++ {
		fd := clients[rand.IntN(len(clients))]
		msg := fmt.Appendf(nil, "ping %d", i)
		if _, err := unix.Write(fd, msg); err != nil {
			return fmt.Errorf("echo write: %w", err)
		}
		got := make([]byte, 0, len(msg))
		buf := make([]byte, 64)
		deadline := time.Now().Add(5 * time.Second)
		for len(got) < len(msg) {
			n, err := unix.Read(fd, buf)
			if err == unix.EAGAIN {
				if time.Now().After(deadline) {
					return fmt.Errorf("echo: no reply in 5s (got %q)", got)
				}
				time.Sleep(100 * time.Microsecond)
				continue
			}
			if err != nil || n == 0 {
				return fmt.Errorf("echo read: n=%d err=%v", n, err)
			}
			got = append(got, buf[:n]...)
		}
		if string(got) != string(msg) {
			return fmt.Errorf("echo: sent %q, got %q", msg, got)
		}
	}
	return nil
}
