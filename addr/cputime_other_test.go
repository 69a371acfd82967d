//go:build !linux

package addr_test

// threadCPUTime reports false: per-thread CPU time is read on Linux only,
// elsewhere the benchmarks report wall time alone.
func threadCPUTime() (int64, bool) { return 0, false }
