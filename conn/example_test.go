package conn_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/netkit-go/netkit/addr"
	"github.com/netkit-go/netkit/conn"
)

// An echo server on a netkit listener and a client dialing it.
func ExampleListen() {
	ln, err := conn.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		io.Copy(c, c) // echo until the client closes its side
	}()

	c, err := conn.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, "hello, netkit")
	c.(*conn.TCPConn).CloseWrite()
	reply, _ := io.ReadAll(c)
	fmt.Println(string(reply))
	// Output: hello, netkit
}

// A Dialer with a timeout, keep-alive settings and a context.
func ExampleDialer() {
	ln, err := conn.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()

	d := conn.Dialer{
		Timeout:         5 * time.Second,
		KeepAliveConfig: conn.KeepAliveConfig{Enable: true, Idle: 30 * time.Second, Interval: 10 * time.Second, Count: 3},
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	c, err := d.DialContext(ctx, "tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	fmt.Println(c.RemoteAddr().Network(), c.RemoteAddr().String() == ln.Addr().String())
	// Output: tcp true
}

// Unix domain sockets: the socket file disappears when the listener is
// closed.
func ExampleDialer_unix() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sock")

	ln, err := conn.Listen("unix", path)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		c, err := ln.Accept()
		if err == nil {
			fmt.Fprint(c, "over a unix socket")
			c.Close()
		}
	}()
	var d conn.Dialer
	c, err := d.DialUnix(context.Background(), "unix", nil, &addr.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		log.Fatal(err)
	}
	msg, _ := io.ReadAll(c)
	c.Close()
	fmt.Println(string(msg))

	ln.Close()
	_, err = os.Stat(path)
	fmt.Println("socket file removed:", os.IsNotExist(err))
	// Output:
	// over a unix socket
	// socket file removed: true
}

// Resolving literal addresses needs no DNS.
func ExampleResolveTCPAddr() {
	for _, s := range []string{"127.0.0.1:80", "[::1]:443", ":8080"} {
		a, err := conn.ResolveTCPAddr("tcp", s)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%q -> IP %v, port %d\n", s, a.IP, a.Port)
	}
	_, err := conn.ResolveTCPAddr("tcp", "127.0.0.1")
	fmt.Println(err)
	// Output:
	// "127.0.0.1:80" -> IP 127.0.0.1, port 80
	// "[::1]:443" -> IP ::1, port 443
	// ":8080" -> IP <nil>, port 8080
	// address 127.0.0.1: missing port in address
}

// net/http serves on a netkit listener unchanged.
func ExampleTCPListener_http() {
	ln, err := conn.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "served by net/http on a netkit listener")
	})}
	go srv.Serve(ln)
	defer srv.Close()

	tr := &http.Transport{DialContext: (&conn.Dialer{}).DialContext}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Print(string(body))
	// Output: served by net/http on a netkit listener
}
