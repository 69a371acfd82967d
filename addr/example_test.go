package addr_test

import (
	"fmt"
	"net/netip"

	"github.com/netkit-go/netkit/addr"
)

func ExampleParseIP() {
	fmt.Println(addr.ParseIP("192.0.2.1"))
	fmt.Println(addr.ParseIP("2001:DB8::68"))
	fmt.Println(addr.ParseIP("::ffff:192.0.2.1"))
	fmt.Println(addr.ParseIP("192.000.002.001")) // leading zeros: rejected
	fmt.Println(addr.ParseIP("fe80::1%eth0"))    // zones: rejected
	// Output:
	// 192.0.2.1
	// 2001:db8::68
	// 192.0.2.1
	// <nil>
	// <nil>
}

func ExampleIPv4() {
	ip := addr.IPv4(192, 0, 2, 1)
	fmt.Println(len(ip), ip, len(ip.To4()))
	// Output: 16 192.0.2.1 4
}

func ExampleIP_To4() {
	fmt.Println(addr.ParseIP("192.0.2.1").To4())
	fmt.Println(addr.ParseIP("2001:db8::1").To4() == nil)
	// Output:
	// 192.0.2.1
	// true
}

func ExampleIP_Equal() {
	v4 := addr.IP{192, 0, 2, 1}
	fmt.Println(v4.Equal(addr.ParseIP("192.0.2.1")))
	fmt.Println(v4.Equal(addr.ParseIP("::c000:201")))
	// Output:
	// true
	// false
}

func ExampleIP_IsPrivate() {
	for _, s := range []string{"10.1.2.3", "172.32.0.1", "fd00::1", "8.8.8.8"} {
		fmt.Println(s, addr.ParseIP(s).IsPrivate())
	}
	// Output:
	// 10.1.2.3 true
	// 172.32.0.1 false
	// fd00::1 true
	// 8.8.8.8 false
}

func ExampleIP_Mask() {
	ip := addr.ParseIP("10.1.2.77")
	fmt.Println(ip.Mask(addr.CIDRMask(24, 32)))
	fmt.Println(ip.Mask(ip.DefaultMask())) // class A: 255.0.0.0
	// Output:
	// 10.1.2.0
	// 10.0.0.0
}

func ExampleIP_AppendTo() {
	buf := make([]byte, 0, 64)
	buf = append(buf, "addr="...)
	buf = addr.ParseIP("2001:db8::1").AppendTo(buf)
	fmt.Println(string(buf))
	// Output: addr=2001:db8::1
}

func ExampleIP_AppendText() {
	b, err := addr.IP{1, 2, 3}.AppendText(nil)
	fmt.Printf("%q %v\n", b, err)
	b, err = addr.IPv4(10, 0, 0, 1).AppendText([]byte("ip: "))
	fmt.Printf("%q %v\n", b, err)
	// Output:
	// "" address 010203: invalid IP address
	// "ip: 10.0.0.1" <nil>
}

func ExampleIP_NetipAddr() {
	ip := addr.ParseIP("192.0.2.1") // 16 bytes, IPv4-mapped
	a, ok := ip.NetipAddr()
	fmt.Println(a, ok, a.Is4(), a == netip.MustParseAddr("192.0.2.1"))

	// netip.AddrFromSlice, by contrast, keeps the mapping.
	m, _ := netip.AddrFromSlice(ip)
	fmt.Println(m, m.Is4())
	// Output:
	// 192.0.2.1 true true true
	// ::ffff:192.0.2.1 false
}

func ExampleIPFromNetipAddr() {
	fmt.Println(len(addr.IPFromNetipAddr(netip.MustParseAddr("192.0.2.1"))))
	fmt.Println(len(addr.IPFromNetipAddr(netip.MustParseAddr("2001:db8::1"))))
	fmt.Println(addr.IPFromNetipAddr(netip.Addr{}) == nil)
	// Output:
	// 4
	// 16
	// true
}

func ExampleCIDRMask() {
	fmt.Println(addr.CIDRMask(31, 32))
	fmt.Println(addr.CIDRMask(64, 128))
	// Output:
	// fffffffe
	// ffffffffffffffff0000000000000000
}

func ExampleIPv4Mask() {
	fmt.Println(addr.IPv4Mask(255, 255, 255, 0))
	// Output: ffffff00
}

func ExampleIPMask_Size() {
	fmt.Println(addr.CIDRMask(20, 32).Size())
	fmt.Println(addr.IPv4Mask(255, 0, 255, 0).Size())
	// Output:
	// 20 32
	// 0 0
}

func ExampleParseCIDR() {
	ip, n, err := addr.ParseCIDR("192.0.2.1/24")
	fmt.Println(ip, n, err)
	ip, n, err = addr.ParseCIDR("2001:db8:a0b:12f0::1/32")
	fmt.Println(ip, n, err)
	_, _, err = addr.ParseCIDR("192.0.2.1/33")
	fmt.Println(err)
	// Output:
	// 192.0.2.1 192.0.2.0/24 <nil>
	// 2001:db8:a0b:12f0::1 2001:db8::/32 <nil>
	// invalid CIDR address: 192.0.2.1/33
}

func ExampleIPNet_Contains() {
	_, n, _ := addr.ParseCIDR("10.0.0.0/8")
	fmt.Println(n.Contains(addr.ParseIP("10.200.1.1")))
	fmt.Println(n.Contains(addr.ParseIP("11.0.0.1")))
	// Output:
	// true
	// false
}

func ExampleIPNet_NetipPrefix() {
	_, n, _ := addr.ParseCIDR("::ffff:192.0.2.1/120")
	p, ok := n.NetipPrefix()
	fmt.Println(n, p, ok)
	// Output: 192.0.2.0/24 192.0.2.0/24 true
}

func ExampleIPNetFromNetipPrefix() {
	n := addr.IPNetFromNetipPrefix(netip.MustParsePrefix("2001:db8::/48"))
	fmt.Println(n, n.Contains(addr.ParseIP("2001:db8:0:1::1")))
	// Output: 2001:db8::/48 true
}

func ExampleParseMAC() {
	for _, s := range []string{"00:00:5e:00:53:01", "00-00-5E-00-53-01", "0000.5e00.5301", "00005e005301", "00:00:5e:00:53"} {
		hw, err := addr.ParseMAC(s)
		fmt.Println(hw, err)
	}
	// Output:
	// 00:00:5e:00:53:01 <nil>
	// 00:00:5e:00:53:01 <nil>
	// 00:00:5e:00:53:01 <nil>
	// 00:00:5e:00:53:01 <nil>
	//  address 00:00:5e:00:53: invalid MAC address
}

func ExampleSplitHostPort() {
	for _, s := range []string{"example.com:80", "[2001:db8::1%eth0]:443", "2001:db8::1:443"} {
		host, port, err := addr.SplitHostPort(s)
		fmt.Printf("%q %q %v\n", host, port, err)
	}
	// Output:
	// "example.com" "80" <nil>
	// "2001:db8::1%eth0" "443" <nil>
	// "" "" address 2001:db8::1:443: too many colons in address
}

func ExampleJoinHostPort() {
	fmt.Println(addr.JoinHostPort("example.com", "80"))
	fmt.Println(addr.JoinHostPort("2001:db8::1", "443"))
	// Output:
	// example.com:80
	// [2001:db8::1]:443
}

func ExampleTCPAddr_String() {
	fmt.Println(&addr.TCPAddr{IP: addr.ParseIP("fe80::1"), Port: 80, Zone: "eth0"})
	fmt.Println(&addr.TCPAddr{Port: 8080})
	fmt.Println((*addr.TCPAddr)(nil))
	// Output:
	// [fe80::1%eth0]:80
	// :8080
	// <nil>
}

func ExampleTCPAddrFromAddrPort() {
	a := addr.TCPAddrFromAddrPort(netip.MustParseAddrPort("192.0.2.1:443"))
	fmt.Println(a, len(a.IP), a.AddrPort())
	// Output: 192.0.2.1:443 4 192.0.2.1:443
}

func ExampleOpError() {
	err := &addr.OpError{
		Op:   "dial",
		Net:  "tcp",
		Addr: &addr.TCPAddr{IP: addr.IPv4(127, 0, 0, 1), Port: 1},
		Err:  &addr.AddrError{Err: "no suitable address found", Addr: "localhost"},
	}
	fmt.Println(err)
	// Output: dial tcp 127.0.0.1:1: address localhost: no suitable address found
}
