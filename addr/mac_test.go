package addr_test

import (
	"strings"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseMACTests are ParseMAC inputs with the expected String ("" = rejected).
var parseMACTests = []struct {
	in   string
	want string
}{
	// The six documented forms (three separators, two-digit or dotted).
	{"00:00:5e:00:53:01", "00:00:5e:00:53:01"},
	{"02:00:5e:10:00:00:00:01", "02:00:5e:10:00:00:00:01"},
	{"00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01", "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01"},
	{"00-00-5e-00-53-01", "00:00:5e:00:53:01"},
	{"02-00-5e-10-00-00-00-01", "02:00:5e:10:00:00:00:01"},
	{"00-00-00-00-fe-80-00-00-00-00-00-00-02-00-5e-10-00-00-00-01", "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01"},
	{"0000.5e00.5301", "00:00:5e:00:53:01"},
	{"0200.5e10.0000.0001", "02:00:5e:10:00:00:00:01"},
	{"0000.0000.fe80.0000.0000.0000.0200.5e10.0000.0001", "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01"},
	{"00005e005301", "00:00:5e:00:53:01"},
	{"02005e1000000001", "02:00:5e:10:00:00:00:01"},
	{"00000000fe8000000000000002005e1000000001", "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01"},
	{"AB:CD:EF:ab:cd:ef", "ab:cd:ef:ab:cd:ef"},
	{"ABCD.EF01.2345", "ab:cd:ef:01:23:45"},
	// Bad forms.
	{"", ""},
	{"00005e00530", ""},
	{"00005e0053011", ""},
	{"00005e00530g", ""},
	{"00005e0053010102", "00:00:5e:00:53:01:01:02"},
	{"00005e00530101", ""},
	{"0:005e005301", ""},
	{"0000-e005301", ""},
	{"01.02.03.04.05.06", ""},
	{"01:02:03:04:05:06:", ""},
	{"x1:02:03:04:05:06", ""},
	{"01002:03:04:05:06", ""},
	{"01:02003:04:05:06", ""},
	{"01:02:03:04:05:06:07", ""},
	{"01:02:03:04:05:06:07:08:09", ""},
	{"01:02-03:04:05:06", ""},
	{"01-02:03-04-05-06", ""},
	{"0123:4567:89AF", ""},
	{"0123-4567-89AF", ""},
	{"0123.4567.89AF.", ""},
	{"0123.4567.89ab.cdef.0123", ""},
	{"0123.4567-89AF", ""},
	{"0123.4567.89A", ""},
	{"0123.4567.89AG", ""},
	{"012.34567.89AF", ""},
	{"1:2:3:4:5:6", ""},
	{"01:02:03:04:05:6", ""},
	{"01:02:03:04:05:06 ", ""},
	{"0g:02:03:04:05:06", ""},
	{"01:02:03:04:05:0g", ""},
	{"+1:02:03:04:05:06", ""},
	{"01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14:15", ""},
	{strings.Repeat("ab:", 40) + "ab", ""},
}

func TestParseMAC(t *testing.T) {
	t.Parallel()
	for _, tt := range parseMACTests {
		hw, err := addr.ParseMAC(tt.in)
		if tt.want == "" {
			require.Error(t, err, tt.in)
			want := "address " + tt.in + ": invalid MAC address"
			if tt.in == "" {
				want = "invalid MAC address" // AddrError leaves out an empty Addr
			}
			assert.Equal(t, want, err.Error())
			assert.Nil(t, hw)
		} else {
			require.NoError(t, err, tt.in)
			assert.Equal(t, tt.want, hw.String())
		}
		checkParseMAC(t, tt.in)
	}
}

func TestHardwareAddrString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		hw   addr.HardwareAddr
		want string
	}{
		{nil, ""},
		{addr.HardwareAddr{}, ""},
		{addr.HardwareAddr{0xab}, "ab"},
		{addr.HardwareAddr{0, 0x11, 0x22, 0x33, 0x44, 0x55}, "00:11:22:33:44:55"},
		{make(addr.HardwareAddr, 32), strings.Repeat("00:", 31) + "00"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.hw.String())
		checkMAC(t, tt.hw)
	}
}
