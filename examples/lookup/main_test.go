package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/net/dns/dnsmessage"

	"github.com/netkit-go/netkit/resolver/dnstest"
)

// TestLookupTypes runs the command's lookups against a DNS server on
// loopback that answers every name with a fixed set of records.
func TestLookupTypes(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv, err := dnstest.NewServer("127.0.0.1", func(q dnsmessage.Message) (dnsmessage.Message, error) {
		return dnstest.Answer(q,
			dnstest.RR(60, dnstest.A("127.0.10.1")),
			dnstest.RR(60, dnstest.AAAA("2001:db8:10::1")),
			dnstest.RR(120, &dnsmessage.MXResource{Pref: 10, MX: dnsmessage.MustNewName("mx1.example.test.")}),
			dnstest.RR(60, &dnsmessage.TXTResource{TXT: []string{"hello, ", "netkit"}}),
		), nil
	})
	require.NoError(t, err)
	defer srv.Close()

	for _, tc := range []struct {
		qtype string
		raw   bool
		tcp   bool
		want  []string
	}{
		{qtype: "A", want: []string{"127.0.10.1\n"}},
		{qtype: "AAAA", tcp: true, want: []string{"2001:db8:10::1\n"}},
		{qtype: "MX", want: []string{"10 mx1.example.test.\n"}},
		{qtype: "TXT", want: []string{`"hello, netkit"`}},
		{qtype: "MX", raw: true, want: []string{"rcode RCodeSuccess, authoritative true", "example.test.\t120\tTypeMX\t10 mx1.example.test."}},
	} {
		var out bytes.Buffer
		o := options{server: srv.Addr, qtype: tc.qtype, raw: tc.raw, tcp: tc.tcp, trace: true, timeout: 5 * time.Second}
		require.NoError(t, run(&out, o, "example.test."), "type %s", tc.qtype)
		assert.Contains(t, out.String(), ";; servers ["+srv.Addr+"]")
		for _, w := range tc.want {
			assert.Contains(t, out.String(), w, "type %s raw %v", tc.qtype, tc.raw)
		}
	}
	assert.Positive(t, srv.TCPQueries(), "-tcp must query over TCP")
}

func TestLookupPort(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, options{qtype: "PORT", timeout: time.Second}, "tcp/https"))
	assert.Equal(t, "443\n", out.String())
	require.Error(t, run(&out, options{qtype: "PORT", timeout: time.Second}, "https"))
}
