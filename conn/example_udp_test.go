package conn_test

import (
	"fmt"
	"log"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
	"github.com/netkit-go/netkit/iface"
	"github.com/netkit-go/netkit/sockopt"
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

// ReadMsgUDP with IP_PKTINFO control messages (turned on with sockopt)
// tells a server bound to the wildcard address which of its addresses a
// datagram was sent to.
func ExampleUDPConn_ReadMsgUDP() {
	srv, err := conn.ListenUDP("udp4", &addr.UDPAddr{}) // 0.0.0.0, any port
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	rc, err := srv.SyscallConn()
	if err != nil {
		log.Fatal(err)
	}
	if err := sockopt.SetReceivePacketInfoIPv4(rc, true); err != nil {
		log.Fatal(err)
	}
	c, err := conn.DialUDP("udp4", nil, &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1), Port: srv.LocalAddr().(*addr.UDPAddr).Port})
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte("where am I?")); err != nil {
		log.Fatal(err)
	}

	srv.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf, oob := make([]byte, 64), make([]byte, sockopt.PacketInfoSpace())
	n, oobn, _, _, err := srv.ReadMsgUDP(buf, oob)
	if err != nil {
		log.Fatal(err)
	}
	info, ok, err := sockopt.ParsePacketInfo(oob[:oobn])
	if err != nil || !ok {
		log.Fatal("no packet info", err)
	}
	fmt.Printf("%q was sent to %v\n", buf[:n], info.Addr)
	// Output: "where am I?" was sent to 127.0.0.1
}
