package resolver

import (
	"bufio"
	"io"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"
)

// DefaultEDNS0Size is the UDP payload size advertised in the EDNS(0) OPT
// record of every query (RFC 6891), the value from DNS Flag Day 2020.
const DefaultEDNS0Size = 1232

// Config is a stub resolver configuration: what /etc/resolv.conf says, plus
// the knobs the standard library keeps private. The zero value is not
// useful for lookups; use [DefaultConfig], [ParseResolvConf],
// [LoadResolvConf] or fill in every field.
type Config struct {
	// Servers are the name servers to ask, as "ip:port" ("[fe80::1%eth0]:53"
	// for an IPv6 address with a zone); New also accepts bare addresses.
	Servers []string
	// Search is the search list, each entry rooted ("example.com.").
	Search []string
	// Ndots is the number of dots a name needs to be tried as given before
	// the search list (0..15).
	Ndots int
	// Timeout bounds each exchange with one server (at least 1s in
	// resolv.conf, any positive value here).
	Timeout time.Duration
	// Attempts is the number of rounds through the server list.
	Attempts int
	// Rotate starts each lookup at the next server, round robin.
	Rotate bool
	// SingleRequest sends the A and AAAA queries one after the other instead
	// of in parallel (options single-request, single-request-reopen).
	SingleRequest bool
	// UseTCP sends every query over TCP (options use-vc, usevc, tcp).
	UseTCP bool
	// TrustAD sets the AD bit in queries (options trust-ad, RFC 6840 5.7).
	TrustAD bool
	// NoAAAA suppresses AAAA queries for host lookups (options no-aaaa, glibc 2.36).
	NoAAAA bool
	// NoReload stops re-reading the file when it changes (options no-reload).
	NoReload bool
	// EDNS0Size is the UDP payload size advertised in queries: 0 means
	// DefaultEDNS0Size, a negative value sends no OPT record (512 bytes).
	EDNS0Size int
	// Lookup is OpenBSD's "lookup" line (bind, file, yp), kept as written.
	Lookup []string
	// UnknownOptions lists every option or keyword the parser did not
	// recognise, as written ("options inet6" gives "inet6"). The standard
	// library silently switches to the cgo resolver when there is any;
	// here they are reported and otherwise ignored.
	UnknownOptions []string
	// Err is the error met reading the file, if any (the configuration then
	// holds the defaults).
	Err error

	// The fields below are not part of resolv.conf: they configure a
	// Resolver made by New (the zero Resolver takes them from the system).

	// Hosts, when non-nil, is the hosts table consulted according to Order.
	Hosts *Hosts
	// HostsFile, when Hosts is nil, names a hosts file to consult, re-read
	// when it changes. Empty means no hosts file.
	HostsFile string
	// Order is the order of the hosts table and DNS (nsswitch.conf's role).
	Order Order
	// MyHostname answers localhost, *.localhost and this host's name
	// without DNS, after the hosts table, as nsswitch.conf's myhostname
	// source (systemd's nss-myhostname) does: localhost names are ::1 and
	// 127.0.0.1; the host's name is every non-loopback address of the
	// machine, or 127.0.0.2 and ::1 when it has none.
	MyHostname bool
	// Services, when non-nil, is consulted by LookupPort before the
	// built-in table; nil means /etc/services.
	Services *Services
	// CacheSize, when positive, turns on a cache of up to CacheSize lookup
	// results that honours the answers' TTLs and caches "no such host" and
	// "no data" answers for the SOA's negative TTL (RFC 2308). Off by default.
	CacheSize int
	// Transport selects how queries travel; the zero value is UDP with TCP
	// on truncation (TCP only with UseTCP). See [Transport].
	Transport Transport

	mtime time.Time // of the file read, for reloads
}

// defaultServers are used when resolv.conf names none.
var defaultServers = []string{"127.0.0.1:53", "[::1]:53"}

// DefaultConfig returns the configuration used when resolv.conf is missing
// or empty: the local servers 127.0.0.1:53 and [::1]:53, ndots 1, timeout
// 5s, 2 attempts, EDNS(0) with DefaultEDNS0Size, no search list.
func DefaultConfig() Config {
	return Config{
		Servers:  append([]string(nil), defaultServers...),
		Ndots:    1,
		Timeout:  5 * time.Second,
		Attempts: 2,
	}
}

// ParseResolvConf parses resolv.conf(5) text. It follows Go 1.26's reader:
// at most three nameserver lines holding IP literals are kept (port 53),
// "domain" and "search" set the search list (the last one wins), numeric
// options are clamped (ndots 0..15, timeout and attempts at least 1),
// comments start with '#' or ';'. Unknown keywords and options are listed in
// Config.UnknownOptions. Unlike the system loader it does not derive a
// search list from the host name when there is none. The error is only ever
// a read error from r.
func ParseResolvConf(r io.Reader) (Config, error) {
	conf := DefaultConfig()
	conf.Servers = nil
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if len(line) > 0 && (line[0] == ';' || line[0] == '#') {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 1 {
			continue
		}
		switch f[0] {
		case "nameserver":
			if len(f) > 1 && len(conf.Servers) < 3 {
				if _, err := netip.ParseAddr(f[1]); err == nil {
					conf.Servers = append(conf.Servers, joinHostPort(f[1], "53"))
				}
			}
		case "domain":
			if len(f) > 1 {
				conf.Search = []string{ensureRooted(f[1])}
			}
		case "search":
			conf.Search = make([]string, 0, len(f)-1)
			for _, s := range f[1:] {
				if name := ensureRooted(s); name != "." {
					conf.Search = append(conf.Search, name)
				}
			}
		case "options":
			for _, s := range f[1:] {
				conf.parseOption(s)
			}
		case "lookup":
			conf.Lookup = f[1:]
		default:
			conf.UnknownOptions = append(conf.UnknownOptions, f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return Config{}, err
	}
	if len(conf.Servers) == 0 {
		conf.Servers = append([]string(nil), defaultServers...)
	}
	return conf, nil
}

func (conf *Config) parseOption(s string) {
	switch {
	case strings.HasPrefix(s, "ndots:"):
		conf.Ndots = min(max(leadingInt(s[6:]), 0), 15)
	case strings.HasPrefix(s, "timeout:"):
		conf.Timeout = time.Duration(max(leadingInt(s[8:]), 1)) * time.Second
	case strings.HasPrefix(s, "attempts:"):
		conf.Attempts = max(leadingInt(s[9:]), 1)
	case s == "rotate":
		conf.Rotate = true
	case s == "single-request" || s == "single-request-reopen":
		conf.SingleRequest = true
	case s == "use-vc" || s == "usevc" || s == "tcp":
		conf.UseTCP = true
	case s == "trust-ad":
		conf.TrustAD = true
	case s == "edns0":
		// EDNS(0) is always on.
	case s == "no-aaaa":
		conf.NoAAAA = true
	case s == "no-reload":
		conf.NoReload = true
	default:
		conf.UnknownOptions = append(conf.UnknownOptions, s)
	}
}

// bigInt is where the standard library's decimal reader (dtoi) gives up:
// it returns this value, flagged as an overflow, for anything at or above it.
const bigInt = 0xFFFFFF

// leadingInt parses the decimal digits at the start of s as resolv.conf
// readers do ("3x" is 3, "" is 0), saturating at bigInt.
func leadingInt(s string) int {
	n := 0
	for i := 0; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
		if n >= bigInt {
			return bigInt
		}
	}
	return n
}

// LoadResolvConf reads a resolv.conf file the way the system resolver does:
// when the file cannot be read the defaults are returned with Config.Err
// set, and when it has no search or domain line the search list is the
// domain of the host name (the part after the first dot).
func LoadResolvConf(path string) Config {
	f, err := os.Open(path)
	if err != nil {
		conf := DefaultConfig()
		conf.Search = hostnameSearch()
		conf.Err = err
		return conf
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		conf := DefaultConfig()
		conf.Search = hostnameSearch()
		conf.Err = err
		return conf
	}
	conf, err := ParseResolvConf(f)
	if err != nil {
		conf = DefaultConfig()
		conf.Err = err
	}
	conf.mtime = fi.ModTime()
	if len(conf.Search) == 0 {
		conf.Search = hostnameSearch()
	}
	return conf
}

func hostnameSearch() []string {
	hn, err := os.Hostname()
	if err != nil {
		return nil
	}
	if i := strings.IndexByte(hn, '.'); i >= 0 && i < len(hn)-1 {
		return []string{ensureRooted(hn[i+1:])}
	}
	return nil
}

// String renders the configuration as resolv.conf text that ParseResolvConf
// reads back to the same values (servers with a port other than 53 are
// written as comments, since resolv.conf has no port syntax).
func (conf Config) String() string {
	var b strings.Builder
	for _, s := range conf.Servers {
		host, port, ok := splitHostPort(s)
		if ok && port == "53" {
			b.WriteString("nameserver " + host + "\n")
		} else {
			b.WriteString("# nameserver " + s + "\n")
		}
	}
	if len(conf.Search) > 0 {
		b.WriteString("search " + strings.Join(conf.Search, " ") + "\n")
	}
	opts := []string{"ndots:" + strconv.Itoa(conf.Ndots)}
	if conf.Timeout > 0 {
		opts = append(opts, "timeout:"+strconv.Itoa(int((conf.Timeout+time.Second-1)/time.Second)))
	}
	opts = append(opts, "attempts:"+strconv.Itoa(conf.Attempts))
	for _, o := range []struct {
		on   bool
		name string
	}{{conf.Rotate, "rotate"}, {conf.SingleRequest, "single-request"}, {conf.UseTCP, "use-vc"},
		{conf.TrustAD, "trust-ad"}, {conf.NoAAAA, "no-aaaa"}, {conf.NoReload, "no-reload"}} {
		if o.on {
			opts = append(opts, o.name)
		}
	}
	b.WriteString("options " + strings.Join(opts, " ") + "\n")
	return b.String()
}

// nameList returns the fully qualified names to try for name, in order, the
// way glibc and Go apply ndots and the search list: a rooted name only as
// given; a name with at least Ndots dots first as given, then with each
// search suffix; otherwise the suffixed names first. .onion names (RFC 7686)
// are never sent.
func (conf *Config) nameList(name string) []string {
	l := len(name)
	rooted := l > 0 && name[l-1] == '.'
	if l > 254 || l == 254 && !rooted {
		return nil
	}
	if rooted {
		if avoidDNS(name) {
			return nil
		}
		return []string{name}
	}
	hasNdots := strings.Count(name, ".") >= conf.Ndots
	name += "."
	names := make([]string, 0, 1+len(conf.Search))
	if hasNdots && !avoidDNS(name) {
		names = append(names, name)
	}
	for _, suffix := range conf.Search {
		fqdn := name + suffix
		if !avoidDNS(fqdn) && len(fqdn) <= 254 {
			names = append(names, fqdn)
		}
	}
	if !hasNdots && !avoidDNS(name) {
		names = append(names, name)
	}
	return names
}

// avoidDNS reports names never to send to DNS: empty and .onion (RFC 7686).
func avoidDNS(name string) bool {
	if name == "" {
		return true
	}
	return hasSuffixFold(strings.TrimSuffix(name, "."), ".onion")
}

func (conf *Config) ednsSize() int {
	switch {
	case conf.EDNS0Size == 0:
		return DefaultEDNS0Size
	case conf.EDNS0Size < 0:
		return 0
	case conf.EDNS0Size < 512:
		return 512
	}
	return min(conf.EDNS0Size, 65535)
}

func (conf *Config) timeout() time.Duration {
	if conf.Timeout <= 0 {
		return 5 * time.Second
	}
	return conf.Timeout
}

func (conf *Config) attempts() int {
	return max(conf.Attempts, 1)
}

// joinHostPort is addr.JoinHostPort's rule, kept local so that the parsers
// need nothing but the standard library.
func joinHostPort(host, port string) string {
	if strings.IndexByte(host, ':') >= 0 {
		return "[" + host + "]:" + port
	}
	return host + ":" + port
}

// splitHostPort splits "host:port" and "[host]:port".
func splitHostPort(s string) (host, port string, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", "", false
	}
	host, port = s[:i], s[i+1:]
	if strings.HasPrefix(host, "[") {
		if !strings.HasSuffix(host, "]") {
			return "", "", false
		}
		host = host[1 : len(host)-1]
	} else if strings.IndexByte(host, ':') >= 0 {
		return "", "", false
	}
	return host, port, true
}
