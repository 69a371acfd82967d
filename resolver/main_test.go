package resolver_test

import (
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/resolver"
	"go.uber.org/goleak"
)

// TestMain checks that the tests, thousands of lookups among them (some
// cancelled, some timed out), leak neither goroutines nor (on Linux) file
// descriptors.
func TestMain(m *testing.M) {
	// Start the runtime poller (it keeps an epoll and an eventfd open) and
	// read /etc/services once, so that they count as "before".
	resolver.SortByRFC6724([]addr.IPAddr{{IP: addr.IPFromNetipAddr(netip.MustParseAddr("::1"))}, {IP: addr.IPFromNetipAddr(netip.MustParseAddr("127.0.0.1"))}})
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
			fmt.Fprintf(os.Stderr, "open file descriptors: %d before tests, %d after\n", before, after)
			code = 1
		}
	}
	os.Exit(code)
}

// openFDs counts the entries of /proc/self/fd on Linux (-1 elsewhere).
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
