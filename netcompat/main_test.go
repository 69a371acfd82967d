package netcompat_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestMain fails the run when a test leaks a goroutine or, on Linux, a file
// descriptor.
func TestMain(m *testing.M) {
	// The runtime opens its poller descriptors on first use: do that first.
	if r, w, err := os.Pipe(); err == nil {
		r.SetReadDeadline(time.Now())
		r.Close()
		w.Close()
	}
	before := openFDs()
	code := m.Run()
	if code == 0 && before >= 0 {
		after := openFDs()
		for i := 0; i < 50 && after > before; i++ {
			runtime.GC()
			time.Sleep(20 * time.Millisecond)
			after = openFDs()
		}
		if after > before {
			fmt.Fprintf(os.Stderr, "fd leak: %d open descriptors before the tests, %d after\n", before, after)
			code = 1
		}
	}
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintf(os.Stderr, "goroutine leak: %v\n", err)
			code = 1
		}
	}
	os.Exit(code)
}

func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}
