package resolver

import (
	"context"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"github.com/netkit-go/netkit/addr"
)

// A Resolver looks up names and numbers.
//
// The zero value uses the system's configuration: /etc/resolv.conf,
// /etc/hosts, /etc/nsswitch.conf and /etc/services, each re-read when it
// changes. [New] makes a Resolver from a [Config] value instead, independent
// of the system files. A nil *Resolver is equivalent to a zero Resolver.
// A Resolver is safe for concurrent use.
type Resolver struct {
	// PreferGo is accepted for compatibility with net.Resolver: netkit only
	// has the pure Go resolver. It changes what [Resolver.Explain] says the
	// standard library would do.
	PreferGo bool

	// StrictErrors controls the behavior of temporary errors (timeouts,
	// socket errors, SERVFAIL) in lookups of several names or record types.
	// When set, such an error aborts the whole lookup (e.g. of both the A
	// and AAAA records, or of all search-list names) instead of returning
	// partial results.
	StrictErrors bool

	// Dial optionally specifies a dialer for the connections to name
	// servers. network is "udp" or "tcp", address is "ip:port". The
	// returned Conn is used as a datagram connection when it has
	// net.PacketConn's ReadFrom and WriteTo methods, else as a stream.
	// When nil, connected sockets on poller.FD are used.
	Dial func(ctx context.Context, network, address string) (Conn, error)

	own   *owned // set by New
	group group
}

// owned is the state of a Resolver made by New.
type owned struct {
	conf      Config
	hostsFile *hostsFile
	cache     *cache
	pool      *tcpPool
	tc        tcHints
}

// DefaultResolver is the resolver used by the package-level Lookup
// functions and by Dialers without their own Resolver.
var DefaultResolver = &Resolver{}

// New returns a Resolver that uses cfg (copied) instead of the system
// configuration. Servers given as bare addresses ("192.0.2.53", "::1")
// get port 53. Zero or negative Timeout, Attempts, and an empty server
// list take the defaults of [DefaultConfig].
func New(cfg Config) *Resolver {
	servers := make([]string, 0, len(cfg.Servers))
	for _, s := range cfg.Servers {
		// A bare address means port 53.
		if ip, err := netip.ParseAddr(s); err == nil {
			s = joinHostPort(ip.String(), "53")
		}
		servers = append(servers, s)
	}
	cfg.Servers = servers
	cfg.Search = append([]string(nil), cfg.Search...)
	if len(cfg.Servers) == 0 {
		cfg.Servers = append([]string(nil), defaultServers...)
	}
	// As documented: zero or negative values take DefaultConfig's.
	def := DefaultConfig()
	if cfg.Timeout <= 0 {
		cfg.Timeout = def.Timeout
	}
	if cfg.Attempts <= 0 {
		cfg.Attempts = def.Attempts
	}
	o := &owned{conf: cfg}
	if cfg.Hosts == nil && cfg.HostsFile != "" {
		o.hostsFile = &hostsFile{path: cfg.HostsFile}
	}
	if cfg.CacheSize > 0 {
		o.cache = newCache(cfg.CacheSize)
	}
	if cfg.Transport == TransportTCPPipelined {
		o.pool = newTCPPool()
	}
	return &Resolver{own: o}
}

// Close releases the pooled connections of a Resolver made by New with
// TransportTCPPipelined and empties its cache. The Resolver stays usable.
func (r *Resolver) Close() error {
	if r == nil || r.own == nil {
		return nil
	}
	if r.own.pool != nil {
		r.own.pool.close()
	}
	if r.own.cache != nil {
		r.own.cache.purge()
	}
	return nil
}

func (r *Resolver) strictErrors() bool { return r != nil && r.StrictErrors }

// system holds the system configuration shared by zero Resolvers.
var system = struct {
	resolv   reloading[*Config]
	nss      reloading[*NSSConf]
	hosts    hostsFile
	services func() *Services
}{
	resolv: reloading[*Config]{
		path:  "/etc/resolv.conf",
		load:  func(p string) *Config { c := LoadResolvConf(p); return &c },
		mtime: func(c *Config) time.Time { return c.mtime },
		keep:  func(c *Config) bool { return c.NoReload },
	},
	nss: reloading[*NSSConf]{
		path:  "/etc/nsswitch.conf",
		load:  loadNSSConf,
		mtime: func(c *NSSConf) time.Time { return c.mtime },
	},
	hosts:    hostsFile{path: "/etc/hosts"},
	services: loadSystemServices,
}

// SystemConfig returns the system configuration as a value: resolv.conf
// as read now, the hosts file path and the order nsswitch.conf gives for
// host lookups. New(SystemConfig()) is a Resolver frozen at this moment
// (except for the hosts file, still re-read when it changes).
func SystemConfig() Config {
	c := *system.resolv.get()
	c.HostsFile = system.hosts.path
	c.Order = defaultDecider.decide("", false, "go", &c, system.nss.get()).Order
	return c
}

// config returns the resolv.conf configuration in force.
func (r *Resolver) config() *Config {
	if r != nil && r.own != nil {
		return &r.own.conf
	}
	return system.resolv.get()
}

// hostsTable returns the hosts table in force (nil for none).
func (r *Resolver) hostsTable() *Hosts {
	if r != nil && r.own != nil {
		if r.own.conf.Hosts != nil {
			return r.own.conf.Hosts
		}
		if r.own.hostsFile != nil {
			return r.own.hostsFile.get()
		}
		return nil
	}
	return system.hosts.get()
}

func (r *Resolver) servicesTable() *Services {
	if r != nil && r.own != nil && r.own.conf.Services != nil {
		return r.own.conf.Services
	}
	return system.services()
}

func (r *Resolver) cache() *cache {
	if r != nil && r.own != nil {
		return r.own.cache
	}
	return nil
}

func (r *Resolver) pool() *tcpPool {
	if r != nil && r.own != nil {
		return r.own.pool
	}
	return nil
}

// hostLookupOrder returns the order and configuration for looking up
// hostname ("" for reverse lookups), printing the decision under
// GODEBUG=netdns=2.
func (r *Resolver) hostLookupOrder(hostname string) (Order, *Config) {
	order, conf, _ := r.hostPlan(hostname)
	return order, conf
}

// myHostnamePlan says whether and where nss-myhostname answers a name.
type myHostnamePlan uint8

const (
	mhNone      myHostnamePlan = iota
	mhBeforeDNS                // after the hosts file, before DNS
	mhAfterDNS                 // when DNS finds nothing
)

// planCache is the zero Resolvers' decision for one configuration.
type planCache struct {
	conf     *Config
	nss      *NSSConf
	preferGo bool
	order    Order
	mh       myHostnamePlan
}

var sysPlan atomic.Pointer[planCache]

// nssMyHostnamePos reports whether the hosts line lists myhostname and
// where relative to dns.
func nssMyHostnamePos(nss *NSSConf) (bool, myHostnamePlan) {
	if nss == nil || nss.Err != nil {
		return false, mhNone
	}
	seenDNS := false
	for _, src := range nss.Sources["hosts"] {
		switch src.Source {
		case "dns":
			seenDNS = true
		case "myhostname":
			if seenDNS {
				return true, mhAfterDNS
			}
			return true, mhBeforeDNS
		}
	}
	return false, mhNone
}

// hostPlan is hostLookupOrder plus the myhostname plan for the name.
func (r *Resolver) hostPlan(hostname string) (Order, *Config, myHostnamePlan) {
	conf := r.config()
	var order Order
	mh := mhNone
	if r != nil && r.own != nil {
		order = r.own.conf.Order
		if r.own.conf.MyHostname && hostname != "" && isMyHostnameName(hostname, osHostname()) {
			mh = mhBeforeDNS
		}
	} else {
		// The order does not depend on the name: decide once per
		// configuration (the files are re-read when they change).
		nss := system.nss.get()
		preferGo := r != nil && r.PreferGo
		pc := sysPlan.Load()
		if pc == nil || pc.conf != conf || pc.nss != nss || pc.preferGo != preferGo {
			d := defaultDecider.decide("", preferGo, "go", conf, nss)
			_, pos := nssMyHostnamePos(nss)
			pc = &planCache{conf: conf, nss: nss, preferGo: preferGo, order: d.Order, mh: pos}
			sysPlan.Store(pc)
		}
		order = pc.order
		if pc.mh != mhNone && hostname != "" && isMyHostnameName(hostname, osHostname()) {
			mh = pc.mh
		}
	}
	if s := godebug(); s.level > 0 {
		debugStartup(s)
		if n := strings.TrimSuffix(hostname, "."); hasSuffixFold(n, ".local") {
			println("netkit resolver: " + hostname + " is a .local (mDNS, RFC 6762) name: the pure Go resolver does not speak mDNS and asks DNS")
		}
		if s.level > 1 {
			if hostname == "" {
				println("netkit resolver: addrLookupOrder() =", order.String())
			} else {
				println("netkit resolver: hostLookupOrder(" + hostname + ") = " + order.String())
			}
		}
	}
	return order, conf, mh
}

// Explain reports how name would be resolved and why: the hosts/DNS order,
// and what Go 1.26's net package would pick (its pure Go resolver or the
// cgo one) with the reason, which the standard library only prints under
// GODEBUG=netdns=2. netkit itself always uses its Go resolver.
func (r *Resolver) Explain(name string) Decision {
	s := godebug()
	debug := s.raw
	if r != nil && r.own != nil {
		return Decision{Name: name, Resolver: "go", Stdlib: "go", Order: r.own.conf.Order,
			Reason: "Resolver made by New: configuration from a Config value, order " + r.own.conf.Order.String(), Debug: debug}
	}
	d := defaultDecider.decide(name, r != nil && r.PreferGo, s.mode, r.config(), system.nss.get())
	d.Debug = debug
	return d
}

// ipAddrOf converts an internal address to an addr.IPAddr. The IP is 4
// bytes for an IPv4 address from DNS, 16 bytes for IPv6 and for addresses
// from literals and the hosts file, as in the standard library.
func ipAddrOf(a netip.Addr, form16 bool) addr.IPAddr {
	zone := a.Zone()
	a = a.WithZone("")
	if form16 && a.Is4() {
		b := a.As16()
		return addr.IPAddr{IP: addr.IP(b[:]), Zone: zone}
	}
	return addr.IPAddr{IP: addr.IPFromNetipAddr(a), Zone: zone}
}
