package conn_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netkit-go/netkit/conn"
)

// Benchmarks run in pairs, netkit then the standard library, with the
// same shape: both ends of every connection use the implementation under
// test. Ratios netkit/std are in README.md; rerun with
//
//	go test -run '^$' -bench . -benchtime 2s -count 5 ./conn | go run ./examples/benchtable
//
// or just `go test -run '^$' -bench . ./conn`.

type impl struct {
	name   string
	listen func(network, address string) (net.Listener, error)
	dial   func(network, address string) (net.Conn, error)
}

var impls = []impl{
	{"netkit", conn.Listen, conn.Dial},
	{"std", net.Listen, net.Dial},
}

// echoPairs returns n client conns whose peers echo everything back.
func echoPairs(b *testing.B, im impl, n int) ([]net.Conn, func()) {
	b.Helper()
	ln, err := im.listen("tcp4", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var servers []net.Conn
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			servers = append(servers, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				buf := make([]byte, 32<<10)
				for {
					n, err := c.Read(buf)
					if err != nil {
						return
					}
					if _, err := c.Write(buf[:n]); err != nil {
						return
					}
				}
			}()
		}
	}()
	clients := make([]net.Conn, n)
	for i := range clients {
		if clients[i], err = im.dial("tcp4", ln.Addr().String()); err != nil {
			b.Fatal(err)
		}
	}
	return clients, func() {
		ln.Close()
		for _, c := range clients {
			c.Close()
		}
		mu.Lock()
		for _, c := range servers {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	}
}

// BenchmarkTCPPingPong: b.N round trips of size bytes, spread over conns
// connections driven concurrently.
func BenchmarkTCPPingPong(b *testing.B) {
	for _, conns := range []int{1, 64, 1000} {
		for _, size := range []int{64, 4096} {
			for _, im := range impls {
				b.Run("conns="+strconv.Itoa(conns)+"/"+sizeName(size)+"/"+im.name, func(b *testing.B) {
					clients, stop := echoPairs(b, im, conns)
					defer stop()
					b.ReportAllocs()
					b.SetBytes(int64(2 * size))
					defer reportCPU(b)()
					var wg sync.WaitGroup
					for i, c := range clients {
						rounds := b.N / conns
						if i < b.N%conns {
							rounds++
						}
						if rounds == 0 {
							continue
						}
						wg.Add(1)
						go func() {
							defer wg.Done()
							buf := make([]byte, size)
							for r := 0; r < rounds; r++ {
								if _, err := c.Write(buf); err != nil {
									b.Error(err)
									return
								}
								if _, err := io.ReadFull(c, buf); err != nil {
									b.Error(err)
									return
								}
							}
						}()
					}
					wg.Wait()
				})
			}
		}
	}
}

func sizeName(n int) string {
	if n >= 1024 {
		return strconv.Itoa(n>>10) + "KiB"
	}
	return strconv.Itoa(n) + "B"
}

// BenchmarkTCPThroughput streams 64 KiB writes one way.
func BenchmarkTCPThroughput(b *testing.B) {
	for _, im := range impls {
		b.Run(im.name, func(b *testing.B) {
			ln, err := im.listen("tcp4", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			defer ln.Close()
			done := make(chan int64)
			go func() {
				c, err := ln.Accept()
				if err != nil {
					done <- 0
					return
				}
				defer c.Close()
				buf := make([]byte, 256<<10)
				var total int64
				for {
					n, err := c.Read(buf)
					total += int64(n)
					if err != nil {
						break
					}
				}
				done <- total
			}()
			c, err := im.dial("tcp4", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			buf := make([]byte, 64<<10)
			b.ReportAllocs()
			b.SetBytes(int64(len(buf)))
			defer reportCPU(b)()
			for i := 0; i < b.N; i++ {
				if _, err := c.Write(buf); err != nil {
					b.Fatal(err)
				}
			}
			c.(interface{ CloseWrite() error }).CloseWrite()
			if got := <-done; got != int64(b.N)*int64(len(buf)) {
				b.Fatalf("received %d bytes, sent %d", got, int64(b.N)*int64(len(buf)))
			}
			b.StopTimer()
			c.Close()
		})
	}
}

// BenchmarkHTTPHello: net/http hello world served on the implementation's
// listener, fetched by an in-process keep-alive client from 16
// goroutines.
func BenchmarkHTTPHello(b *testing.B) {
	for _, im := range impls {
		b.Run(im.name, func(b *testing.B) {
			ln, err := im.listen("tcp4", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, "Hello, World!\n")
			})}
			go srv.Serve(ln)
			defer srv.Close()
			tr := &http.Transport{MaxIdleConnsPerHost: 64, DialContext: func(ctx context.Context, network, address string) (net.Conn, error) {
				return im.dial(network, address)
			}}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}
			url := "http://" + ln.Addr().String() + "/"
			b.ReportAllocs()
			b.SetParallelism(8)
			defer reportCPU(b)()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Get(url)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			})
		})
	}
}

// reportCPU resets the benchmark timer and returns a func, to defer,
// that stops it and reports the process CPU time (both ends of every
// connection, user and system) per operation as cpu-ns/op: on a busy
// machine a steadier measure of the work done than wall time.
func reportCPU(b *testing.B) func() {
	b.ResetTimer()
	cpu0 := cpuTime()
	return func() {
		b.StopTimer()
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// cpuTime returns the user+system CPU time of the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSendfile: io.Copy of a page-cached 64 MiB file into a TCP
// conn (sendfile in both implementations), the receiver discarding; it
// reports the process CPU time per copy as cpu-ns/op (the issue's
// criterion: at most 1.1x the standard library's).
func BenchmarkSendfile(b *testing.B) {
	const size = 64 << 20
	f, err := os.CreateTemp("", "nk-bench-sendfile")
	if err != nil {
		b.Fatal(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = byte(i)
	}
	for i := 0; i < size/len(chunk); i++ {
		f.Write(chunk)
	}
	// Warm the page cache.
	f.Seek(0, io.SeekStart)
	io.Copy(io.Discard, f)
	for _, im := range impls {
		b.Run(im.name, func(b *testing.B) {
			ln, err := im.listen("tcp4", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			defer ln.Close()
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					go func() {
						io.Copy(io.Discard, c)
						c.Close()
					}()
				}
			}()
			c, err := im.dial("tcp4", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			b.ReportAllocs()
			b.SetBytes(size)
			defer reportCPU(b)()
			for i := 0; i < b.N; i++ {
				f.Seek(0, io.SeekStart)
				n, err := io.Copy(c, f)
				if err != nil || n != size {
					b.Fatalf("io.Copy = %d, %v", n, err)
				}
			}
		})
	}
}

// BenchmarkProxyCopy: 1 MiB per op through a proxy that io.Copy's from one
// connection into another (splice in both implementations on Linux), the
// sender and the receiver being ordinary connections of the same
// implementation.
func BenchmarkProxyCopy(b *testing.B) {
	const chunk = 1 << 20
	for _, im := range impls {
		b.Run(im.name, func(b *testing.B) {
			front, err := im.listen("tcp4", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			defer front.Close()
			back, err := im.listen("tcp4", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			defer back.Close()
			proxied := make(chan error, 1)
			go func() {
				in, err := front.Accept()
				if err != nil {
					proxied <- err
					return
				}
				defer in.Close()
				out, err := im.dial("tcp4", back.Addr().String())
				if err != nil {
					proxied <- err
					return
				}
				defer out.Close()
				_, err = io.Copy(out, in)
				out.(interface{ CloseWrite() error }).CloseWrite()
				proxied <- err
			}()
			received := make(chan int64, 1)
			go func() {
				c, err := back.Accept()
				if err != nil {
					received <- 0
					return
				}
				defer c.Close()
				n, _ := io.Copy(io.Discard, c)
				received <- n
			}()
			c, err := im.dial("tcp4", front.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			buf := make([]byte, chunk)
			b.ReportAllocs()
			b.SetBytes(chunk)
			stop := reportCPU(b)
			for i := 0; i < b.N; i++ {
				if _, err := c.Write(buf); err != nil {
					b.Fatal(err)
				}
			}
			c.(interface{ CloseWrite() error }).CloseWrite()
			if err := <-proxied; err != nil {
				b.Fatal(err)
			}
			if n := <-received; n != int64(b.N)*chunk {
				b.Fatalf("received %d bytes, want %d", n, int64(b.N)*chunk)
			}
			stop()
			c.Close()
		})
	}
}
