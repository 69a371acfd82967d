//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestMain doubles as the self-test's client process when the environment
// asks for it.
func TestMain(m *testing.M) {
	if n := os.Getenv("POLLECHO_TEST_CLIENTS"); n != "" {
		k, _ := strconv.Atoi(n)
		if err := runClients(k, os.Getenv("POLLECHO_TEST_TARGET")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	clientCommand = func(n int, target string) (*exec.Cmd, error) {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "POLLECHO_TEST_CLIENTS="+strconv.Itoa(n), "POLLECHO_TEST_TARGET="+target)
		return cmd, nil
	}
	os.Exit(m.Run())
}

func TestEchoLarge(t *testing.T) {
	srv, err := newServer(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}})
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.run() }()
	defer func() {
		srv.stop()
		require.NoError(t, <-done)
	}()

	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", srv.addr.Port))
	require.NoError(t, err)
	defer c.Close()
	// More than the socket buffers hold, so the server meets short writes
	// and has to wait for writability.
	payload := bytes.Repeat([]byte("0123456789abcdef"), 1<<19) // 8 MiB
	werr := make(chan error, 1)
	go func() {
		_, err := c.Write(payload)
		werr <- err
	}()
	got := make([]byte, len(payload))
	_, err = io.ReadFull(c, got)
	require.NoError(t, err)
	require.NoError(t, <-werr)
	assert.True(t, bytes.Equal(payload, got), "echoed bytes differ")

	// Closing the client frees the server's slot.
	c.Close()
	require.NoError(t, waitUntil(func() bool { return srv.open.Load() == 0 }, 5e9))
}

func TestSelftest(t *testing.T) {
	var out strings.Builder
	// A small N keeps the test quick; the RSS goal is not asserted here
	// (with few connections the figure is dominated by noise).
	require.NoError(t, runSelftest(&out, 300, true, 1e9))
	t.Log(out.String())
	assert.Contains(t, out.String(), "poller event loop: 300 idle connections established")
	assert.Contains(t, out.String(), "stdlib goroutine per connection: 300 idle connections established")
}

func TestParseAddr(t *testing.T) {
	sa, err := parseAddr("127.0.0.1:7007")
	require.NoError(t, err)
	assert.Equal(t, [4]byte{127, 0, 0, 1}, sa.Addr)
	assert.Equal(t, 7007, sa.Port)
	for _, bad := range []string{"::1:80", "[::1]:80", "127.0.0.1", "127.0.0.1:x", "127.0.0.1:70000"} {
		_, err := parseAddr(bad)
		assert.Error(t, err, bad)
	}
}

// TestSoakSelftest10000 is the full-size run: 10,000 idle connections at
// under 1 KiB of server RSS each.
func TestSoakSelftest10000(t *testing.T) {
	if os.Getenv("NETKIT_SOAK") == "" {
		t.Skip("NETKIT_SOAK not set: the 10,000-connection run is a soak test")
	}
	var out strings.Builder
	err := runSelftest(&out, 10000, false, 1.0)
	t.Log(out.String())
	require.NoError(t, err)
}
