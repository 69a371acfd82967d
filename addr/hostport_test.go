package addr_test

import (
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// splitHostPortTests: input, host, port, error text ("" = success).
var splitHostPortTests = []struct {
	in, host, port, err string
}{
	{"localhost:http", "localhost", "http", ""},
	{"localhost:80", "localhost", "80", ""},
	{"127.0.0.1:80", "127.0.0.1", "80", ""},
	{"[::1]:80", "::1", "80", ""},
	{"[fe80::1%lo0]:80", "fe80::1%lo0", "80", ""},
	{"[fe80::1%911]:80", "fe80::1%911", "80", ""},
	{"[localhost]:80", "localhost", "80", ""},
	{"[localhost%lo0]:80", "localhost%lo0", "80", ""},
	{"localhost%lo0:80", "localhost%lo0", "80", ""},
	{":80", "", "80", ""},
	{"[]:80", "", "80", ""},
	{"host:", "host", "", ""},
	{"[::1]:", "::1", "", ""},
	{":", "", "", ""},
	{"golang.org", "", "", "address golang.org: missing port in address"},
	{"127.0.0.1", "", "", "address 127.0.0.1: missing port in address"},
	{"[::1]", "", "", "address [::1]: missing port in address"},
	{"[fe80::1%lo0]", "", "", "address [fe80::1%lo0]: missing port in address"},
	{"[localhost%lo0]", "", "", "address [localhost%lo0]: missing port in address"},
	{"localhost%lo0", "", "", "address localhost%lo0: missing port in address"},
	{"::1", "", "", "address ::1: too many colons in address"},
	{"fe80::1%lo0", "", "", "address fe80::1%lo0: too many colons in address"},
	{"fe80::1%lo0:80", "", "", "address fe80::1%lo0:80: too many colons in address"},
	{"[::1]:80:80", "", "", "address [::1]:80:80: too many colons in address"},
	{"[::1]x80", "", "", "address [::1]x80: missing port in address"},
	{"[::1]x:80", "", "", "address [::1]x:80: missing port in address"},
	{"[foo:bar]", "", "", "address [foo:bar]: missing port in address"},
	{"[foo:bar]baz", "", "", "address [foo:bar]baz: missing port in address"},
	{"[foo]bar:baz", "", "", "address [foo]bar:baz: missing port in address"},
	{"[foo]:[bar]:baz", "", "", "address [foo]:[bar]:baz: too many colons in address"},
	{"[::1:80", "", "", "address [::1:80: missing ']' in address"},
	{"[[::1]]:80", "", "", "address [[::1]]:80: missing port in address"},
	{"[a[b]:80", "", "", "address [a[b]:80: unexpected '[' in address"},
	{"[::1]]:80", "", "", "address [::1]]:80: missing port in address"},
	{"foo[bar]:80", "", "", "address foo[bar]:80: unexpected '[' in address"},
	{"foo]:80", "", "", "address foo]:80: unexpected ']' in address"},
	{"[foo]:80]", "", "", "address [foo]:80]: unexpected ']' in address"},
	{"", "", "", "missing port in address"},
}

func TestSplitHostPort(t *testing.T) {
	t.Parallel()
	for _, tt := range splitHostPortTests {
		host, port, err := addr.SplitHostPort(tt.in)
		if tt.err != "" {
			require.Error(t, err, tt.in)
			assert.Equal(t, tt.err, err.Error(), tt.in)
			var ae *addr.AddrError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tt.in, ae.Addr)
		} else {
			require.NoError(t, err, tt.in)
			assert.Equal(t, tt.host, host, tt.in)
			assert.Equal(t, tt.port, port, tt.in)
		}
		checkSplitHostPort(t, tt.in)
	}
}

func TestJoinHostPort(t *testing.T) {
	t.Parallel()
	tests := []struct{ host, port, want string }{
		{"localhost", "80", "localhost:80"},
		{"127.0.0.1", "http", "127.0.0.1:http"},
		{"::1", "80", "[::1]:80"},
		{"fe80::1%lo0", "80", "[fe80::1%lo0]:80"},
		{"localhost%lo0", "80", "localhost%lo0:80"},
		{"", "80", ":80"},
		{"host", "", "host:"},
		{"[::1]", "80", "[[::1]]:80"},
		{"a:b", "c:d", "[a:b]:c:d"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, addr.JoinHostPort(tt.host, tt.port))
		checkJoinHostPort(t, tt.host, tt.port)
	}
}
