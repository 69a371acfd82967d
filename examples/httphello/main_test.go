package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestHello serves on each implementation, fetches the page with keep-alive
// and without, and shuts down cleanly.
func TestHello(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, impl := range []string{"netkit", "std"} {
		t.Run(impl, func(t *testing.T) {
			ln, err := listen(impl, "127.0.0.1:0")
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(ln.Addr().String(), "127.0.0.1:"), ln.Addr().String())
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- serve(ctx, ln) }()

			tr := &http.Transport{}
			client := &http.Client{Transport: tr}
			for i := 0; i < 3; i++ { // the second and third reuse the connection
				resp, err := client.Get("http://" + ln.Addr().String() + "/any/path")
				require.NoError(t, err)
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				require.NoError(t, err)
				assert.Equal(t, http.StatusOK, resp.StatusCode)
				assert.Equal(t, hello, string(body))
			}
			tr.CloseIdleConnections()
			cancel()
			require.NoError(t, <-done)
		})
	}
}

// TestListenUnknownImpl names the bad flag value.
func TestListenUnknownImpl(t *testing.T) {
	_, err := listen("bogus", "127.0.0.1:0")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown -impl "bogus"`)
}

// TestListenBadAddress reports the listener's own error for both sides.
func TestListenBadAddress(t *testing.T) {
	for _, impl := range []string{"netkit", "std"} {
		_, err := listen(impl, "127.0.0.1:99999")
		assert.Error(t, err, impl)
	}
}
