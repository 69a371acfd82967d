//go:build unix

package resolver_test

import (
	"context"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/netkit-go/netkit/resolver"
	"github.com/netkit-go/netkit/resolver/dnstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLeakThousandsOfLookups runs 3000 lookups, a third of them cancelled
// and a third timing out, and checks that goroutines and descriptors come
// back to where they were (TestMain checks the whole run as well).
func TestLeakThousandsOfLookups(t *testing.T) {
	good, slow, silent := newServer(t, nil), newServer(t, nil), newServer(t, nil)
	slow.SetBehavior(dnstest.Behavior{Delay: 200 * time.Millisecond})
	silent.SetBehavior(dnstest.Behavior{Drop: true})
	fds, goroutines := openFDs(), runtime.NumGoroutine()

	generous := func(c *resolver.Config) { c.Timeout, c.Attempts = 5*time.Second, 2 }
	rGood := testResolver(t, []string{good.Addr}, generous)
	rSlow := testResolver(t, []string{slow.Addr}, func(c *resolver.Config) { c.Timeout = time.Second })
	rSilent := testResolver(t, []string{silent.Addr}, func(c *resolver.Config) { c.Timeout = 5 * time.Millisecond })
	rPipe := testResolver(t, []string{good.Addr}, generous, func(c *resolver.Config) { c.Transport = resolver.TransportTCPPipelined })

	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	var mu sync.Mutex
	counts := map[string]int{}
	for i := 0; i < 3000; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			var err error
			kind := ""
			switch i % 4 {
			case 0:
				kind = "ok"
				_, err = rGood.LookupHost(context.Background(), "host")
			case 1:
				kind = "cancelled"
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i%7)*time.Millisecond)
				_, err = rSlow.LookupIPAddr(ctx, "host")
				cancel()
			case 2:
				kind = "timeout"
				_, err = rSilent.LookupTXT(context.Background(), "host.example.test.")
			case 3:
				kind = "pipelined"
				_, err = rPipe.LookupHost(context.Background(), "host")
			}
			mu.Lock()
			if err == nil {
				counts[kind]++
			} else {
				counts[kind+" error"]++
			}
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	assert.Equal(t, 750, counts["ok"], "%v", counts)
	assert.Equal(t, 750, counts["pipelined"], "%v", counts)
	assert.Equal(t, 750, counts["cancelled error"]+counts["cancelled"], "%v", counts)
	assert.Greater(t, counts["cancelled error"], 600, "%v", counts)
	assert.Equal(t, 750, counts["timeout error"], "%v", counts)

	rPipe.Close()
	defer func() {
		if t.Failed() {
			buf := make([]byte, 1<<20)
			t.Logf("%s", buf[:runtime.Stack(buf, true)])
			t.Logf("goroutines %d -> %d, fds %d -> %d: %v", goroutines, runtime.NumGoroutine(), fds, openFDs(), fdList())
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutines || openFDs() > fds {
		require.True(t, time.Now().Before(deadline), "leak")
		time.Sleep(20 * time.Millisecond)
	}
}

func fdList() []string {
	ents, _ := os.ReadDir("/proc/self/fd")
	var out []string
	for _, e := range ents {
		l, _ := os.Readlink("/proc/self/fd/" + e.Name())
		out = append(out, e.Name()+"="+l)
	}
	return out
}
