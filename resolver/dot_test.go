//go:build unix

package resolver_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/netkit-go/netkit/resolver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

// tlsDNSServer serves zone over DNS over TLS (RFC 7858) on loopback.
func tlsDNSServer(t *testing.T) (addr string, roots *x509.CertPool, conns func() int) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "dns.example.test"},
		DNSNames:     []string{"dns.example.test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	roots = x509.NewCertPool()
	roots.AddCert(cert)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}})
	require.NoError(t, err)
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	var open []net.Conn
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			n++
			open = append(open, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				for {
					var lb [2]byte
					if _, err := io.ReadFull(c, lb[:]); err != nil {
						return
					}
					req := make([]byte, binary.BigEndian.Uint16(lb[:]))
					if _, err := io.ReadFull(c, req); err != nil {
						return
					}
					var q dnsmessage.Message
					if q.Unpack(req) != nil {
						return
					}
					m, _ := zone(q)
					m.Header.ID, m.Header.Response, m.Questions = q.Header.ID, true, q.Questions
					b, _ := m.Pack()
					out := binary.BigEndian.AppendUint16(nil, uint16(len(b)))
					if _, err := c.Write(append(out, b...)); err != nil {
						return
					}
				}
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range open {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String(), roots, func() int { mu.Lock(); defer mu.Unlock(); return n }
}

// TestDNSOverTLS plugs crypto/tls in through Resolver.Dial: the TLS
// connection is not a packet connection, so queries go over it as a
// stream (RFC 7858), pipelined on one connection with
// TransportTCPPipelined.
func TestDNSOverTLS(t *testing.T) {
	server, roots, conns := tlsDNSServer(t)
	cfg := resolver.DefaultConfig()
	cfg.Servers = []string{server}
	cfg.Search = []string{"example.test."}
	cfg.Transport = resolver.TransportTCPPipelined
	r := resolver.New(cfg)
	defer r.Close()
	r.Dial = func(ctx context.Context, network, address string) (resolver.Conn, error) {
		d := tls.Dialer{Config: &tls.Config{ServerName: "dns.example.test", RootCAs: roots}}
		return d.DialContext(ctx, "tcp", address)
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			addrs, err := r.LookupHost(context.Background(), "host")
			assert.NoError(t, err)
			assert.Len(t, addrs, 2)
		}()
	}
	wg.Wait()
	txt, err := r.LookupTXT(context.Background(), "big")
	require.NoError(t, err)
	assert.Len(t, txt, 10, "no 512-byte limit on a stream")
	assert.Equal(t, 1, conns(), "one TLS connection carried every query")
}
