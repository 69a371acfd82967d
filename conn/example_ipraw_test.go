package conn_test

import (
	"fmt"
	"log"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
)

// An ICMP echo ("ping") to 127.0.0.1 over a raw socket (needs root or
// CAP_NET_RAW). On "ip4" every read returns the ICMP message without the
// IPv4 header, on every platform.
func ExampleListenIP() {
	c, err := conn.ListenIP("ip4:icmp", &addr.IPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))

	// Type 8 (echo request), code 0, checksum, identifier 1, sequence 1.
	req := []byte{8, 0, 0, 0, 0, 1, 0, 1}
	sum := uint32(0)
	for i := 0; i < len(req); i += 2 {
		sum += uint32(req[i])<<8 | uint32(req[i+1])
	}
	sum = sum&0xffff + sum>>16
	req[2], req[3] = ^byte(sum>>8), ^byte(sum)
	if _, err := c.WriteToIP(req, &addr.IPAddr{IP: addr.IPv4(127, 0, 0, 1)}); err != nil {
		log.Fatal(err)
	}
	buf := make([]byte, 1500)
	for {
		n, from, err := c.ReadFromIP(buf)
		if err != nil {
			log.Fatal(err)
		}
		if n >= 8 && buf[0] == 0 { // echo reply (our own request comes by too)
			fmt.Println("reply from", from)
			return
		}
	}
}
