//go:build !unix

package iface_test

import "time"

// cpuNow has no per-process CPU clock to read outside Unix: cpu-ns/op is
// then 0 and only the wall time counts.
func cpuNow() time.Duration { return 0 }
