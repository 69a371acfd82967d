//go:build unix

package iface_test

import (
	"time"

	"golang.org/x/sys/unix"
)

// cpuNow is the process's CPU time so far (user and system, all threads).
func cpuNow() time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
