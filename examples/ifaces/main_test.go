package main

import (
	"bytes"
	"encoding/json"
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCollectMatchesStdlib checks the listing against net.Interfaces.
func TestCollectMatchesStdlib(t *testing.T) {
	links, err := collect()
	require.NoError(t, err)
	std, err := net.Interfaces()
	require.NoError(t, err)
	require.Len(t, links, len(std))
	byIndex := map[int]Link{}
	for _, l := range links {
		byIndex[l.Index] = l
	}
	for _, ifi := range std {
		l, ok := byIndex[ifi.Index]
		require.True(t, ok, "interface %s missing", ifi.Name)
		assert.Equal(t, ifi.Name, l.Name)
		assert.Equal(t, ifi.MTU, l.MTU)
		assert.Equal(t, ifi.Flags.String(), l.Flags)
		addrs, err := ifi.Addrs()
		require.NoError(t, err)
		var want, got []string
		for _, a := range addrs {
			want = append(want, a.String())
		}
		for _, a := range l.Addresses {
			got = append(got, a.Prefix)
		}
		assert.ElementsMatch(t, want, got, "addresses of %s", ifi.Name)
	}

	var js bytes.Buffer
	require.NoError(t, writeJSON(&js, links))
	var back []Link
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	assert.Equal(t, links, back)

	var text bytes.Buffer
	require.NoError(t, writeText(&text, links))
	assert.Contains(t, text.String(), ": lo: <UP,LOOPBACK,RUNNING> mtu")
	assert.Contains(t, text.String(), "inet 127.0.0.1/8")
}
