// Command ping sends ICMP echo requests over a raw netkit IPConn
// ("ip4:icmp" or "ip6:ipv6-icmp") and prints the replies. Raw sockets need
// root (or CAP_NET_RAW).
//
//	ping -c 3 127.0.0.1
//	ping -6 ::1
package main

import (
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/netkit-go/netkit/conn"
)

// ICMP message types (RFC 792, RFC 4443).
const (
	echoRequest4 = 8
	echoReply4   = 0
	echoRequest6 = 128
	echoReply6   = 129
)

func main() {
	count := flag.Int("c", 3, "number of echo requests")
	v6 := flag.Bool("6", false, "use IPv6 (ip6:ipv6-icmp)")
	interval := flag.Duration("i", time.Second, "wait between requests")
	wait := flag.Duration("W", 2*time.Second, "how long to wait for each reply")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: ping [-c count] [-6] [-i interval] [-W wait] host")
		os.Exit(2)
	}
	lost, err := ping(os.Stdout, flag.Arg(0), *v6, *count, *interval, *wait)
	if err != nil {
		log.Fatal(err)
	}
	if lost > 0 {
		os.Exit(1)
	}
}

// ping sends count echo requests to host and reports each reply on w. It
// returns how many requests got no reply.
func ping(w io.Writer, host string, v6 bool, count int, interval, wait time.Duration) (lost int, err error) {
	network, req, rep := "ip4:icmp", byte(echoRequest4), byte(echoReply4)
	if v6 {
		network, req, rep = "ip6:ipv6-icmp", echoRequest6, echoReply6
	}
	dst, err := conn.ResolveIPAddr(network[:3], host)
	if err != nil {
		return 0, err
	}
	c, err := conn.ListenIP(network, nil)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	id := uint16(os.Getpid())
	fmt.Fprintf(w, "PING %s (%s) over %s\n", host, dst, network)
	buf := make([]byte, 1500)
	for seq := 1; seq <= count; seq++ {
		if seq > 1 {
			time.Sleep(interval)
		}
		msg := echo(req, id, uint16(seq), []byte("netkit ping"), !v6)
		start := time.Now()
		if _, err := c.WriteToIP(msg, dst); err != nil {
			return lost, err
		}
		c.SetReadDeadline(start.Add(wait))
		for {
			// netkit's ip4 IPConn returns the ICMP message without the
			// IPv4 header on every OS, so the reply starts at buf[0].
			n, from, err := c.ReadFromIP(buf)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				fmt.Fprintf(w, "no reply for icmp_seq=%d\n", seq)
				lost++
				break
			}
			if err != nil {
				return lost, err
			}
			if n < 8 || buf[0] != rep || binary.BigEndian.Uint16(buf[4:]) != id || binary.BigEndian.Uint16(buf[6:]) != uint16(seq) {
				continue // our own request seen on loopback, or someone else's traffic
			}
			fmt.Fprintf(w, "%d bytes from %s: icmp_seq=%d time=%v\n", n, from, seq, time.Since(start).Round(time.Microsecond))
			break
		}
	}
	return lost, nil
}

// echo builds an ICMP echo request. For ICMPv4 it fills in the checksum;
// for ICMPv6 the kernel computes it over the pseudo-header (RFC 4443 §2.3).
func echo(typ byte, id, seq uint16, payload []byte, checksum bool) []byte {
	b := make([]byte, 8+len(payload))
	b[0] = typ
	binary.BigEndian.PutUint16(b[4:], id)
	binary.BigEndian.PutUint16(b[6:], seq)
	copy(b[8:], payload)
	if checksum {
		binary.BigEndian.PutUint16(b[2:], inetChecksum(b))
	}
	return b
}

// inetChecksum is the Internet checksum of RFC 1071.
func inetChecksum(b []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}
