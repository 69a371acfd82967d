package resolver

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

func TestCacheLRUAndExpiry(t *testing.T) {
	now := time.Unix(1000, 0)
	c := newCache(2)
	c.now = func() time.Time { return now }
	c.put(kindHost, "a", []string{"1"}, 10)
	c.put(kindHost, "b", []string{"2"}, 10)
	_, _, ok := c.get(kindHost, "a") // a is now the most recent
	require.True(t, ok)
	c.put(kindHost, "c", []string{"3"}, 10)
	_, _, ok = c.get(kindHost, "b")
	assert.False(t, ok, "b was the least recently used")
	_, _, ok = c.get(kindHost, "a")
	assert.True(t, ok)
	_, _, ok = c.get(kindIP, "a")
	assert.False(t, ok, "kinds do not mix")

	c.put(kindHost, "zero", []string{"x"}, 0)
	_, _, ok = c.get(kindHost, "zero")
	assert.False(t, ok, "TTL 0 is not cached")

	now = now.Add(10 * time.Second)
	_, _, ok = c.get(kindHost, "a")
	assert.False(t, ok, "expired at its TTL")

	c.putErr(kindHost, "nx", &DNSError{Err: "no such host", Name: "nx", IsNotFound: true}, 5)
	c.putErr(kindHost, "sf", &DNSError{Err: "server misbehaving", Name: "sf", IsTemporary: true}, 5)
	_, err, ok := c.get(kindHost, "nx")
	assert.True(t, ok)
	assert.EqualError(t, err, "lookup nx: no such host")
	_, _, ok = c.get(kindHost, "sf")
	assert.False(t, ok, "only negative answers are cached as errors")
	c.purge()
	_, _, ok = c.get(kindHost, "nx")
	assert.False(t, ok)
}

func TestNegativeTTL(t *testing.T) {
	soa := func(ttl, min uint32) []byte {
		m := dnsmessage.Message{
			Header:    dnsmessage.Header{Response: true, RCode: dnsmessage.RCodeNameError},
			Questions: []dnsmessage.Question{{Name: dnsmessage.MustNewName("x.test."), Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET}},
			Authorities: []dnsmessage.Resource{{
				Header: dnsmessage.ResourceHeader{Name: dnsmessage.MustNewName("test."), Type: dnsmessage.TypeSOA, Class: dnsmessage.ClassINET, TTL: ttl},
				Body:   &dnsmessage.SOAResource{NS: dnsmessage.MustNewName("ns.test."), MBox: dnsmessage.MustNewName("h.test."), MinTTL: min},
			}},
		}
		b, err := m.Pack()
		require.NoError(t, err)
		return b
	}
	assert.EqualValues(t, 60, negativeTTL(soa(300, 60)), "the SOA MINIMUM when smaller (RFC 2308 section 5)")
	assert.EqualValues(t, 30, negativeTTL(soa(30, 60)), "the SOA record's TTL when smaller")
	assert.EqualValues(t, 60, answerTTL(soa(300, 60)), "an empty answer section uses the negative TTL")
	assert.EqualValues(t, 0, negativeTTL(nil))
	assert.EqualValues(t, 0, negativeTTL([]byte{1, 2, 3}))
}

func TestOrderAndDecisionStrings(t *testing.T) {
	assert.Equal(t, "files,dns", OrderFilesDNS.String())
	assert.Equal(t, "dns,files", OrderDNSFiles.String())
	assert.Equal(t, "files", OrderFiles.String())
	assert.Equal(t, "dns", OrderDNS.String())
	assert.Equal(t, "Order(-7)", Order(-7).String())
	d := Decision{Name: "x.local", Resolver: "go", Stdlib: "cgo", Order: OrderFilesDNS, Reason: "mdns", Debug: "2"}
	assert.Equal(t, "lookup x.local: resolver=go (stdlib would use cgo) order=files,dns: mdns [GODEBUG netdns=2]", d.String())
}

func TestDNSConfigError(t *testing.T) {
	e := &DNSConfigError{Err: errServerMisbehaving}
	assert.Equal(t, "error reading DNS config: server misbehaving", e.Error())
	assert.Equal(t, errServerMisbehaving, e.Unwrap())
	assert.False(t, e.Timeout())
	assert.False(t, e.Temporary())
	var nilErr *DNSError
	assert.Equal(t, "<nil>", nilErr.Error())
}
