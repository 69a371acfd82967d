package conn_test

import (
	"fmt"
	"log"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/iface"
)

// A UDP echo over loopback: an unconnected server answers whoever wrote to
// it; the client is connected with DialUDP, so plain Read and Write work.
func ExampleListenUDP() {
	srv, err := conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := srv.ReadFromUDP(buf)
			if err != nil {
				return // closed
			}
			srv.WriteToUDP(buf[:n], from)
		}
	}()

	c, err := conn.DialUDP("udp4", nil, srv.LocalAddr().(*addr.UDPAddr))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte("hello")); err != nil {
		log.Fatal(err)
	}
	buf := make([]byte, 16)
	n, err := c.Read(buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n", buf[:n])
	// Output: hello
}

// WriteTo on a connected UDP conn is refused, as in the standard library.
func ExampleUDPConn_WriteTo_connected() {
	srv, err := conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := conn.DialUDP("udp4", nil, srv.LocalAddr().(*addr.UDPAddr))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	_, err = c.WriteTo([]byte("x"), srv.LocalAddr())
	fmt.Println(err.(*addr.OpError).Err)
	// Output: use of WriteTo with pre-connected connection
}

// Joining a multicast group on one interface. Datagrams that this socket
// sends to the group are not looped back to this host (loopback is off on
// it, as the standard library does).
func ExampleListenMulticastUDP() {
	ifi, err := iface.InterfaceByName("eth0")
	if err != nil {
		log.Fatal(err)
	}
	group := &addr.UDPAddr{IP: addr.ParseIP("239.255.42.1"), Port: 4242}
	c, err := conn.ListenMulticastUDP("udp4", ifi, group)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	buf := make([]byte, 1500)
	n, from, err := c.ReadFromUDP(buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d bytes from %v\n", n, from)
}
