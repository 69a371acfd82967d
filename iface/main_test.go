package iface_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"go.uber.org/goleak"
)

// childEnv marks a test binary re-executed inside a network namespace.
const childEnv = "NETKIT_IFACE_CHILD"

// init keeps the process's main thread for the main goroutine. Tests move
// locked threads into network namespaces; if one of them were the main
// thread it could not exit and would stay in that namespace, and the
// standard library, which reads /proc/net (the main thread's view) for
// MulticastAddrs, would answer for it on the host.
func init() { runtime.LockOSThread() }

// TestMain checks that the tests leak neither goroutines nor (on Linux)
// file descriptors: every netlink socket is closed before a call returns
// and Watch's reader is gone once its channel is closed.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		// A child process re-executed inside a namespace: no leak checks.
		os.Exit(m.Run())
	}
	// The runtime's poller opens its own descriptors on first use: start
	// it now so that they count as "before".
	if r, w, err := os.Pipe(); err == nil {
		r.Close()
		w.Close()
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
