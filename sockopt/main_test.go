package sockopt_test

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run when a test leaks a goroutine or, on Linux, a file
// descriptor.
func TestMain(m *testing.M) {
	// The runtime's network poller opens its epoll and event descriptors on
	// first use and keeps them: open them before counting.
	if ln, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
	}
	before := openFDs()
	code := m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintf(os.Stderr, "goroutine leak: %v\n", err)
			code = 1
		}
		if after := openFDs(); after > before {
			fmt.Fprintf(os.Stderr, "file descriptor leak: %d open before the tests, %d after\n", before, after)
			code = 1
		}
	}
	os.Exit(code)
}

// openFDs counts this process's open file descriptors (Linux only; -1
// elsewhere, which disables the check).
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
