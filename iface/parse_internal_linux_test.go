package iface

import (
	"encoding/binary"
	"testing"

	"github.com/netkit-go/netkit/addr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// Table tests of the /proc parsers and small helpers, on inputs copied
// from a Linux 6.x machine.

const igmpSample = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n" +
	"1\tlo        :     1      V3\n" +
	"\t\t\t\t010000E0     1 0:00000000\t\t0\n" +
	"4\teth0      :     2      V3\n" +
	"\t\t\t\t012AFFEF     1 0:00000000\t\t0\n" +
	"\t\t\t\t010000E0     1 0:00000000\t\t0\n" +
	"5\teth1      :     0      V3\n"

const igmp6Sample = "1    lo              ff020000000000000000000000000001     1 0000000C 0\n" +
	"1    lo              ff010000000000000000000000000001     1 00000008 0\n" +
	"4    eth0            ff0200000000000000000001ff000002     1 00000004 0\n" +
	"4    eth0            ff050000000000000000000000004242     1 00000004 0\n" +
	"garbage line\n" +
	"4    eth0            ff05zz00000000000000000000004242     1 00000004 0\n"

func groupStrings(gs []mcastGroup) []string {
	var s []string
	for _, a := range ipAddrs(gs) {
		s = append(s, a.String())
	}
	return s
}

func TestParseIGMP(t *testing.T) {
	// The file holds host-order numbers: on a big-endian machine the
	// sample's bytes would be printed reversed.
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		t.Skip("sample is little-endian")
	}
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"lo", []string{"224.0.0.1"}},
		{"eth0", []string{"239.255.42.1", "224.0.0.1"}},
		{"eth1", nil},
		{"nope", nil},
	} {
		assert.Equal(t, tc.want, groupStrings(parseIGMP([]byte(igmpSample), tc.name, nil)), tc.name)
	}
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"lo", []string{"ff02::1", "ff01::1"}},
		{"eth0", []string{"ff02::1:ff00:2", "ff05::4242"}},
		{"", nil},
	} {
		assert.Equal(t, tc.want, groupStrings(parseIGMP6([]byte(igmp6Sample), tc.name, nil)), tc.name)
	}
	// IPv4 groups in 16-byte form, as net returns them.
	a := ipAddrs(parseIGMP([]byte(igmpSample), "lo", nil))[0].(*addr.IPAddr)
	assert.Len(t, a.IP, 16)
	// Truncated and empty inputs.
	for i := range igmpSample {
		_ = parseIGMP([]byte(igmpSample[:i]), "eth0", nil)
	}
	for i := range igmp6Sample {
		_ = parseIGMP6([]byte(igmp6Sample[:i]), "eth0", nil)
	}
}

func TestInet6Addrs(t *testing.T) {
	const sample = "fe800000000000000000000000000001 00000004 40 20 80     eth0\n" +
		"20010db8000001000000000000000001 00000004 40 00 80     eth0\n" +
		"00000000000000000000000000000001 00000001 80 10 80       lo\n" +
		"short 1 2 3 4 x\n"
	at := &addrTable{all: true}
	inet6Addrs([]byte(sample), at)
	require.Len(t, at.recs, 3)
	// Ordered by index, then scope (global before link).
	assert.Equal(t, int32(1), at.recs[0].index)
	assert.Equal(t, uint8(unix.RT_SCOPE_HOST), at.recs[0].scope)
	assert.Equal(t, uint8(unix.RT_SCOPE_UNIVERSE), at.recs[1].scope)
	assert.Equal(t, uint8(unix.RT_SCOPE_LINK), at.recs[2].scope)
	assert.Equal(t, uint8(64), at.recs[2].prefixLen)
	nets := ipNets(at.recs)
	assert.Equal(t, "::1/128", nets[0].String())
	assert.Equal(t, "2001:db8:0:100::1/64", nets[1].String())
	assert.Equal(t, "fe80::1/64", nets[2].String())

	one := &addrTable{only: 4}
	inet6Addrs([]byte(sample), one)
	assert.Len(t, one.recs, 2)
}

func TestMaskHelpers(t *testing.T) {
	for bits := 0; bits <= 128; bits++ {
		for _, size := range []int{4, 16} {
			if bits > 8*size {
				continue
			}
			m := make([]byte, size)
			fillMask(m, bits)
			assert.Equal(t, []byte(addr.CIDRMask(bits, 8*size)), m, "fillMask(%d, %d)", bits, size)
			if size == 4 {
				assert.Equal(t, bits, maskOnes(m), "maskOnes /%d", bits)
			}
		}
	}
	assert.Equal(t, 8, maskOnes([]byte{255, 0, 255, 0}), "a non-contiguous mask counts its leading ones")
}

func TestHexAndFields(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
		ok   bool
	}{{"0", 0, true}, {"ff", 255, true}, {"FF", 255, true}, {"010000E0", 0x010000e0, true},
		{"", 0, false}, {"g", 0, false}, {"12345678901234567", 0, false}} {
		v, ok := hexUint([]byte(tc.in))
		assert.Equal(t, tc.ok, ok, tc.in)
		if ok {
			assert.Equal(t, tc.want, v, tc.in)
		}
	}
	var got []string
	for _, f := range fields([]byte("  a:b\t\tc  "), " :\t") {
		got = append(got, string(f))
	}
	assert.Equal(t, []string{"a", "b", "c"}, got)
	assert.Empty(t, fields([]byte(" : "), " :"))
}

func TestIPNetsForm(t *testing.T) {
	recs := []addrRec{
		{family: unix.AF_INET, prefixLen: 24, ip: [16]byte{198, 51, 100, 1}},
		{family: unix.AF_INET, prefixLen: 33, ip: [16]byte{10, 0, 0, 1}},
		{family: unix.AF_INET6, prefixLen: 64, ip: [16]byte{0x20, 0x01, 0x0d, 0xb8, 15: 1}},
	}
	nets := ipNets(recs)
	n0 := nets[0].(*addr.IPNet)
	assert.Equal(t, []byte(addr.IPv4(198, 51, 100, 1)), []byte(n0.IP))
	assert.Equal(t, []byte{255, 255, 255, 0}, []byte(n0.Mask))
	assert.Equal(t, len(n0.IP), cap(n0.IP))
	assert.Equal(t, len(n0.Mask), cap(n0.Mask))
	assert.Nil(t, nets[1].(*addr.IPNet).Mask, "an impossible prefix length gives a nil mask, as net.CIDRMask does")
	assert.Equal(t, "2001:db8::1/64", nets[2].String())
	assert.Nil(t, ipNets(nil))
}
