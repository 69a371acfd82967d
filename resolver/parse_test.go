package resolver

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseFile(t *testing.T, name string) Config {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	c, err := ParseResolvConf(f)
	require.NoError(t, err)
	return c
}

func TestParseResolvConf(t *testing.T) {
	for _, tc := range []struct {
		file string
		want Config
	}{
		{"resolv-full.conf", Config{
			Servers:        []string{"8.8.8.8:53", "[2001:4860:4860::8888]:53", "[fe80::1%lo]:53"},
			Search:         []string{"example.com.", "example.net."},
			Ndots:          5,
			Timeout:        10 * time.Second,
			Attempts:       1, // "attempts:bogus" comes later and clamps to 1
			Rotate:         true,
			SingleRequest:  true,
			UseTCP:         true,
			TrustAD:        true,
			NoAAAA:         true,
			UnknownOptions: []string{"unknown-keyword", "inet6", "debug"},
		}},
		{"resolv-domain.conf", Config{
			Servers:  []string{"127.0.0.1:53", "[::1]:53"},
			Search:   []string{"last.test."},
			Ndots:    0,
			Timeout:  1 * time.Second,
			Attempts: 1,
		}},
		{"resolv-empty.conf", Config{
			Servers:  []string{"127.0.0.1:53", "[::1]:53"},
			Ndots:    1,
			Timeout:  5 * time.Second,
			Attempts: 2,
		}},
		{"resolv-clamp.conf", Config{
			Servers:  []string{"127.0.0.1:53"},
			Search:   []string{},
			Ndots:    15,
			Timeout:  3 * time.Second,
			Attempts: 2,
			UseTCP:   true,
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			assert.Equal(t, tc.want, parseFile(t, tc.file))
		})
	}
}

func TestConfigStringRoundTrip(t *testing.T) {
	c := parseFile(t, "resolv-full.conf")
	c.UnknownOptions = nil
	back, err := ParseResolvConf(strings.NewReader(c.String()))
	require.NoError(t, err)
	assert.Equal(t, c, back)
}

func TestLoadResolvConf(t *testing.T) {
	c := LoadResolvConf("testdata/resolv-full.conf")
	require.NoError(t, c.Err)
	assert.False(t, c.mtime.IsZero())
	missing := LoadResolvConf("testdata/does-not-exist")
	assert.ErrorIs(t, missing.Err, fs.ErrNotExist)
	assert.Equal(t, defaultServers, missing.Servers)
	assert.Equal(t, 1, missing.Ndots)
}

func TestNameList(t *testing.T) {
	c := Config{Ndots: 1, Search: []string{"a.test.", "b.test."}}
	assert.Equal(t, []string{"x.a.test.", "x.b.test.", "x."}, c.nameList("x"))
	assert.Equal(t, []string{"x.y.", "x.y.a.test.", "x.y.b.test."}, c.nameList("x.y"))
	assert.Equal(t, []string{"x.y."}, c.nameList("x.y."))
	assert.Nil(t, c.nameList("hidden.onion."))
	assert.Equal(t, []string{"hidden.onion.a.test.", "hidden.onion.b.test."}, c.nameList("hidden.onion"))
	assert.Nil(t, c.nameList(strings.Repeat("a", 254)))
	long := strings.Repeat("a", 250)
	assert.Equal(t, []string{long + "."}, c.nameList(long), "suffixed names over 254 bytes are dropped")
}

func TestParseHosts(t *testing.T) {
	f, err := os.Open("testdata/hosts")
	require.NoError(t, err)
	defer f.Close()
	h, err := ParseHosts(f)
	require.NoError(t, err)
	for _, tc := range []struct {
		name      string
		addrs     []string
		canonical string
	}{
		{"odin", []string{"127.0.0.2", "127.0.0.3", "::2"}, "odin"},
		{"ODIN", []string{"127.0.0.2", "127.0.0.3", "::2"}, "odin"},
		{"thor", []string{"127.1.1.1"}, "thor"},
		{"ullrhost", []string{"127.1.1.2"}, "ullr"},
		{"localhost", []string{"127.0.0.1", "::1", "fe80::1%lo0"}, "localhost"},
		{"ip6-loopback", []string{"::1"}, "localhost"},
		{"mixed-case.example.org", []string{"10.0.0.1"}, "mixed-case.example.org."},
		{"Mixed-Case.Example.ORG.", []string{"10.0.0.1"}, "mixed-case.example.org."},
		{"mixed", []string{"10.0.0.1"}, "mixed-case.example.org."},
		{"loki", nil, ""},
		{"dot-address", nil, ""},
		{"broadcasthost", []string{"255.255.255.255"}, "broadcasthost"},
	} {
		addrs, canonical := h.LookupHost(tc.name)
		assert.Equal(t, tc.addrs, addrs, tc.name)
		assert.Equal(t, tc.canonical, canonical, tc.name)
	}
	assert.Equal(t, []string{"localhost", "ip6-localhost", "ip6-loopback"}, h.LookupAddr("::1"))
	assert.Equal(t, []string{"localhost", "ip6-localhost", "ip6-loopback"}, h.LookupAddr("0:0::1"))
	assert.Equal(t, []string{"Mixed-Case.Example.ORG.", "mixed"}, h.LookupAddr("10.0.0.1"))
	assert.Nil(t, h.LookupAddr("10.9.9.9"))
	assert.Nil(t, h.LookupAddr("bogus"))
	var nilHosts *Hosts
	a, c := nilHosts.LookupHost("x")
	assert.Nil(t, a)
	assert.Empty(t, c)
}

func TestHostsFileReload(t *testing.T) {
	path := t.TempDir() + "/hosts"
	require.NoError(t, os.WriteFile(path, []byte("127.0.0.1 first\n"), 0o644))
	hf := &hostsFile{path: path}
	a, _ := hf.get().LookupHost("first")
	assert.Equal(t, []string{"127.0.0.1"}, a)
	require.NoError(t, os.WriteFile(path, []byte("127.0.0.2 second second-alias\n"), 0o644))
	hf.mu.Lock()
	hf.expire = time.Time{} // as if the cache age had passed
	hf.mu.Unlock()
	a, _ = hf.get().LookupHost("second")
	assert.Equal(t, []string{"127.0.0.2"}, a, "a changed file is re-read")
	require.NoError(t, os.Remove(path))
	hf.mu.Lock()
	hf.expire = time.Time{}
	hf.mu.Unlock()
	assert.Equal(t, 0, hf.get().Len(), "a removed file is an empty table")
}

func TestParseServices(t *testing.T) {
	f, err := os.Open("testdata/services")
	require.NoError(t, err)
	defer f.Close()
	s, err := ParseServices(f)
	require.NoError(t, err)
	for _, tc := range []struct {
		network, service string
		port             int
		err              string
	}{
		{"tcp", "http", 80, ""},
		{"tcp", "www", 80, ""},
		{"tcp", "HTTP", 80, ""},
		{"udp", "domain", 53, ""},
		{"ip", "echo", 7, ""},
		{"tcp", "krb5", 88, ""},
		{"tcp", "mixalias", 0, "lookup tcp/mixalias: unknown port"},
		{"tcp", "MixAlias", 0, "lookup tcp/MixAlias: unknown port"},
		{"tcp", "bogus", 0, "lookup tcp/bogus: unknown port"},
		{"tcp", "negative", 0, "lookup tcp/negative: unknown port"},
		{"tcp", "ssh", 22, ""}, // built-in table
		{"udp", "ssh", 0, "lookup udp/ssh: unknown port"},
		{"ip", "nope", 0, "lookup ip/nope: unknown port"},
		{"tcp", strings.Repeat("x", 30), 0, "lookup tcp/" + strings.Repeat("x", 30) + ": unknown port"},
	} {
		p, err := servicePort(s, tc.network, tc.service)
		if tc.err != "" {
			require.Error(t, err, tc.service)
			assert.Equal(t, tc.err, err.Error())
			de := err.(*DNSError)
			assert.True(t, de.IsNotFound)
			continue
		}
		require.NoError(t, err, tc.service)
		assert.Equal(t, tc.port, p, tc.service)
	}
	p, ok := s.Port("sctp", "sctp-only")
	assert.True(t, ok)
	assert.Equal(t, 9999, p)
}

func TestParseNSSConf(t *testing.T) {
	read := func(name string) *NSSConf {
		f, err := os.Open("testdata/" + name)
		require.NoError(t, err)
		defer f.Close()
		c, err := ParseNSSConf(f)
		require.NoError(t, err)
		return c
	}
	c := read("nsswitch-systemd.conf")
	require.NoError(t, c.Err)
	assert.Equal(t, []NSSSource{
		{Source: "mymachines"},
		{Source: "resolve", Criteria: []NSSCriterion{{Negate: true, Status: "unavail", Action: "return"}}},
		{Source: "files"},
		{Source: "myhostname"},
		{Source: "dns"},
	}, c.Sources["hosts"])
	assert.Equal(t, []NSSSource{{Source: "files"}, {Source: "systemd"}}, c.Sources["passwd"])
	assert.EqualError(t, read("nsswitch-bad.conf").Err, "no colon on line")
	bad, err := ParseNSSConf(strings.NewReader("hosts: files [NOTFOUND=return dns\n"))
	require.NoError(t, err)
	assert.EqualError(t, bad.Err, "unclosed criterion bracket")
	bad, _ = ParseNSSConf(strings.NewReader("hosts: files [x] dns\n"))
	assert.EqualError(t, bad.Err, "invalid criteria: x")
}

func TestDecide(t *testing.T) {
	nss := func(s string) *NSSConf {
		c, err := ParseNSSConf(strings.NewReader(s))
		require.NoError(t, err)
		return c
	}
	linux := sysDecider{
		goos:         "linux",
		env:          func(string) (string, bool) { return "", false },
		hostname:     func() (string, error) { return "myhost", nil },
		mdnsAllow:    func() error { return fs.ErrNotExist },
		cgoAvailable: true,
	}
	plain := &Config{Servers: defaultServers}
	missingNSS := &NSSConf{Err: fs.ErrNotExist}
	for _, tc := range []struct {
		name     string
		host     string
		mode     string
		conf     *Config
		nss      *NSSConf
		d        sysDecider
		order    Order
		stdlib   string
		inReason string
	}{
		{"no nsswitch", "x.test", "", plain, missingNSS, linux, OrderFilesDNS, "go", "missing"},
		{"files dns", "x.test", "", plain, nss("hosts: files dns"), linux, OrderFilesDNS, "go", "files dns"},
		{"dns files", "x.test", "", plain, nss("hosts: dns files"), linux, OrderDNSFiles, "go", ""},
		{"files only", "x.test", "", plain, nss("hosts: files"), linux, OrderFiles, "go", ""},
		{"dns only", "x.test", "", plain, nss("hosts: dns"), linux, OrderDNS, "go", ""},
		{"notfound return", "x.test", "", plain, nss("hosts: files [NOTFOUND=return] dns"), linux, OrderFiles, "go", "not consulted"},
		{"mdns .local", "printer.local", "", plain, nss("hosts: files mdns4_minimal [NOTFOUND=return] dns"), linux, OrderFilesDNS, "cgo", ".local"},
		{"mdns other", "x.test", "", plain, nss("hosts: files mdns4_minimal dns"), linux, OrderFilesDNS, "go", "skipped"},
		{"myhostname localhost", "localhost", "", plain, nss("hosts: files myhostname dns"), linux, OrderFilesDNS, "cgo", "myhostname"},
		{"myhostname own name", "MyHost", "", plain, nss("hosts: files myhostname dns"), linux, OrderFilesDNS, "cgo", "myhostname"},
		{"myhostname other", "x.test", "", plain, nss("hosts: files myhostname dns"), linux, OrderFilesDNS, "go", ""},
		{"resolve source", "x.test", "", plain, nss("hosts: resolve files"), linux, OrderDNSFiles, "cgo", "resolve"},
		{"unknown option", "x.test", "", &Config{UnknownOptions: []string{"inet6"}}, missingNSS, linux, OrderFilesDNS, "cgo", "inet6"},
		{"netdns=go", "x.test", "go", &Config{UnknownOptions: []string{"inet6"}}, missingNSS, linux, OrderFilesDNS, "go", "GODEBUG=netdns=go"},
		{"netdns=cgo", "x.test", "cgo", plain, missingNSS, linux, OrderFilesDNS, "cgo", "GODEBUG=netdns=cgo"},
		{"percent", "x%y", "", plain, missingNSS, linux, OrderFilesDNS, "cgo", "percent"},
		{"darwin", "x.test", "", plain, missingNSS, sysDecider{goos: "darwin", env: linux.env, hostname: linux.hostname, mdnsAllow: linux.mdnsAllow, cgoAvailable: true}, OrderFilesDNS, "cgo", "darwin"},
		{"LOCALDOMAIN", "x.test", "", plain, missingNSS, sysDecider{goos: "linux", env: func(k string) (string, bool) { return "", k == "LOCALDOMAIN" }, hostname: linux.hostname, mdnsAllow: linux.mdnsAllow, cgoAvailable: true}, OrderFilesDNS, "cgo", "LOCALDOMAIN"},
		{"bad nsswitch", "x.test", "", plain, nss("hosts files"), linux, OrderFilesDNS, "cgo", "no colon"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.d.decide(tc.host, false, tc.mode, tc.conf, tc.nss)
			assert.Equal(t, tc.order, d.Order)
			assert.Equal(t, tc.stdlib, d.Stdlib)
			assert.Equal(t, "go", d.Resolver)
			assert.Contains(t, d.Reason, tc.inReason)
		})
	}
}

func TestDecideMyHostname(t *testing.T) {
	d := sysDecider{
		goos:         "linux",
		env:          func(string) (string, bool) { return "", false },
		hostname:     func() (string, error) { return "myhost", nil },
		mdnsAllow:    func() error { return fs.ErrNotExist },
		cgoAvailable: true,
	}
	nss := func(s string) *NSSConf {
		c, err := ParseNSSConf(strings.NewReader(s))
		require.NoError(t, err)
		return c
	}
	for _, tc := range []struct {
		line, name string
		use, after bool
	}{
		{"hosts: files myhostname dns", "localhost", true, false},
		{"hosts: files myhostname dns", "LOCALHOST.", true, false},
		{"hosts: files myhostname dns", "foo.localhost", true, false},
		{"hosts: files myhostname dns", "MyHost", true, false},
		{"hosts: files myhostname dns", "example.com", false, false},
		{"hosts: files dns myhostname", "localhost", true, true},
		{"hosts: files dns", "localhost", false, false},
	} {
		dec := d.decide(tc.name, false, "", &Config{}, nss(tc.line))
		assert.Equal(t, tc.use, dec.MyHostname, "%s %s", tc.line, tc.name)
		assert.Equal(t, tc.after, dec.myHostnameAfterDNS, "%s %s", tc.line, tc.name)
		if tc.use {
			assert.Equal(t, "cgo", dec.Stdlib, "the standard library hands these names to cgo")
		}
	}
}

func TestMyHostnameIPs(t *testing.T) {
	ips := myHostnameIPs("localhost")
	require.Len(t, ips, 2)
	assert.Equal(t, "::1", ips[0].ip.String())
	assert.Equal(t, "127.0.0.1", ips[1].ip.String())
	assert.Len(t, myHostnameIPs("a.b.localhost."), 2)
	assert.Nil(t, myHostnameIPs("example.com"))
	hn, err := os.Hostname()
	require.NoError(t, err)
	own := myHostnameIPs(hn)
	require.NotEmpty(t, own, "the host's own name always has an answer")
	for _, ip := range own {
		assert.False(t, ip.ip.IsLoopback() && ip.ip.String() != "::1", "only non-loopback addresses (or the 127.0.0.2/::1 fallback): %v", ip.ip)
	}
}

func TestParseNetDNS(t *testing.T) {
	for _, tc := range []struct {
		in    string
		mode  string
		level int
	}{
		{"", "", 0},
		{"netdns=go", "go", 0},
		{"netdns=cgo+2", "cgo", 2},
		{"netdns=1+go", "go", 1},
		{"netdns=2", "", 2},
		{"http2debug=1,netdns=go+1", "go", 1},
		{"netdns=go,netdns=cgo", "cgo", 0},
	} {
		s := parseNetDNS(tc.in)
		assert.Equal(t, tc.mode, s.mode, tc.in)
		assert.Equal(t, tc.level, s.level, tc.in)
	}
}

// TestDecimalOverflow: resolv.conf numbers and services(5) ports saturate
// or overflow where the standard library's decimal reader does (0xFFFFFF).
func TestDecimalOverflow(t *testing.T) {
	for _, tc := range []struct {
		opts     string
		timeout  time.Duration
		attempts int
	}{
		{"timeout:16777214 attempts:16777214", 16777214 * time.Second, 16777214},
		{"timeout:16777215 attempts:16777215", 16777215 * time.Second, 16777215},
		{"timeout:16777216 attempts:99999999999999999999", 16777215 * time.Second, 16777215},
	} {
		c, err := ParseResolvConf(strings.NewReader("options " + tc.opts + "\n"))
		require.NoError(t, err)
		assert.Equal(t, tc.timeout, c.Timeout, tc.opts)
		assert.Equal(t, tc.attempts, c.Attempts, tc.opts)
	}
	s, err := ParseServices(strings.NewReader("below 16777214/tcp\nat 16777215/tcp\nabove 16777216/tcp\n"))
	require.NoError(t, err)
	p, ok := s.Port("tcp", "below")
	assert.True(t, ok)
	assert.Equal(t, 16777214, p)
	for _, name := range []string{"at", "above"} {
		_, ok := s.Port("tcp", name)
		assert.False(t, ok, name)
	}
}
