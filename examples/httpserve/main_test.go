package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/netkit-go/netkit/conn"
)

// TestServeAndShutdown serves a file, starts a slow request, cancels the
// context and checks that the request in flight still completes.
func TestServeAndShutdown(t *testing.T) {
	defer goleak.VerifyNone(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("<h1>netkit</h1>\n"), 0o644))
	ln, err := conn.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)

	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-release
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, mux, 5*time.Second) }()

	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	base := "http://" + ln.Addr().String()
	resp, err := client.Get(base + "/index.html")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "<h1>netkit</h1>\n", string(body))

	slow := make(chan string, 1)
	go func() {
		resp, err := client.Get(base + "/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- string(b)
	}()
	time.Sleep(100 * time.Millisecond) // let the slow request arrive
	cancel()
	time.Sleep(100 * time.Millisecond)
	_, err = client.Get(base + "/index.html")
	assert.Error(t, err, "no new connections after shutdown began")
	close(release)
	assert.Equal(t, "finished", <-slow, "the request in flight completes")
	require.NoError(t, <-done)
}
