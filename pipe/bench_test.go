package pipe_test

import (
	"io"
	"net"
	"strconv"
	"testing"

	"github.com/netkit-go/netkit/pipe"
)

var benchSizes = []int{64, 1024, 32 << 10, 1 << 20}

func sizeName(n int) string {
	switch {
	case n >= 1<<20:
		return strconv.Itoa(n>>20) + "MiB"
	case n >= 1<<10:
		return strconv.Itoa(n>>10) + "KiB"
	}
	return strconv.Itoa(n) + "B"
}

// throughput writes b.N messages of size bytes on one end while the other
// end reads them with a buffer of readBuf bytes.
func throughput(b *testing.B, mk func() (net.Conn, net.Conn), size, readBuf int) {
	c1, c2 := mk()
	defer c2.Close()
	msg := make([]byte, size)
	done := make(chan error, 1)
	go func() {
		buf := make([]byte, readBuf)
		total := int64(b.N) * int64(size)
		var got int64
		for got < total {
			n, err := c2.Read(buf)
			got += int64(n)
			if err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := c1.Write(msg); err != nil {
			b.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	c1.Close()
}

// BenchmarkPipeThroughput compares Pipe with net.Pipe: one-way transfer,
// read buffer as large as the writes.
func BenchmarkPipeThroughput(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(sizeName(size)+"/netkit", func(b *testing.B) { throughput(b, pipe.Pipe, size, size) })
		b.Run(sizeName(size)+"/std", func(b *testing.B) { throughput(b, net.Pipe, size, size) })
	}
}

// BenchmarkPipeSmallReads: large writes read 4 KiB at a time (io.Copy's
// pattern with a small buffer).
func BenchmarkPipeSmallReads(b *testing.B) {
	for _, size := range []int{32 << 10, 1 << 20} {
		b.Run(sizeName(size)+"/netkit", func(b *testing.B) { throughput(b, pipe.Pipe, size, 4096) })
		b.Run(sizeName(size)+"/std", func(b *testing.B) { throughput(b, net.Pipe, size, 4096) })
	}
}

// BenchmarkBufferedPipeThroughput: the buffered pipe (64 KiB) against
// net.Pipe, which is what one would use without it.
func BenchmarkBufferedPipeThroughput(b *testing.B) {
	buffered := func() (net.Conn, net.Conn) { return pipe.BufferedPipe(64 << 10) }
	for _, size := range benchSizes {
		b.Run(sizeName(size)+"/netkit", func(b *testing.B) { throughput(b, buffered, size, size) })
		b.Run(sizeName(size)+"/std", func(b *testing.B) { throughput(b, net.Pipe, size, size) })
	}
}

// BenchmarkPipePingPong: a 64-byte request and reply per iteration.
func BenchmarkPipePingPong(b *testing.B) {
	for name, mk := range map[string]func() (net.Conn, net.Conn){"netkit": pipe.Pipe, "std": net.Pipe} {
		b.Run(name, func(b *testing.B) {
			c1, c2 := mk()
			go func() {
				buf := make([]byte, 64)
				for {
					if _, err := io.ReadFull(c2, buf); err != nil {
						return
					}
					if _, err := c2.Write(buf); err != nil {
						return
					}
				}
			}()
			msg := make([]byte, 64)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := c1.Write(msg); err != nil {
					b.Fatal(err)
				}
				if _, err := io.ReadFull(c1, msg); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			c1.Close()
			c2.Close()
		})
	}
}
