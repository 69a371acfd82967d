package resolver_test

import (
	"syscall"
	"time"
)

// processCPU returns the user+system CPU time the process has used, so
// that benchmarks can report CPU per lookup, which a loaded machine
// disturbs far less than wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
