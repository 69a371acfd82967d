// Command echo is an echo server and client over TCP, UDP or Unix sockets,
// built on netkit's conn module.
//
//	echo -listen -net tcp -addr 127.0.0.1:7007        # server
//	echo -net tcp -addr 127.0.0.1:7007 hello world    # client: sends its arguments, prints the echo
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/netkit-go/netkit/conn"
)

func main() {
	listen := flag.Bool("listen", false, "run the server (default: run the client)")
	network := flag.String("net", "tcp", "network: tcp, tcp4, tcp6, udp, udp4, udp6, unix, unixgram")
	address := flag.String("addr", "127.0.0.1:7007", "address to listen on or dial (a path for unix networks)")
	timeout := flag.Duration("timeout", 5*time.Second, "client: dial and reply timeout")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *listen {
		srv, err := Listen(*network, *address)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("echo: serving %s on %s", *network, srv.Addr())
		<-ctx.Done()
		srv.Close()
		return
	}
	reply, err := Roundtrip(ctx, *network, *address, strings.Join(flag.Args(), " "), *timeout)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(reply)
}

// Server is a running echo server.
type Server struct {
	stream net.Listener
	packet net.PacketConn
	wg     sync.WaitGroup
}

// Listen starts an echo server on the network and address.
func Listen(network, address string) (*Server, error) {
	s := &Server{}
	switch network {
	case "udp", "udp4", "udp6", "unixgram":
		pc, err := conn.ListenPacket(network, address)
		if err != nil {
			return nil, err
		}
		s.packet = pc
		s.wg.Add(1)
		go s.servePackets()
	default:
		ln, err := conn.Listen(network, address)
		if err != nil {
			return nil, err
		}
		s.stream = ln
		s.wg.Add(1)
		go s.serveStreams()
	}
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr {
	if s.stream != nil {
		return s.stream.Addr()
	}
	return s.packet.LocalAddr()
}

// Close stops the server and waits for its goroutines.
func (s *Server) Close() error {
	var err error
	if s.stream != nil {
		err = s.stream.Close()
	} else {
		err = s.packet.Close()
	}
	s.wg.Wait()
	return err
}

func (s *Server) serveStreams() {
	defer s.wg.Done()
	for {
		c, err := s.stream.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				log.Printf("echo: accept: %v", err)
			}
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer c.Close()
			io.Copy(c, c)
		}()
	}
}

func (s *Server) servePackets() {
	defer s.wg.Done()
	buf := make([]byte, 64<<10)
	for {
		n, from, err := s.packet.ReadFrom(buf)
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				log.Printf("echo: read: %v", err)
			}
			return
		}
		if from == nil {
			continue // an unbound unixgram sender cannot be answered
		}
		s.packet.WriteTo(buf[:n], from)
	}
}

// Roundtrip sends msg to the echo server at address and returns its reply.
func Roundtrip(ctx context.Context, network, address, msg string, timeout time.Duration) (string, error) {
	d := &conn.Dialer{Timeout: timeout}
	var laddr string
	if network == "unixgram" {
		// A datagram client needs an address of its own to be answered.
		dir, err := os.MkdirTemp("", "echo-client")
		if err != nil {
			return "", err
		}
		defer os.RemoveAll(dir)
		laddr = dir + "/client.sock"
		ua, err := conn.ResolveUnixAddr(network, laddr)
		if err != nil {
			return "", err
		}
		d.LocalAddr = ua
	}
	c, err := d.DialContext(ctx, network, address)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(timeout))
	switch network {
	case "udp", "udp4", "udp6", "unixgram":
		if _, err := c.Write([]byte(msg)); err != nil {
			return "", err
		}
		buf := make([]byte, 64<<10)
		n, err := c.Read(buf)
		return string(buf[:n]), err
	}
	if _, err := io.WriteString(c, msg+"\n"); err != nil {
		return "", err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	return strings.TrimSuffix(line, "\n"), err
}
