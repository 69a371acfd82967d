package conn

import (
	"os"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// listenerBacklog is the kernel's somaxconn (read once), the queue length
// every listener asks for.
var listenerBacklog = sync.OnceValue(func() int {
	b, err := os.ReadFile("/proc/sys/net/core/somaxconn")
	if err != nil {
		return unix.SOMAXCONN
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || n <= 0 {
		return unix.SOMAXCONN
	}
	// The backlog argument of listen(2) is an int, but kernels before 4.1
	// kept it in a uint16.
	if n > 1<<16-1 && !kernelVersionAtLeast(4, 1) {
		n = 1<<16 - 1
	}
	return n
})

// kernelVersionAtLeast reports whether the running kernel is at least
// major.minor.
func kernelVersionAtLeast(major, minor int) bool {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return false
	}
	rel := unix.ByteSliceToString(u.Release[:])
	parts := strings.SplitN(rel, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, _ := strconv.Atoi(parts[0])
	mi, _ := strconv.Atoi(strings.TrimFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	return ma > major || (ma == major && mi >= minor)
}

// setMulticastReusePort: Linux shares a multicast port with SO_REUSEADDR
// alone.
func setMulticastReusePort(*netFD) error { return nil }
