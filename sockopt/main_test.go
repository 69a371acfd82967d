package sockopt_test

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"testing"

	"go.uber.org/goleak"
)

// init keeps the process's main thread for the main goroutine. The
// namespace tests move locked threads into network namespaces; were one of
// them the main thread, it could not exit and the process's /proc/self/net
// view (the main thread's) would stay in a deleted namespace.
func init() { runtime.LockOSThread() }

// TestMain fails the run when a test leaks a goroutine or, on Linux, a file
// descriptor, or leaves the main thread in another network namespace.
func TestMain(m *testing.M) {
	// The runtime's network poller opens its epoll and event descriptors on
	// first use and keeps them: open them before counting.
	if ln, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
	}
	before := openFDs()
	ns, _ := os.Readlink("/proc/self/ns/net")
	code := m.Run()
	if after, _ := os.Readlink("/proc/self/ns/net"); after != ns {
		fmt.Fprintf(os.Stderr, "the main thread changed network namespace: %s before the tests, %s after\n", ns, after)
		code = 1
	}
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
