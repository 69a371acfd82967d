//go:build unix

package dnstest_test

import (
	"testing"

	"github.com/netkit-go/netkit/resolver/dnstest"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/dns/dnsmessage"
)

func TestServerStartStop(t *testing.T) {
	for _, host := range []string{"127.0.0.1", "::1"} {
		s, err := dnstest.NewServer(host, func(q dnsmessage.Message) (dnsmessage.Message, error) {
			return dnstest.Answer(q, dnstest.RR(60, dnstest.A("127.0.0.9"))), nil
		})
		require.NoError(t, err)
		require.NotEmpty(t, s.Addr)
		require.NoError(t, s.Close())
		require.NoError(t, s.Close(), "second Close is a no-op")
	}
	_, err := dnstest.NewServer("not-an-ip", nil)
	require.Error(t, err)
}

func TestAnswerHelper(t *testing.T) {
	q := dnsmessage.Message{Questions: []dnsmessage.Question{{Name: dnsmessage.MustNewName("a.test."), Type: dnsmessage.TypeAAAA, Class: dnsmessage.ClassINET}}}
	m := dnstest.Answer(q, dnstest.RR(1, dnstest.A("127.0.0.1")), dnstest.RR(2, dnstest.AAAA("::1")))
	require.Len(t, m.Answers, 1, "only the asked type")
	require.Equal(t, dnsmessage.TypeAAAA, m.Answers[0].Header.Type)
	require.Equal(t, "a.test.", m.Answers[0].Header.Name.String())
	require.Equal(t, dnsmessage.RCodeNameError, dnstest.Answer(q).Header.RCode)
}
