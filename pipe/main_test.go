package pipe_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run when tests leak goroutines or (on Linux) file
// descriptors: pipes use neither once closed.
func TestMain(m *testing.M) {
	// Start the runtime's poller (epoll and eventfd descriptors) now, so
	// that a test running a subprocess does not count it as a leak.
	if r, w, err := os.Pipe(); err == nil {
		r.Close()
		w.Close()
	}
	before := openFDs()
	code := m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
		if after := openFDs(); after > before {
			fmt.Fprintf(os.Stderr, "open file descriptors: %d before the tests, %d after\n", before, after)
			code = 1
		}
	}
	os.Exit(code)
}

// openFDs counts /proc/self/fd entries on Linux, -1 elsewhere.
func openFDs() int {
	if runtime.GOOS != "linux" {
		return -1
	}
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}
