package conn_test

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUDPNoAllocs: the AddrPort datagram paths and connected Read/Write
// allocate nothing per call on Linux (the stdlib's do not either);
// ReadFromUDP allocates only the returned address's IP bytes, as the
// stdlib's does.
func TestUDPNoAllocs(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH == "386" || runtime.GOARCH == "s390x" {
		t.Skipf("the allocation-free datagram paths are Linux-only (not 386/s390x); on %s/%s each call allocates its sockaddr", runtime.GOOS, runtime.GOARCH)
	}
	x := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	y := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	require.NoError(t, y.SetReadDeadline(time.Now().Add(10*time.Second)))
	to := y.LocalAddr().(*addr.UDPAddr).AddrPort()
	msg, buf := make([]byte, 32), make([]byte, 64)
	allocs := testing.AllocsPerRun(200, func() {
		if _, err := x.WriteToUDPAddrPort(msg, to); err != nil {
			t.Fatal(err)
		}
		if _, _, err := y.ReadFromUDPAddrPort(buf); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs, "WriteToUDPAddrPort+ReadFromUDPAddrPort")

	oob := make([]byte, 64)
	allocs = testing.AllocsPerRun(200, func() {
		if _, _, err := x.WriteMsgUDPAddrPort(msg, nil, to); err != nil {
			t.Fatal(err)
		}
		if _, _, _, _, err := y.ReadMsgUDPAddrPort(buf, oob); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs, "WriteMsgUDPAddrPort+ReadMsgUDPAddrPort")

	toUDP := y.LocalAddr().(*addr.UDPAddr)
	allocs = testing.AllocsPerRun(200, func() {
		if _, err := x.WriteToUDP(msg, toUDP); err != nil {
			t.Fatal(err)
		}
		if _, _, err := y.ReadFromUDP(buf); err != nil {
			t.Fatal(err)
		}
	})
	assert.LessOrEqual(t, allocs, 1.0, "WriteToUDP+ReadFromUDP (the stdlib: 1, the IP bytes)")

	c, err := conn.DialUDP("udp4", nil, toUDP)
	require.NoError(t, err)
	defer c.Close()
	allocs = testing.AllocsPerRun(200, func() {
		if _, err := c.Write(msg); err != nil {
			t.Fatal(err)
		}
		if _, _, err := y.ReadFromUDPAddrPort(buf); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs, "connected Write")
}

// TestUDPConcurrentReadWrite hammers one conn from several goroutines in
// both directions (the per-conn buffers of the fast paths are shared) and
// checks every datagram arrives intact. Run it with -race.
func TestUDPConcurrentReadWrite(t *testing.T) {
	a := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	b := pkListenUDP(t, "udp4", addr.IPv4(127, 0, 0, 1))
	require.NoError(t, b.SetReadBuffer(1<<20))
	require.NoError(t, b.SetReadDeadline(time.Now().Add(10*time.Second)))
	const writers, each = 4, 50 // 200 small datagrams fit the receive buffer even if no reader runs
	to := b.LocalAddr().(*addr.UDPAddr)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				msg := []byte{byte(w), byte(i), byte(w ^ i), 0xaa}
				if i%2 == 0 {
					_, _ = a.WriteToUDP(msg, to)
				} else {
					_, _ = a.WriteToUDPAddrPort(msg, to.AddrPort())
				}
			}
		}(w)
	}
	got := make(chan [4]byte, writers*each)
	var rg sync.WaitGroup
	for r := 0; r < 3; r++ {
		rg.Add(1)
		go func() {
			defer rg.Done()
			buf := make([]byte, 16)
			for {
				n, from, err := b.ReadFromUDPAddrPort(buf)
				if err != nil {
					return
				}
				if n == 4 && from.Port() == uint16(a.LocalAddr().(*addr.UDPAddr).Port) {
					got <- [4]byte(buf[:4])
				}
			}
		}()
	}
	wg.Wait()
	seen := 0
	for seen < writers*each {
		select {
		case m := <-got:
			assert.Equal(t, m[0]^m[1], m[2], "corrupt datagram % x", m)
			assert.Equal(t, byte(0xaa), m[3])
			seen++
		case <-time.After(5 * time.Second):
			t.Fatalf("only %d of %d datagrams arrived", seen, writers*each)
		}
	}
	b.Close()
	rg.Wait()
}
