package main

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChecksum(t *testing.T) {
	// RFC 1071's worked example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2.
	assert.Equal(t, uint16(^uint16(0xddf2)), inetChecksum([]byte{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7}))
	msg := echo(echoRequest4, 7, 1, []byte("abc"), true)
	assert.Equal(t, uint16(0), inetChecksum(msg), "a message with its checksum sums to zero")
}

func TestPingLoopback(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root for raw ICMP sockets (ip4:icmp, ip6:ipv6-icmp); make test runs as root in CI")
	}
	for _, tc := range []struct {
		host string
		v6   bool
	}{{"127.0.0.1", false}, {"::1", true}} {
		var out bytes.Buffer
		lost, err := ping(&out, tc.host, tc.v6, 2, 10*time.Millisecond, 2*time.Second)
		require.NoError(t, err, tc.host)
		assert.Equal(t, 0, lost, "%s:\n%s", tc.host, out.String())
		assert.Contains(t, out.String(), "icmp_seq=2 time=")
	}
}
