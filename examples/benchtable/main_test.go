package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goos: linux
pkg: github.com/netkit-go/netkit/addr
BenchmarkParseIP/v4/netkit-2   	 1000000	        20.0 ns/op	      16 B/op	       1 allocs/op
BenchmarkParseIP/v4/std-2      	 1000000	        40.0 ns/op	      16 B/op	       1 allocs/op
BenchmarkParseIP/v4/netkit-2   	 1000000	        22.0 ns/op	      16 B/op	       1 allocs/op
BenchmarkParseIP/v4/std-2      	 1000000	        42.0 ns/op	      16 B/op	       1 allocs/op
BenchmarkParseIP/v4/netkit-2   	 1000000	        99.0 ns/op	      16 B/op	       1 allocs/op
BenchmarkParseIP/v4/std-2      	 1000000	        41.0 ns/op	      16 B/op	       1 allocs/op
BenchmarkUnpaired/netkit-2     	 1000000	        10.0 ns/op
pkg: github.com/netkit-go/netkit/pipe
BenchmarkThroughput/1024/netkit 	 100	 3000 ns/op	 341.33 MB/s	 1500 cpu-ns/op	 0 B/op	 0 allocs/op
BenchmarkThroughput/1024/std    	 100	 6000 ns/op	 170.67 MB/s	 1000 cpu-ns/op	 2 B/op	 1 allocs/op
`

func TestParsePairsMedians(t *testing.T) {
	pairs, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	require.Len(t, pairs, 2, "the unpaired benchmark must be left out")
	assert.Equal(t, "addr.ParseIP/v4", pairs[0].name)
	assert.Equal(t, 22.0, median(pairs[0].netkit.ns), "median of 20, 22, 99")
	assert.Equal(t, 41.0, median(pairs[0].std.ns))
	assert.Equal(t, "pipe.Throughput/1024", pairs[1].name)
	assert.Equal(t, []float64{0}, pairs[1].netkit.allocs)
}

func TestMarkdownAndChart(t *testing.T) {
	pairs, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	md := markdown(pairs)
	assert.Contains(t, md, "| addr.ParseIP/v4 | 22 | 41 | 0.537 | – | 1 | 1 |")
	assert.Contains(t, md, "| pipe.Throughput/1024 | 3000 | 6000 | 0.5 | 1.5 | 0 | 1 |")
	svg := chart(pairs)
	assert.True(t, strings.HasPrefix(svg, "<svg"))
	assert.Contains(t, svg, ">addr.ParseIP/v4<")
	assert.Contains(t, svg, ">0.54<")
}

func TestMedianEven(t *testing.T) {
	assert.Equal(t, 2.5, median([]float64{4, 1, 3, 2}))
}
