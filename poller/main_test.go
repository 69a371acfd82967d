package poller_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// init keeps the main goroutine on the main thread, so that no test
// goroutine ever runs there: a test that locks its goroutine to a thread and
// setns()es into a network namespace (netns_linux_test.go) lets that thread
// exit with the goroutine, but the main thread cannot exit and would carry
// the namespace into every later test.
func init() { runtime.LockOSThread() }

// TestMain fails the run when a test leaks a goroutine or, on Linux, a file
// descriptor.
func TestMain(m *testing.M) {
	// The runtime opens its own poller descriptors (epoll, eventfd) on
	// first use: make that happen before counting.
	if r, w, err := os.Pipe(); err == nil {
		r.SetReadDeadline(time.Now())
		r.Close()
		w.Close()
	}
	before := openFDs()
	code := m.Run()
	if code == 0 && before >= 0 {
		// Give closes started by the last test (finalizers, last
		// references) a moment to land.
		var after int
		for range 50 {
			if after = openFDs(); after <= before {
				break
			}
			runtime.GC()
			time.Sleep(20 * time.Millisecond)
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

// openFDs counts this process's open descriptors, or returns -1 where
// /proc/self/fd does not exist.
func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}
