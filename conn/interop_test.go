package conn_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/netkit-go/netkit/conn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serveHTTP serves h on ln until the test ends.
func serveHTTP(t *testing.T, ln net.Listener, h http.Handler) {
	t.Helper()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	})
}

var hello = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "hello from "+r.Host+" via "+r.Proto)
})

// TestHTTPServerOnNetkitListener: net/http serves on a netkit TCP
// listener; the stdlib client and curl fetch from it.
func TestHTTPServerOnNetkitListener(t *testing.T) {
	ln, err := conn.Listen("tcp4", "127.0.0.1:0")
	require.NoError(t, err)
	serveHTTP(t, ln, hello)
	url := "http://" + ln.Addr().String() + "/"

	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	for i := 0; i < 3; i++ { // keep-alive reuse
		resp, err := client.Get(url)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, "hello from "+ln.Addr().String()+" via HTTP/1.1", string(body))
	}

	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl not installed (Debian package curl); the stdlib client part passed")
	}
	out, err := exec.Command(curl, "-sS", "--max-time", "10", url).CombinedOutput()
	require.NoError(t, err, "curl: %s", out)
	assert.Equal(t, "hello from "+ln.Addr().String()+" via HTTP/1.1", string(out))
}

// TestHTTPServerOnUnixListener: net/http over a Unix socket, fetched by
// an http.Client dialing through netkit.
func TestHTTPServerOnUnixListener(t *testing.T) {
	path := sockPath(t)
	ln, err := conn.Listen("unix", path)
	require.NoError(t, err)
	serveHTTP(t, ln, hello)
	var d conn.Dialer
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return d.DialContext(ctx, "unix", path)
	}}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get("http://unix/")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "hello from unix via HTTP/1.1", string(body))
}

// TestHTTPClientWithNetkitDialer: an http.Client whose Transport dials
// with netkit's Dialer fetches from a stdlib httptest server, over
// HTTP/1.1 and over TLS with HTTP/2.
func TestHTTPClientWithNetkitDialer(t *testing.T) {
	d := &conn.Dialer{Timeout: 5 * time.Second}
	dials := 0
	dial := func(ctx context.Context, network, address string) (net.Conn, error) {
		dials++
		c, err := d.DialContext(ctx, network, address)
		if err == nil {
			if _, ok := c.(*conn.TCPConn); !ok {
				t.Errorf("netkit dialer returned %T", c)
			}
		}
		return c, err
	}

	plain := httptest.NewServer(hello)
	defer plain.Close()
	tr := &http.Transport{DialContext: dial}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(plain.URL)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.True(t, strings.HasPrefix(string(body), "hello from 127.0.0.1:"), "%s", body)

	secure := httptest.NewUnstartedServer(hello)
	secure.EnableHTTP2 = true
	secure.StartTLS()
	defer secure.Close()
	str := secure.Client().Transport.(*http.Transport).Clone()
	str.DialContext = dial
	str.ForceAttemptHTTP2 = true
	defer str.CloseIdleConnections()
	resp, err = (&http.Client{Transport: str}).Get(secure.URL)
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 2, resp.ProtoMajor)
	assert.Contains(t, string(body), "via HTTP/2.0")
	assert.Equal(t, 2, dials)
}

// selfSigned returns a certificate for 127.0.0.1 and ::1.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "netkit test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:     []string{"localhost"},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

// TestTLSOverNetkit runs a crypto/tls server and client, both on netkit
// conns, echoing a large payload, for TLS 1.2 and 1.3.
func TestTLSOverNetkit(t *testing.T) {
	cert, pool := selfSigned(t)
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS13} {
		t.Run(tls.VersionName(v), func(t *testing.T) {
			ln, err := conn.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			tln := tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: v, MaxVersion: v})
			defer tln.Close()
			srvErr := make(chan error, 1)
			go func() {
				c, err := tln.Accept()
				if err != nil {
					srvErr <- err
					return
				}
				defer c.Close()
				_, err = io.Copy(c, c)
				srvErr <- err
			}()

			d := &conn.Dialer{Timeout: 5 * time.Second}
			raw, err := d.Dial("tcp", ln.Addr().String())
			require.NoError(t, err)
			c := tls.Client(raw, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: v, MaxVersion: v})
			defer c.Close()
			require.NoError(t, c.HandshakeContext(context.Background()))
			assert.Equal(t, v, c.ConnectionState().Version)

			payload := make([]byte, 1<<20)
			rand.Read(payload)
			go func() {
				c.Write(payload)
				c.CloseWrite()
			}()
			got, err := io.ReadAll(c)
			require.NoError(t, err)
			assert.Equal(t, payload, got)
			require.NoError(t, <-srvErr)
		})
	}
}
