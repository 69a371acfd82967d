package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestTour takes the whole tour and checks what each step reports.
func TestTour(t *testing.T) {
	defer goleak.VerifyNone(t)
	var out bytes.Buffer
	status := run(&out, "testdata/hosts")
	got := out.String()
	require.Equal(t, 0, status, "the tour failed:\n%s", got)
	for _, want := range []string{
		`ParseIP("010.0.0.1") = nil`,
		"198.51.100.0/25 contains 198.51.100.42: true",
		`ParseMAC("0000.5e00.5301") = 00:00:5e:00:53:01`,
		"lo ",
		`LookupHost("localhost") from testdata/hosts = [127.0.0.1 ::1]`,
		`= [127.0.10.1 2001:db8:10::1] (RFC 6724 order)`,
		`sent and read back "hello, netkit"`,
		"i/o timeout (timeout: true)",
		"TCP_USER_TIMEOUT set to 30s",
		"the echo made token 42 readable",
		`the other end answered "IN MEMORY"`,
		"200 OK — hello from net/http on a netkit listener",
		"all 8 steps done",
	} {
		assert.Contains(t, got, want)
	}
}
