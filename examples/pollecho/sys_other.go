//go:build unix && !linux

package main

import (
	"fmt"
	"syscall"
)

// raiseNoFile raises the soft descriptor limit to need, within the hard
// limit, through package syscall (whose Rlimit field types differ between
// these systems: uint64 on macOS, int64 on FreeBSD).
func raiseNoFile(need uint64) error {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	if uint64(lim.Cur) >= need {
		return nil
	}
	if uint64(lim.Max) < need {
		return fmt.Errorf("hard limit %d is below the %d needed", lim.Max, need)
	}
	setLimit(&lim.Cur, need)
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
}

func setLimit[T ~int64 | ~uint64](p *T, v uint64) { *p = T(v) }

// rssKiB is unavailable without /proc/self/status.
func rssKiB() (int64, bool) { return 0, false }
