package addr_test

// Differential checks against the standard library's net package, shared by
// the table tests (which feed them hand-picked edge cases) and the fuzz
// targets (which feed them whatever the fuzzer finds). Every check compares
// bytes, text, predicates and error text.

import (
	"bytes"
	"net"
	"net/netip"
	"testing"

	"github.com/netkit-go/netkit/addr"
)

// errText returns err's text, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// sameBytes reports whether a and b hold the same bytes and are both nil or
// both non-nil.
func sameBytes(a, b []byte) bool {
	return (a == nil) == (b == nil) && bytes.Equal(a, b)
}

// checkParseIP compares ParseIP, UnmarshalText and everything derived from
// the parsed IP with the standard library.
func checkParseIP(t testing.TB, s string) {
	t.Helper()
	got, want := addr.ParseIP(s), net.ParseIP(s)
	if !sameBytes(got, want) {
		t.Fatalf("ParseIP(%q) = %#v, net.ParseIP = %#v", s, []byte(got), []byte(want))
	}
	var gu addr.IP
	var wu net.IP
	gerr, werr := gu.UnmarshalText([]byte(s)), wu.UnmarshalText([]byte(s))
	if errText(gerr) != errText(werr) || !sameBytes(gu, wu) {
		t.Fatalf("UnmarshalText(%q) = %v, %v; net: %v, %v", s, []byte(gu), gerr, []byte(wu), werr)
	}
	if gerr != nil {
		if _, ok := gerr.(*addr.ParseError); !ok {
			t.Fatalf("UnmarshalText(%q) error is %T, want *addr.ParseError", s, gerr)
		}
	}
	if got != nil {
		checkIP(t, got)
		checkIP(t, got.To4())
	}
}

// checkIP compares every method of IP for the bytes b (of any length).
func checkIP(t testing.TB, b []byte) {
	t.Helper()
	g, w := addr.IP(b), net.IP(b)
	if gs, ws := g.String(), w.String(); gs != ws {
		t.Fatalf("IP(%x).String() = %q, net: %q", b, gs, ws)
	}
	if ga := g.AppendTo([]byte("x")); string(ga) != "x"+g.String() {
		t.Fatalf("IP(%x).AppendTo = %q, want %q", b, ga, "x"+g.String())
	}
	gm, gerr := g.MarshalText()
	wm, werr := w.MarshalText()
	if !sameBytes(gm, wm) || errText(gerr) != errText(werr) {
		t.Fatalf("IP(%x).MarshalText() = %q, %v; net: %q, %v", b, gm, gerr, wm, werr)
	}
	gt, gerr := g.AppendText([]byte("p:"))
	wt, werr := w.AppendText([]byte("p:"))
	if !bytes.Equal(gt, wt) || errText(gerr) != errText(werr) {
		t.Fatalf("IP(%x).AppendText = %q, %v; net: %q, %v", b, gt, gerr, wt, werr)
	}
	preds := []struct {
		name string
		g, w bool
	}{
		{"IsUnspecified", g.IsUnspecified(), w.IsUnspecified()},
		{"IsLoopback", g.IsLoopback(), w.IsLoopback()},
		{"IsPrivate", g.IsPrivate(), w.IsPrivate()},
		{"IsMulticast", g.IsMulticast(), w.IsMulticast()},
		{"IsInterfaceLocalMulticast", g.IsInterfaceLocalMulticast(), w.IsInterfaceLocalMulticast()},
		{"IsLinkLocalMulticast", g.IsLinkLocalMulticast(), w.IsLinkLocalMulticast()},
		{"IsLinkLocalUnicast", g.IsLinkLocalUnicast(), w.IsLinkLocalUnicast()},
		{"IsGlobalUnicast", g.IsGlobalUnicast(), w.IsGlobalUnicast()},
	}
	for _, p := range preds {
		if p.g != p.w {
			t.Fatalf("IP(%x).%s() = %v, net: %v", b, p.name, p.g, p.w)
		}
	}
	if !sameBytes(g.To4(), w.To4()) {
		t.Fatalf("IP(%x).To4() = %x, net: %x", b, []byte(g.To4()), []byte(w.To4()))
	}
	if !sameBytes(g.To16(), w.To16()) {
		t.Fatalf("IP(%x).To16() = %x, net: %x", b, []byte(g.To16()), []byte(w.To16()))
	}
	if !sameBytes(g.DefaultMask(), w.DefaultMask()) {
		t.Fatalf("IP(%x).DefaultMask() = %x, net: %x", b, []byte(g.DefaultMask()), []byte(w.DefaultMask()))
	}
	for _, other := range [][]byte{b, net.IPv4(1, 2, 3, 4), net.IPv4(1, 2, 3, 4).To4(), net.IPv6loopback, net.IP(b).To4(), net.IP(b).To16(), nil} {
		if g.Equal(addr.IP(other)) != w.Equal(net.IP(other)) {
			t.Fatalf("IP(%x).Equal(%x) = %v, net: %v", b, other, g.Equal(addr.IP(other)), w.Equal(net.IP(other)))
		}
	}
	for _, m := range [][]byte{nil, net.CIDRMask(24, 32), net.CIDRMask(120, 128), net.CIDRMask(64, 128), {0xff, 0, 0xff, 0}, net.CIDRMask(0, 128)} {
		if !sameBytes(g.Mask(addr.IPMask(m)), w.Mask(net.IPMask(m))) {
			t.Fatalf("IP(%x).Mask(%x) = %x, net: %x", b, m, []byte(g.Mask(addr.IPMask(m))), []byte(w.Mask(net.IPMask(m))))
		}
	}
	checkNetipAddr(t, g)
}

// checkNetipAddr checks the family-preserving netip conversions of ip: the
// text is kept, IPv4 stays IPv4, and the round trip is Equal.
func checkNetipAddr(t testing.TB, ip addr.IP) {
	t.Helper()
	na, ok := ip.NetipAddr()
	if ok != (len(ip) == 4 || len(ip) == 16) {
		t.Fatalf("IP(%x).NetipAddr() ok = %v", []byte(ip), ok)
	}
	if !ok {
		if na.IsValid() {
			t.Fatalf("IP(%x).NetipAddr() = %v with ok=false", []byte(ip), na)
		}
		return
	}
	if na.String() != ip.String() {
		t.Fatalf("IP(%x).NetipAddr() = %v, IP.String() = %v", []byte(ip), na, ip)
	}
	if na.Is4() != (ip.To4() != nil) || na.Is4In6() {
		t.Fatalf("IP(%x).NetipAddr() = %v: Is4 %v, Is4In6 %v", []byte(ip), na, na.Is4(), na.Is4In6())
	}
	back := addr.IPFromNetipAddr(na)
	if !back.Equal(ip) {
		t.Fatalf("IPFromNetipAddr(IP(%x).NetipAddr()) = %x", []byte(ip), []byte(back))
	}
	if na.Is4() && len(back) != 4 {
		t.Fatalf("IPFromNetipAddr(%v) has %d bytes, want 4", na, len(back))
	}
}

// checkParseCIDR compares ParseCIDR with net.ParseCIDR.
func checkParseCIDR(t testing.TB, s string) {
	t.Helper()
	gip, gnet, gerr := addr.ParseCIDR(s)
	wip, wnet, werr := net.ParseCIDR(s)
	if errText(gerr) != errText(werr) {
		t.Fatalf("ParseCIDR(%q) error %q, net: %q", s, errText(gerr), errText(werr))
	}
	if !sameBytes(gip, wip) {
		t.Fatalf("ParseCIDR(%q) IP = %x, net: %x", s, []byte(gip), []byte(wip))
	}
	if gerr != nil {
		if _, ok := gerr.(*addr.ParseError); !ok || gnet != nil {
			t.Fatalf("ParseCIDR(%q) = %v, %T", s, gnet, gerr)
		}
		return
	}
	if !sameBytes(gnet.IP, wnet.IP) || !sameBytes(gnet.Mask, wnet.Mask) {
		t.Fatalf("ParseCIDR(%q) net = %x/%x, net: %x/%x", s, []byte(gnet.IP), []byte(gnet.Mask), []byte(wnet.IP), []byte(wnet.Mask))
	}
	if cap(gip) != len(gip) || cap(gnet.IP) != len(gnet.IP) || cap(gnet.Mask) != len(gnet.Mask) {
		t.Fatalf("ParseCIDR(%q): slices share room: caps %d %d %d", s, cap(gip), cap(gnet.IP), cap(gnet.Mask))
	}
	checkIPNet(t, gnet.IP, gnet.Mask)
	// The netip view agrees with the text and with netip's own parser
	// for IPv4 and plain IPv6 prefixes.
	p, ok := gnet.NetipPrefix()
	if !ok || p.String() != gnet.String() {
		t.Fatalf("ParseCIDR(%q): NetipPrefix() = %v, %v; String() = %v", s, p, ok, gnet)
	}
	if np, err := netip.ParsePrefix(s); err == nil && !np.Addr().Is4In6() && np.Masked() != p {
		t.Fatalf("ParseCIDR(%q): NetipPrefix() = %v, netip.ParsePrefix(...).Masked() = %v", s, p, np.Masked())
	}
}

// checkIPNet compares IPNet's methods for any IP and mask bytes.
func checkIPNet(t testing.TB, ip, mask []byte) {
	t.Helper()
	g := &addr.IPNet{IP: addr.IP(ip), Mask: addr.IPMask(mask)}
	w := &net.IPNet{IP: net.IP(ip), Mask: net.IPMask(mask)}
	if g.String() != w.String() {
		t.Fatalf("IPNet{%x, %x}.String() = %q, net: %q", ip, mask, g, w)
	}
	if ga := g.AppendTo(nil); string(ga) != g.String() {
		t.Fatalf("IPNet{%x, %x}.AppendTo = %q, String %q", ip, mask, ga, g)
	}
	if g.Network() != w.Network() {
		t.Fatalf("IPNet.Network() = %q, net: %q", g.Network(), w.Network())
	}
	probes := [][]byte{nil, ip, net.IP(ip).To4(), net.IP(ip).To16(), net.IPv4(10, 1, 2, 3), net.IPv4(10, 1, 2, 3).To4(), net.ParseIP("2001:db8::1"), {1, 2, 3}}
	if len(ip) > 0 {
		flip := bytes.Clone(ip)
		flip[len(flip)-1] ^= 1
		probes = append(probes, flip)
		flip2 := bytes.Clone(ip)
		flip2[0] ^= 0x80
		probes = append(probes, flip2)
	}
	for _, p := range probes {
		if g.Contains(addr.IP(p)) != w.Contains(net.IP(p)) {
			t.Fatalf("IPNet{%x, %x}.Contains(%x) = %v, net: %v", ip, mask, p, g.Contains(addr.IP(p)), w.Contains(net.IP(p)))
		}
	}
	// NetipPrefix succeeds exactly when String prints a prefix length.
	eff := mask
	if net.IP(ip).To4() != nil && len(mask) == net.IPv6len {
		eff = mask[12:]
	}
	_, bits := net.IPMask(eff).Size()
	wantOK := w.String() != "<nil>" && bits != 0
	p, ok := g.NetipPrefix()
	if ok != wantOK {
		t.Fatalf("IPNet{%x, %x}.NetipPrefix() ok = %v, want %v (String %v)", ip, mask, ok, wantOK, w)
	}
	if ok {
		if p.String() != g.String() {
			t.Fatalf("IPNet{%x, %x}.NetipPrefix() = %v, String() %v", ip, mask, p, g)
		}
		back := addr.IPNetFromNetipPrefix(p)
		if back.String() != g.String() {
			t.Fatalf("IPNetFromNetipPrefix(%v) = %v, want %v", p, back, g)
		}
	}
}

// checkMask compares IPMask's methods for any bytes.
func checkMask(t testing.TB, m []byte) {
	t.Helper()
	g, w := addr.IPMask(m), net.IPMask(m)
	gs, gb := g.Size()
	ws, wb := w.Size()
	if gs != ws || gb != wb {
		t.Fatalf("IPMask(%x).Size() = %d, %d; net: %d, %d", m, gs, gb, ws, wb)
	}
	if g.String() != w.String() {
		t.Fatalf("IPMask(%x).String() = %q, net: %q", m, g, w)
	}
	if string(g.AppendTo(nil)) != g.String() {
		t.Fatalf("IPMask(%x).AppendTo = %q, String %q", m, g.AppendTo(nil), g)
	}
}

// checkParseMAC compares ParseMAC and HardwareAddr.String with net's.
func checkParseMAC(t testing.TB, s string) {
	t.Helper()
	g, gerr := addr.ParseMAC(s)
	w, werr := net.ParseMAC(s)
	if errText(gerr) != errText(werr) || !sameBytes(g, w) {
		t.Fatalf("ParseMAC(%q) = %x, %v; net: %x, %v", s, []byte(g), gerr, []byte(w), werr)
	}
	if gerr != nil {
		if _, ok := gerr.(*addr.AddrError); !ok {
			t.Fatalf("ParseMAC(%q) error is %T, want *addr.AddrError", s, gerr)
		}
		return
	}
	checkMAC(t, g)
}

// checkMAC compares HardwareAddr.String for any bytes.
func checkMAC(t testing.TB, b []byte) {
	t.Helper()
	if g, w := addr.HardwareAddr(b).String(), net.HardwareAddr(b).String(); g != w {
		t.Fatalf("HardwareAddr(%x).String() = %q, net: %q", b, g, w)
	}
	if g := addr.HardwareAddr(b).AppendTo([]byte("x")); string(g) != "x"+net.HardwareAddr(b).String() {
		t.Fatalf("HardwareAddr(%x).AppendTo = %q", b, g)
	}
}

// checkSplitHostPort compares SplitHostPort with net's.
func checkSplitHostPort(t testing.TB, s string) {
	t.Helper()
	gh, gp, gerr := addr.SplitHostPort(s)
	wh, wp, werr := net.SplitHostPort(s)
	if gh != wh || gp != wp || errText(gerr) != errText(werr) {
		t.Fatalf("SplitHostPort(%q) = %q, %q, %v; net: %q, %q, %v", s, gh, gp, gerr, wh, wp, werr)
	}
	if gerr != nil {
		if _, ok := gerr.(*addr.AddrError); !ok {
			t.Fatalf("SplitHostPort(%q) error is %T, want *addr.AddrError", s, gerr)
		}
		return
	}
	// What splits, joins back to something that splits the same way.
	j := addr.JoinHostPort(gh, gp)
	h2, p2, err := addr.SplitHostPort(j)
	if err == nil && (h2 != gh || p2 != gp) {
		t.Fatalf("SplitHostPort(JoinHostPort(%q, %q)) = %q, %q", gh, gp, h2, p2)
	}
}

// checkJoinHostPort compares JoinHostPort and AppendHostPort with net's.
func checkJoinHostPort(t testing.TB, host, port string) {
	t.Helper()
	g, w := addr.JoinHostPort(host, port), net.JoinHostPort(host, port)
	if g != w {
		t.Fatalf("JoinHostPort(%q, %q) = %q, net: %q", host, port, g, w)
	}
	if a := addr.AppendHostPort([]byte("x"), host, port); string(a) != "x"+w {
		t.Fatalf("AppendHostPort(%q, %q) = %q, want %q", host, port, a, "x"+w)
	}
}

// checkSockaddrs compares the String, Network and AddrPort of every
// address type built from the same fields.
func checkSockaddrs(t testing.TB, ip []byte, zone string, port int) {
	t.Helper()
	pairs := []struct {
		g interface {
			Network() string
			String() string
		}
		w net.Addr
	}{
		{&addr.TCPAddr{IP: ip, Port: port, Zone: zone}, &net.TCPAddr{IP: ip, Port: port, Zone: zone}},
		{&addr.UDPAddr{IP: ip, Port: port, Zone: zone}, &net.UDPAddr{IP: ip, Port: port, Zone: zone}},
		{&addr.IPAddr{IP: ip, Zone: zone}, &net.IPAddr{IP: ip, Zone: zone}},
		{&addr.UnixAddr{Name: zone, Net: "unixgram"}, &net.UnixAddr{Name: zone, Net: "unixgram"}},
	}
	for _, p := range pairs {
		if p.g.String() != p.w.String() || p.g.Network() != p.w.Network() {
			t.Fatalf("%T{%x, %q, %d}: %q %q; net: %q %q", p.g, ip, zone, port, p.g.Network(), p.g.String(), p.w.Network(), p.w.String())
		}
	}
	ga := (&addr.TCPAddr{IP: ip, Port: port, Zone: zone}).AddrPort()
	wa := (&net.TCPAddr{IP: ip, Port: port, Zone: zone}).AddrPort()
	if ga != wa {
		t.Fatalf("TCPAddr{%x, %d, %q}.AddrPort() = %v, net: %v", ip, port, zone, ga, wa)
	}
	gu := (&addr.UDPAddr{IP: ip, Port: port, Zone: zone}).AddrPort()
	wu := (&net.UDPAddr{IP: ip, Port: port, Zone: zone}).AddrPort()
	if gu != wu {
		t.Fatalf("UDPAddr{%x, %d, %q}.AddrPort() = %v, net: %v", ip, port, zone, gu, wu)
	}
	gt, wt := addr.TCPAddrFromAddrPort(wa), net.TCPAddrFromAddrPort(wa)
	if !sameBytes(gt.IP, wt.IP) || gt.Port != wt.Port || gt.Zone != wt.Zone || gt.String() != wt.String() {
		t.Fatalf("TCPAddrFromAddrPort(%v) = %v, net: %v", wa, gt, wt)
	}
	gd, wd := addr.UDPAddrFromAddrPort(wu), net.UDPAddrFromAddrPort(wu)
	if !sameBytes(gd.IP, wd.IP) || gd.Port != wd.Port || gd.Zone != wd.Zone || gd.String() != wd.String() {
		t.Fatalf("UDPAddrFromAddrPort(%v) = %v, net: %v", wu, gd, wd)
	}
}
