package addr_test

// Fuzz targets: each feeds the fuzzer's input to netkit and to the standard
// library's net package and requires the same bytes, text, predicates and
// error text (the checks live in diff_test.go). Seeds come from the table
// tests, so the fuzzer starts from every edge case those cover; crashers the
// fuzzer finds are kept in testdata/fuzz/<Target>/ and rerun by go test.

import (
	"testing"
)

func FuzzParseIP(f *testing.F) {
	for _, tt := range parseIPTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkParseIP(t, s)
	})
}

// FuzzIPBytes checks every IP method (String, AppendText, predicates,
// To4/To16, Mask, Equal, netip conversion) and the IPMask and HardwareAddr
// formatters on arbitrary bytes.
func FuzzIPBytes(f *testing.F) {
	for _, b := range ipBytesTests {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkIP(t, b)
		checkMask(t, b)
		checkMAC(t, b)
	})
}

func FuzzParseCIDR(f *testing.F) {
	for _, tt := range parseCIDRTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkParseCIDR(t, s)
	})
}

// FuzzIPNet checks IPNet.Contains, String and the netip.Prefix conversion
// for arbitrary IP and mask bytes.
func FuzzIPNet(f *testing.F) {
	f.Add([]byte{10, 0, 0, 0}, []byte{255, 0, 0, 0})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 0}, []byte{255, 255, 0, 0})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 0},
		[]byte{255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0})
	f.Add([]byte{0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		[]byte{255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{10, 0, 0, 0}, []byte{255, 0, 255, 0})
	f.Add([]byte{}, []byte{})
	f.Fuzz(func(t *testing.T, ip, mask []byte) {
		checkIPNet(t, ip, mask)
	})
}

func FuzzParseMAC(f *testing.F) {
	for _, tt := range parseMACTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkParseMAC(t, s)
	})
}

func FuzzSplitHostPort(f *testing.F) {
	for _, tt := range splitHostPortTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSplitHostPort(t, s)
	})
}

func FuzzJoinHostPort(f *testing.F) {
	f.Add("localhost", "80")
	f.Add("::1", "http")
	f.Add("fe80::1%lo0", "80")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, host, port string) {
		checkJoinHostPort(t, host, port)
	})
}

// FuzzSockaddr checks String, Network and AddrPort of TCPAddr, UDPAddr,
// IPAddr and UnixAddr, and the AddrPort constructors, for any fields.
func FuzzSockaddr(f *testing.F) {
	f.Add([]byte{127, 0, 0, 1}, "", 80)
	f.Add([]byte{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, "eth0", 443)
	f.Add([]byte{}, "a:b", -1)
	f.Add([]byte{1, 2, 3}, "z", 70000)
	f.Fuzz(func(t *testing.T, ip []byte, zone string, port int) {
		checkSockaddrs(t, ip, zone, port)
	})
}
