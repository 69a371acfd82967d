package conn_test

import (
	"fmt"
	"log"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
)

// A socket handed over as a file (say, by a parent process or systemd)
// becomes a conn again with FilePacketConn; the type and addresses come
// from the kernel.
func ExampleFilePacketConn() {
	orig, err := conn.ListenUDP("udp4", &addr.UDPAddr{IP: addr.IPv4(127, 0, 0, 1)})
	if err != nil {
		log.Fatal(err)
	}
	defer orig.Close()
	f, err := orig.File() // a duplicate descriptor
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()

	pc, err := conn.FilePacketConn(f)
	if err != nil {
		log.Fatal(err)
	}
	defer pc.Close()
	fmt.Printf("%T same address: %v\n", pc, pc.LocalAddr().String() == orig.LocalAddr().String())
	// Output: *conn.UDPConn same address: true
}
