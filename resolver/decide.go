package resolver

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"sync"
)

// Order is the order in which the hosts file and DNS are consulted for host
// names, the part of nsswitch.conf's "hosts:" line the resolver honours.
type Order int

// The orders. The zero value consults the hosts file first, then DNS, which
// is also what Go does when nsswitch.conf is missing.
const (
	OrderFilesDNS Order = iota // hosts file, then DNS
	OrderDNSFiles              // DNS, then the hosts file
	OrderFiles                 // hosts file only
	OrderDNS                   // DNS only
)

// String returns the order as the standard library's debug output spells
// it: "files,dns", "dns,files", "files" or "dns".
func (o Order) String() string {
	switch o {
	case OrderFilesDNS:
		return "files,dns"
	case OrderDNSFiles:
		return "dns,files"
	case OrderFiles:
		return "files"
	case OrderDNS:
		return "dns"
	}
	return "Order(" + itoa(int(o)) + ")"
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}

// Decision explains how a name is resolved: by which resolver, consulting
// the hosts file and DNS in which order, and why. See [Resolver.Explain].
type Decision struct {
	// Name is the name the decision is for ("" for reverse lookups).
	Name string
	// Resolver is always "go": netkit has only the pure Go resolver.
	Resolver string
	// Stdlib is what Go 1.26's net package would use for this name in a
	// binary built with cgo on this system: "go" or "cgo".
	Stdlib string
	// Order is the order in which the hosts file and DNS are consulted.
	Order Order
	// Reason says, in words, why Stdlib and Order are what they are.
	Reason string
	// Debug is the GODEBUG netdns setting in force, as "mode+level"
	// ("go", "cgo+1", "2", ...; "" when unset).
	Debug string
	// MyHostname reports that nsswitch.conf lists myhostname and the name
	// is one it answers (localhost, *.localhost, this host's name): netkit
	// then answers as glibc's nss-myhostname does, at its place in the
	// hosts line (the standard library hands such names to cgo).
	MyHostname bool

	myHostnameAfterDNS bool
}

// String renders the decision on one line.
func (d Decision) String() string {
	s := "lookup " + d.Name + ": resolver=" + d.Resolver + " (stdlib would use " + d.Stdlib + ") order=" + d.Order.String() + ": " + d.Reason
	if d.Debug != "" {
		s += " [GODEBUG netdns=" + d.Debug + "]"
	}
	return s
}

// godebug holds the netdns GODEBUG setting, read once.
var godebug = sync.OnceValue(func() netdnsSetting {
	return parseNetDNS(os.Getenv("GODEBUG"))
})

type netdnsSetting struct {
	mode  string // "go", "cgo", other (invalid) or ""
	level int
	raw   string
}

// parseNetDNS extracts netdns=MODE[+LEVEL] (or LEVEL[+MODE]) from a GODEBUG
// value; the last netdns entry wins, as with every GODEBUG key.
func parseNetDNS(godebug string) netdnsSetting {
	var s netdnsSetting
	for _, kv := range strings.Split(godebug, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok || k != "netdns" {
			continue
		}
		s = netdnsSetting{raw: v}
		part := func(p string) {
			if p == "" {
				return
			}
			if '0' <= p[0] && p[0] <= '9' {
				s.level = leadingInt(p)
			} else {
				s.mode = p
			}
		}
		if a, b, ok := strings.Cut(v, "+"); ok {
			part(a)
			part(b)
		} else {
			part(v)
		}
	}
	return s
}

var debugOnce sync.Once

// debugStartup prints, once, what the standard library prints at startup
// under GODEBUG=netdns=N, with netkit's prefix and its own truth: the Go
// resolver is always used.
func debugStartup(s netdnsSetting) {
	if s.level <= 0 {
		return
	}
	debugOnce.Do(func() {
		if s.level > 1 {
			println("netkit resolver: netdns mode =", quoteMode(s.mode), " level =", s.level)
		}
		switch s.mode {
		case "", "go":
			if s.mode == "go" {
				println("netkit resolver: GODEBUG setting forcing use of the Go resolver")
			} else {
				println("netkit resolver: using the Go DNS resolver (netkit has no cgo resolver)")
			}
		case "cgo":
			println("netkit resolver: ignoring GODEBUG=netdns=cgo: netkit has no cgo resolver; using the Go DNS resolver")
		default:
			println("netkit resolver: GODEBUG=netdns contains an invalid dns mode, ignoring it")
		}
	})
}

func quoteMode(m string) string {
	if m == "" {
		return `""`
	}
	return m
}

// sysDecider computes the standard library's choice for the system
// configuration (resolv.conf, nsswitch.conf, environment).
type sysDecider struct {
	goos         string
	env          func(string) (string, bool)
	hostname     func() (string, error)
	mdnsAllow    func() error // os.Stat("/etc/mdns.allow")'s error
	cgoAvailable bool         // whether to reason as a cgo-enabled binary would
}

var defaultDecider = sysDecider{
	goos:         runtime.GOOS,
	env:          os.LookupEnv,
	hostname:     os.Hostname,
	mdnsAllow:    func() error { _, err := os.Stat("/etc/mdns.allow"); return err },
	cgoAvailable: true,
}

// decide returns the decision for hostname ("" for reverse lookups) given the
// resolv.conf and nsswitch.conf in force. preferGo is Resolver.PreferGo.
func (d sysDecider) decide(hostname string, preferGo bool, mode string, conf *Config, nss *NSSConf) Decision {
	dec := Decision{Name: hostname, Resolver: "go", Stdlib: "go"}
	canUseCgo := d.cgoAvailable
	why := ""
	cgo := func(reason string) {
		if canUseCgo {
			dec.Stdlib = "cgo"
			if why == "" {
				why = reason
			}
		}
	}
	switch {
	case mode == "go":
		canUseCgo = false
		why = "GODEBUG=netdns=go forces the Go resolver"
	case preferGo:
		canUseCgo = false
		why = "Resolver.PreferGo forces the Go resolver"
	case mode == "cgo":
		cgo("GODEBUG=netdns=cgo asks for the cgo resolver (netkit has none and uses its Go resolver)")
	case d.goos == "darwin" || d.goos == "ios" || d.goos == "android" || d.goos == "windows" || d.goos == "plan9":
		cgo("the standard library always prefers the system resolver on " + d.goos)
	}
	if canUseCgo && dec.Stdlib == "go" {
		if _, ok := d.env("LOCALDOMAIN"); ok {
			cgo("LOCALDOMAIN is set in the environment")
		} else if v, _ := d.env("RES_OPTIONS"); v != "" {
			cgo("RES_OPTIONS is set in the environment")
		} else if v, _ := d.env("HOSTALIASES"); v != "" {
			cgo("HOSTALIASES is set in the environment")
		} else if v, _ := d.env("ASR_CONFIG"); v != "" && d.goos == "openbsd" {
			cgo("ASR_CONFIG is set in the environment")
		} else if strings.ContainsAny(hostname, `\%`) {
			cgo("the name contains a backslash or percent sign")
		}
	}
	if dec.Stdlib == "go" {
		if conf.Err != nil && !errors.Is(conf.Err, fs.ErrNotExist) && !errors.Is(conf.Err, fs.ErrPermission) {
			cgo("resolv.conf could not be read: " + conf.Err.Error())
		} else if len(conf.UnknownOptions) > 0 {
			cgo("resolv.conf uses options the Go resolver does not implement: " + strings.Join(conf.UnknownOptions, " "))
		}
	}
	order, reason, cgoReason := d.order(hostname, conf, nss)
	dec.Order = order
	if hostname != "" {
		dec.MyHostname, dec.myHostnameAfterDNS = d.myHostname(hostname, nss)
		if dec.MyHostname {
			reason += "; myhostname answers " + hostname + " (as nss-myhostname)"
		}
	}
	if cgoReason != "" && dec.Stdlib == "go" {
		cgo(cgoReason)
	}
	if why == "" {
		why = reason
	} else {
		why += "; " + reason
	}
	dec.Reason = why
	return dec
}

// order computes the hosts/DNS order of the pure Go resolver and, separately,
// why a cgo-enabled standard library would defer to cgo instead ("" when
// it would not).
func (d sysDecider) order(hostname string, conf *Config, nss *NSSConf) (order Order, reason, cgoReason string) {
	if d.goos == "openbsd" {
		if errors.Is(conf.Err, fs.ErrNotExist) {
			return OrderFiles, "resolv.conf is missing (OpenBSD: hosts file only)", ""
		}
		l := conf.Lookup
		switch {
		case len(l) == 0:
			return OrderDNSFiles, "resolv.conf has no lookup line (OpenBSD default: dns,files)", ""
		case len(l) == 1 && l[0] == "bind":
			return OrderDNS, "resolv.conf: lookup bind", ""
		case len(l) == 1 && l[0] == "file":
			return OrderFiles, "resolv.conf: lookup file", ""
		case len(l) == 2 && l[0] == "bind" && l[1] == "file":
			return OrderDNSFiles, "resolv.conf: lookup bind file", ""
		case len(l) == 2 && l[0] == "file" && l[1] == "bind":
			return OrderFilesDNS, "resolv.conf: lookup file bind", ""
		}
		return OrderFilesDNS, "resolv.conf: unsupported lookup line " + strings.Join(l, " "), "resolv.conf has a lookup line the Go resolver does not implement"
	}
	hostname = strings.TrimSuffix(hostname, ".")
	srcs := nss.Sources["hosts"]
	if errors.Is(nss.Err, fs.ErrNotExist) || (nss.Err == nil && len(srcs) == 0) {
		if d.goos == "solaris" {
			cgoReason = "nsswitch.conf has no hosts line (Solaris)"
		}
		return OrderFilesDNS, "nsswitch.conf is missing or has no hosts line: files, then dns", cgoReason
	}
	if nss.Err != nil {
		return OrderFilesDNS, "nsswitch.conf could not be used (" + nss.Err.Error() + "): files, then dns", "nsswitch.conf could not be used: " + nss.Err.Error()
	}
	var filesSource, dnsSource, hasDNSSource, checked bool
	var first string
	var skipped []string
	for i, src := range srcs {
		if src.Source == "files" || src.Source == "dns" {
			if !src.standardCriteria() && cgoReason == "" {
				cgoReason = "nsswitch.conf gives " + src.Source + " non-default [STATUS=ACTION] criteria"
			}
			if src.Source == "files" {
				filesSource = true
			} else {
				hasDNSSource, checked, dnsSource = true, true, true
			}
			if first == "" {
				first = src.Source
			}
			if src.notFoundReturn() {
				// Nothing after this source is consulted for a name it does
				// not know (the standard library ignores this and goes on).
				line := "nsswitch.conf hosts: " + sourcesString(srcs[:i+1]) + " (later sources are not consulted)"
				if src.Source == "files" && !dnsSource {
					return OrderFiles, line, cgoReason
				}
				if src.Source == "dns" && !filesSource {
					return OrderDNS, line, cgoReason
				}
				break
			}
			continue
		}
		if cgoReason == "" && hostname != "" {
			switch {
			case src.Source == "myhostname":
				hn, err := d.hostname()
				if isLocalhost(hostname) || strings.EqualFold(hostname, "_gateway") || strings.EqualFold(hostname, "_outbound") || err != nil || strings.EqualFold(hostname, hn) {
					cgoReason = "nsswitch.conf lists myhostname and the name is one it answers (localhost, _gateway, _outbound or this host's name)"
				}
			case strings.HasPrefix(src.Source, "mdns"):
				if hasSuffixFold(hostname, ".local") {
					cgoReason = "the name ends in .local and nsswitch.conf lists " + src.Source + " (mDNS is not handled by the pure Go resolver)"
				} else if err := d.mdnsAllow(); err == nil || !errors.Is(err, fs.ErrNotExist) {
					cgoReason = "nsswitch.conf lists " + src.Source + " and /etc/mdns.allow exists (mDNS is not handled by the pure Go resolver)"
				}
			default:
				cgoReason = "nsswitch.conf lists the source " + src.Source + ", which the Go resolver does not implement"
			}
		} else if cgoReason == "" && src.Source != "myhostname" && !strings.HasPrefix(src.Source, "mdns") {
			cgoReason = "nsswitch.conf lists the source " + src.Source + ", which the Go resolver does not implement"
		}
		skipped = append(skipped, src.Source)
		if !checked {
			checked = true
			for _, v := range srcs[i+1:] {
				if v.Source == "dns" {
					hasDNSSource = true
					break
				}
			}
		}
		if !hasDNSSource {
			dnsSource = true
			if first == "" {
				first = "dns"
			}
		}
	}
	line := "nsswitch.conf hosts: " + sourcesString(srcs)
	if len(skipped) > 0 {
		line += " (skipped by the Go resolver: " + strings.Join(skipped, " ") + ")"
	}
	switch {
	case filesSource && dnsSource:
		if first == "files" {
			return OrderFilesDNS, line, cgoReason
		}
		return OrderDNSFiles, line, cgoReason
	case filesSource:
		return OrderFiles, line, cgoReason
	case dnsSource:
		return OrderDNS, line, cgoReason
	}
	return OrderFilesDNS, line + ": no usable source, files then dns", "nsswitch.conf hosts line has no source the Go resolver implements"
}

// myHostname reports whether nss-myhostname would answer hostname and
// whether it comes after dns in the hosts line.
func (d sysDecider) myHostname(hostname string, nss *NSSConf) (use, afterDNS bool) {
	has, pos := nssMyHostnamePos(nss)
	if !has {
		return false, false
	}
	hn, _ := d.hostname()
	return isMyHostnameName(hostname, hn), pos == mhAfterDNS
}

// isMyHostnameName reports the names nss-myhostname answers that netkit
// implements: localhost, *.localhost and the host's own name (not
// _gateway and _outbound, which need the routing table).
func isMyHostnameName(name, hostname string) bool {
	name = strings.TrimSuffix(name, ".")
	if name == "" {
		return false
	}
	return strings.EqualFold(name, "localhost") || hasSuffixFold(name, ".localhost") ||
		hostname != "" && strings.EqualFold(name, strings.TrimSuffix(hostname, "."))
}

func sourcesString(srcs []NSSSource) string {
	var b strings.Builder
	for i, s := range srcs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.Source)
		if len(s.Criteria) > 0 {
			b.WriteString(" [")
			for j, c := range s.Criteria {
				if j > 0 {
					b.WriteByte(' ')
				}
				if c.Negate {
					b.WriteByte('!')
				}
				b.WriteString(strings.ToUpper(c.Status) + "=" + c.Action)
			}
			b.WriteByte(']')
		}
	}
	return b.String()
}

func isLocalhost(h string) bool {
	return strings.EqualFold(h, "localhost") || strings.EqualFold(h, "localhost.localdomain") ||
		hasSuffixFold(h, ".localhost") || hasSuffixFold(h, ".localhost.localdomain")
}
