package conn

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/netkit-go/netkit/addr"
)

func TestPartialDeadline(t *testing.T) {
	t0 := time.Unix(1000, 0)
	for _, tc := range []struct {
		deadline  time.Time
		remaining int
		want      time.Time
		wantErr   error
	}{
		{t0.Add(4 * time.Minute), 4, t0.Add(time.Minute), nil},     // equal shares
		{t0.Add(4 * time.Second), 4, t0.Add(2 * time.Second), nil}, // at least 2 s
		{t0.Add(1 * time.Second), 4, t0.Add(1 * time.Second), nil}, // all that is left
		{t0.Add(3 * time.Second), 1, t0.Add(3 * time.Second), nil},
		{t0, 2, time.Time{}, errTimeout},
		{t0.Add(-time.Second), 1, time.Time{}, errTimeout},
		{time.Time{}, 3, time.Time{}, nil},
	} {
		got, err := partialDeadline(t0, tc.deadline, tc.remaining)
		if !got.Equal(tc.want) || err != tc.wantErr {
			t.Errorf("partialDeadline(t0, t0%+v, %d) = t0%+v, %v; want t0%+v, %v",
				tc.deadline.Sub(t0), tc.remaining, got.Sub(t0), err, tc.want.Sub(t0), tc.wantErr)
		}
	}
}

func TestParseNetwork(t *testing.T) {
	for _, tc := range []struct {
		network    string
		needsProto bool
		afnet      string
		proto      int
		err        string
	}{
		{"tcp", true, "tcp", 0, ""},
		{"udp6", true, "udp6", 0, ""},
		{"unixpacket", true, "unixpacket", 0, ""},
		{"ip", false, "ip", 0, ""},
		{"ip", true, "", 0, "unknown network ip"},
		{"ip4:1", true, "ip4", 1, ""},
		{"ip4:icmp", true, "ip4", 1, ""},
		{"ip4:ICMP", true, "ip4", 1, ""},
		{"ip6:ipv6-icmp", true, "ip6", 58, ""},
		{"ip:255", true, "ip", 255, ""},
		{"ip:tcp", true, "ip", 6, ""},
		{"ip4:nosuch", true, "", 0, "address nosuch: unknown IP protocol specified"},
		{"tcp:1", true, "", 0, "unknown network tcp:1"},
		{"tcp7", true, "", 0, "unknown network tcp7"},
		{"", true, "", 0, "unknown network "},
	} {
		afnet, proto, err := parseNetwork(tc.network, tc.needsProto)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if afnet != tc.afnet || proto != tc.proto || gotErr != tc.err {
			t.Errorf("parseNetwork(%q, %v) = %q, %d, %q; want %q, %d, %q", tc.network, tc.needsProto, afnet, proto, gotErr, tc.afnet, tc.proto, tc.err)
		}
	}
}

func TestPartition(t *testing.T) {
	a4 := &addr.TCPAddr{IP: addr.IPv4(127, 0, 0, 1)}
	b4 := &addr.TCPAddr{IP: addr.IPv4(127, 0, 0, 2)}
	a6 := &addr.TCPAddr{IP: addr.IPv6loopback}
	b6 := &addr.TCPAddr{IP: addr.ParseIP("2001:db8::1")}
	str := func(l addrList) string {
		var s []string
		for _, a := range l {
			s = append(s, a.String())
		}
		return strings.Join(s, " ")
	}
	for _, tc := range []struct {
		in          addrList
		prim, fallb string
	}{
		{addrList{a6, a4, b6, b4}, "[::1]:0 [2001:db8::1]:0", "127.0.0.1:0 127.0.0.2:0"},
		{addrList{a4, a6, b4}, "127.0.0.1:0 127.0.0.2:0", "[::1]:0"},
		{addrList{a4, b4}, "127.0.0.1:0 127.0.0.2:0", ""},
	} {
		p, f := tc.in.partition(isIPv4)
		if str(p) != tc.prim || str(f) != tc.fallb {
			t.Errorf("partition(%s) = [%s] [%s]; want [%s] [%s]", str(tc.in), str(p), str(f), tc.prim, tc.fallb)
		}
	}
}

func TestZoneCache(t *testing.T) {
	// The loopback interface exists everywhere this runs; its index is
	// whatever the kernel says.
	idx := zoneIndex("lo")
	if idx == 0 {
		t.Skip("no interface named lo on this host")
	}
	if got := zoneName(idx); got != "lo" {
		t.Errorf("zoneName(%d) = %q, want lo", idx, got)
	}
	if got := zoneIndex("17"); got != 17 {
		t.Errorf("zoneIndex(\"17\") = %d, want 17", got)
	}
	if got := zoneName(1 << 30); got != "1073741824" {
		t.Errorf("zoneName(1<<30) = %q, want the decimal index", got)
	}
	if got := zoneIndex("no-such-interface"); got != 0 {
		t.Errorf("zoneIndex(no-such-interface) = %d, want 0", got)
	}
}

func TestMapPollErr(t *testing.T) {
	if err := opError("read", "tcp", nil, nil, errors.New("x")); err.Error() != "read tcp: x" {
		t.Errorf("opError text %q", err)
	}
	var nilTCP *addr.TCPAddr
	oe := opError("dial", "tcp", nilTCP, nilTCP, errMissingAddress).(*addr.OpError)
	if oe.Source != nil || oe.Addr != nil {
		t.Errorf("typed nil addresses kept: %#v", oe)
	}
	if !errors.Is(mapPollErr(errClosedForTest()), net.ErrClosed) {
		t.Error("poller.ErrClosed not mapped to net.ErrClosed")
	}
}
