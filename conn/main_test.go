package conn_test

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestMain checks, after all tests, that no goroutine leaked and (on
// Linux) that no file descriptor stayed open.
func TestMain(m *testing.M) {
	// Start the runtime's network poller (its epoll and eventfd
	// descriptors live for the whole process) before counting.
	if ln, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
	}
	before := openFDs()
	code := m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goroutine leak:", err)
			code = 1
		}
	}
	if code == 0 && before >= 0 {
		// Closed sockets may take a moment to be released by goroutines
		// that are just returning.
		var after int
		for i := 0; i < 50; i++ {
			if after = openFDs(); after <= before {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if after > before {
			fmt.Fprintf(os.Stderr, "file descriptor leak: %d open before the tests, %d after\n", before, after)
			listFDs()
			code = 1
		}
	}
	os.Exit(code)
}

// openFDs counts this process's open descriptors, or -1 off Linux.
func openFDs() int {
	if runtime.GOOS != "linux" {
		return -1
	}
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents) - 1 // the directory being read
}

func listFDs() {
	ents, _ := os.ReadDir("/proc/self/fd")
	for _, e := range ents {
		target, _ := os.Readlink("/proc/self/fd/" + e.Name())
		fmt.Fprintln(os.Stderr, "  fd", e.Name(), "->", target)
	}
}
