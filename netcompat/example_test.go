package netcompat_test

import (
	"bufio"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	net "github.com/netkit-go/netkit/netcompat"
)

// The package documentation's Dial example, against a local HTTP server
// that is itself served on a netcompat listener.
func ExampleDial() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello\n")
	})}
	go srv.Serve(ln)
	defer srv.Close()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET / HTTP/1.0\r\n\r\n")
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(status)
	// Output: HTTP/1.0 200 OK
}

// The Listener example: an echo server that serves each connection in its
// own goroutine, and one client.
func ExampleListener() {
	// Listen on TCP port 0 (any free port) on the loopback address.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			// Wait for a connection.
			conn, err := l.Accept()
			if err != nil {
				return // the listener was closed
			}
			// Handle the connection in a new goroutine.
			// The loop then returns to accepting, so that
			// multiple connections may be served concurrently.
			go func(c net.Conn) {
				// Echo all incoming data.
				io.Copy(c, c)
				// Shut down the connection.
				c.Close()
			}(conn)
		}
	}()

	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintln(c, "echo me")
	line, _ := bufio.NewReader(c).ReadString('\n')
	c.Close()
	l.Close()
	<-done
	fmt.Print(line)
	// Output: echo me
}

func ExampleParseCIDR() {
	ipv4Addr, ipv4Net, err := net.ParseCIDR("192.0.2.1/24")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ipv4Addr)
	fmt.Println(ipv4Net)

	ipv6Addr, ipv6Net, err := net.ParseCIDR("2001:db8:a0b:12f0::1/32")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ipv6Addr)
	fmt.Println(ipv6Net)
	// Output:
	// 192.0.2.1
	// 192.0.2.0/24
	// 2001:db8:a0b:12f0::1
	// 2001:db8::/32
}

func ExampleParseIP() {
	fmt.Println(net.ParseIP("192.0.2.1"))
	fmt.Println(net.ParseIP("2001:db8::68"))
	fmt.Println(net.ParseIP("192.0.2"))
	fmt.Println(net.ParseIP("010.0.0.1")) // leading zeros: rejected since Go 1.17
	// Output:
	// 192.0.2.1
	// 2001:db8::68
	// <nil>
	// <nil>
}

func ExampleParseMAC() {
	for _, s := range []string{"00:00:5e:00:53:01", "0000.5e00.5301", "02-00-5e-10-00-00-00-01"} {
		hw, err := net.ParseMAC(s)
		fmt.Println(hw, err)
	}
	// Output:
	// 00:00:5e:00:53:01 <nil>
	// 00:00:5e:00:53:01 <nil>
	// 02:00:5e:10:00:00:00:01 <nil>
}

func ExampleSplitHostPort() {
	host, port, err := net.SplitHostPort("[fe80::1%eth0]:443")
	fmt.Println(host, port, err)
	fmt.Println(net.JoinHostPort("2001:db8::1", "80"))
	// Output:
	// fe80::1%eth0 443 <nil>
	// [2001:db8::1]:80
}

func ExamplePipe() {
	client, server := net.Pipe()
	go func() {
		line, _ := bufio.NewReader(server).ReadString('\n')
		io.WriteString(server, strings.ToUpper(line))
		server.Close()
	}()
	io.WriteString(client, "ping\n")
	reply, _ := io.ReadAll(client)
	client.Close()
	fmt.Print(string(reply))
	// Output: PING
}

func ExampleLookupPort() {
	port, err := net.LookupPort("tcp", "https")
	fmt.Println(port, err)
	// Output: 443 <nil>
}
