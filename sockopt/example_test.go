//go:build linux || darwin || freebsd

package sockopt_test

import (
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/sockopt"
)

// Options work on the standard library's connections through SyscallConn.
func ExampleSetKeepAliveIdle() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	rc, err := c.(*net.TCPConn).SyscallConn()
	if err != nil {
		log.Fatal(err)
	}
	// Probe after 30 s of silence, every 5 s, give up after 4 probes.
	if err := sockopt.SetKeepAlive(rc, true); err != nil {
		log.Fatal(err)
	}
	if err := sockopt.SetKeepAliveIdle(rc, 30*time.Second); err != nil {
		log.Fatal(err)
	}
	if err := sockopt.SetKeepAliveInterval(rc, 4500*time.Millisecond); err != nil { // rounded up to 5 s
		log.Fatal(err)
	}
	if err := sockopt.SetKeepAliveCount(rc, 4); err != nil {
		log.Fatal(err)
	}
	idle, _ := sockopt.KeepAliveIdle(rc)
	interval, _ := sockopt.KeepAliveInterval(rc)
	count, _ := sockopt.KeepAliveCount(rc)
	fmt.Println(idle, interval, count)
	// Output: 30s 5s 4
}

// SetLinger(rc, -1) turns lingering off, as (*net.TCPConn).SetLinger does.
func ExampleSetLinger() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	rc, _ := c.(*net.TCPConn).SyscallConn()

	sockopt.SetLinger(rc, 0) // reset the connection on Close
	sec, _ := sockopt.Linger(rc)
	fmt.Println(sec)
	sockopt.SetLinger(rc, -1)
	sec, _ = sockopt.Linger(rc)
	fmt.Println(sec)
	// Output:
	// 0
	// -1
}

// GetTCPInfo reads the kernel's statistics of a connection.
func ExampleGetTCPInfo() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	rc, _ := c.(*net.TCPConn).SyscallConn()

	info, err := sockopt.GetTCPInfo(rc)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.State)
	// Output: ESTABLISHED
}

// ParsePacketInfo tells a server bound to the wildcard address which of its
// addresses a datagram was sent to.
func ExampleParsePacketInfo() {
	pc, err := net.ListenPacket("udp4", "0.0.0.0:0")
	if err != nil {
		log.Fatal(err)
	}
	defer pc.Close()
	srv := pc.(*net.UDPConn)
	rc, _ := srv.SyscallConn()
	if err := sockopt.SetReceivePacketInfoIPv4(rc, true); err != nil {
		log.Fatal(err)
	}

	port := srv.LocalAddr().(*net.UDPAddr).Port
	cl, err := net.Dial("udp4", fmt.Sprintf("127.0.0.5:%d", port))
	if err != nil {
		log.Fatal(err)
	}
	defer cl.Close()
	cl.Write([]byte("ping"))

	srv.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 16)
	oob := make([]byte, sockopt.PacketInfoSpace())
	_, oobn, _, _, err := srv.ReadMsgUDP(buf, oob)
	if err != nil {
		log.Fatal(err)
	}
	info, ok, err := sockopt.ParsePacketInfo(oob[:oobn])
	if err != nil || !ok {
		log.Fatal("no packet information", err)
	}
	fmt.Println("sent to", info.Addr)

	// Reply from the address the client used.
	reply, err := (&sockopt.PacketInfo{Addr: info.Addr}).AppendIPv4(nil)
	if err != nil {
		log.Fatal(err)
	}
	_, _, err = srv.WriteMsgUDP([]byte("pong"), reply, cl.LocalAddr().(*net.UDPAddr))
	if err != nil {
		log.Fatal(err)
	}
	cl.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, _ := cl.Read(buf) // a connected UDP socket accepts only its peer's address
	fmt.Println(string(buf[:n]))
	// Output:
	// sent to 127.0.0.5
	// pong
}

// Multicast membership on a stdlib UDP socket: join a group on the
// loopback interface and leave it again.
func ExampleJoinGroupIPv4() {
	pc, err := net.ListenPacket("udp4", "0.0.0.0:0")
	if err != nil {
		log.Fatal(err)
	}
	defer pc.Close()
	rc, _ := pc.(*net.UDPConn).SyscallConn()

	group := addr.IP{239, 255, 0, 42}
	loopback := addr.IP{127, 0, 0, 1}
	if err := sockopt.JoinGroupIPv4(rc, 0, loopback, group); err != nil {
		log.Fatal(err)
	}
	fmt.Println("joined")
	if err := sockopt.LeaveGroupIPv4(rc, 0, loopback, group); err != nil {
		log.Fatal(err)
	}
	fmt.Println("left")
	// Output:
	// joined
	// left
}

// SetKeepAliveConfig takes net.KeepAliveConfig's fields: zero means the
// standard library's default, negative leaves a setting alone.
func ExampleSetKeepAliveConfig() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	rc, _ := c.(*net.TCPConn).SyscallConn()

	cfg := sockopt.KeepAliveConfig{Enable: true, Idle: time.Minute, Interval: 0, Count: -1}
	if err := sockopt.SetKeepAliveConfig(rc, cfg); err != nil {
		log.Fatal(err)
	}
	got, err := sockopt.GetKeepAliveConfig(rc)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", got)
	// Output: {Enable:true Idle:1m0s Interval:15s Count:9}
}

// PeerCred tells a Unix socket server who is on the other end.
func ExamplePeerCred() {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("sockopt-example-%d.sock", os.Getpid()))
	os.Remove(path) // a leftover from a crashed run
	ln, err := net.Listen("unix", path)
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("unix", path)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	s, err := ln.Accept()
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	rc, _ := s.(*net.UnixConn).SyscallConn()
	cred, err := sockopt.PeerCred(rc)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cred.Pid == int32(os.Getpid()), cred.Uid == uint32(os.Getuid()))
	// Output: true true
}
