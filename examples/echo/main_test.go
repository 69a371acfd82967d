package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestEchoEveryNetwork(t *testing.T) {
	defer goleak.VerifyNone(t)
	dir := t.TempDir()
	for _, tc := range []struct{ network, address string }{
		{"tcp", "127.0.0.1:0"},
		{"tcp6", "[::1]:0"},
		{"udp", "127.0.0.1:0"},
		{"unix", filepath.Join(dir, "stream.sock")},
		{"unixgram", filepath.Join(dir, "dgram.sock")},
	} {
		t.Run(tc.network, func(t *testing.T) {
			srv, err := Listen(tc.network, tc.address)
			require.NoError(t, err)
			defer srv.Close()
			reply, err := Roundtrip(context.Background(), tc.network, srv.Addr().String(), "hello "+tc.network, 5*time.Second)
			require.NoError(t, err)
			assert.Equal(t, "hello "+tc.network, reply)
		})
	}
}
