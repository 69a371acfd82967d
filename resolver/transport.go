package resolver

import (
	"context"
	"reflect"
	"sync"
	"time"
)

// Conn is what the resolver needs of a connection to a name server: the
// subset of net.Conn it uses, so that any net.Conn (a TLS connection for DNS
// over TLS, an in-memory pipe, a SOCKS tunnel) can be returned by
// [Resolver.Dial] without this package importing net.
//
// A Conn whose dynamic type has ReadFrom and WriteTo methods (as
// net.PacketConn does) is used as a datagram connection: one message per
// Read/Write. Any other Conn is used as a stream with RFC 1035 section 4.2.2
// two-byte length prefixes, whatever network was asked for, exactly as the
// standard library does.
type Conn interface {
	Read(b []byte) (n int, err error)
	Write(b []byte) (n int, err error)
	Close() error
	SetDeadline(t time.Time) error
}

// packetStyle is implemented by the default transport's connections.
type packetStyle interface {
	isPacket() bool
}

var packetTypes sync.Map // reflect.Type -> bool

// isPacketConn reports whether c carries one DNS message per datagram.
func isPacketConn(c Conn) bool {
	if p, ok := c.(packetStyle); ok {
		return p.isPacket()
	}
	t := reflect.TypeOf(c)
	if v, ok := packetTypes.Load(t); ok {
		return v.(bool)
	}
	_, rf := t.MethodByName("ReadFrom")
	_, wt := t.MethodByName("WriteTo")
	packet := rf && wt
	// io.ReaderFrom/io.WriterTo (as on *net.TCPConn) take an io.Reader or
	// io.Writer, not a byte slice: only count the net.PacketConn shapes.
	if packet {
		m, _ := t.MethodByName("ReadFrom")
		packet = m.Type.NumIn() == 2 && m.Type.In(1) == reflect.TypeOf([]byte(nil)) && m.Type.NumOut() == 3
	}
	packetTypes.Store(t, packet)
	return packet
}

// dial opens a connection to server over network ("udp" or "tcp").
func (r *Resolver) dial(ctx context.Context, network, server string) (Conn, error) {
	var c Conn
	var err error
	if r != nil && r.Dial != nil {
		c, err = r.Dial(ctx, network, server)
	} else {
		c, err = dialDefault(ctx, network, server)
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return c, nil
}
