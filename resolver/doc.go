// Package resolver is a pure-Go DNS stub resolver that can be configured as
// a value: the standard library's documented name resolution (LookupHost,
// LookupIP, LookupAddr, LookupCNAME, LookupMX, LookupNS, LookupSRV,
// LookupTXT, LookupPort) with Go 1.26's behaviour and error texts, without
// importing package net.
//
// # Configuration
//
// The zero [Resolver] (and [DefaultResolver]) reads the system files the way
// Go's own pure Go resolver does: /etc/resolv.conf (nameserver, search,
// domain, options ndots: timeout: attempts: rotate single-request
// single-request-reopen use-vc trust-ad edns0 no-aaaa no-reload),
// /etc/hosts, /etc/nsswitch.conf (the hosts: line) and /etc/services, each
// re-read when it changes, with Go's defaults when a file is missing.
//
// [New] makes an independent Resolver from a [Config] value: servers with
// ports, search list, ndots, timeout, attempts, rotation, EDNS(0) size,
// TCP only, a hosts table of its own, the hosts/DNS order, a cache and a
// transport. [ParseResolvConf], [ParseHosts], [ParseNSSConf] and
// [ParseServices] parse the files' text; [LoadResolvConf] and
// [SystemConfig] read the system's. Options the parser does not know are
// listed in Config.UnknownOptions instead of being silently ignored.
//
// # Transport
//
// Each query goes out on a new connected UDP socket on netkit's poller (a
// random source port chosen by the kernel, a random query ID) with an
// EDNS(0) OPT record advertising 1232 bytes. Answers whose ID or question
// do not match are ignored (a spoofing defence), truncated answers are
// retried over TCP (and the same question to the same server goes straight
// to TCP for the next 60 seconds, saving a round trip bound to be
// truncated again), A and AAAA are asked in parallel (one after the other
// with single-request), and the servers are tried in turn, Attempts times,
// each for Timeout (round robin with rotate). [Resolver.Dial] plugs in any
// transport: a Conn with net.PacketConn's ReadFrom/WriteTo is used as a
// datagram connection, anything else as a stream, so a Dial returning a
// crypto/tls connection gives DNS over TLS (RFC 7858).
// [TransportTCPPipelined] keeps one TCP (or, with such a Dial, TLS)
// connection per server and pipelines queries on it (RFC 7766).
//
// # Beyond the standard library
//
// [Resolver.Query] returns a whole answer (records with their TTLs, the AD
// bit) for any record type. Config.CacheSize turns on a cache that honours
// TTLs and caches NXDOMAIN/NODATA for the SOA's negative TTL (RFC 2308).
// [Resolver.Explain] says how a name is resolved and why, including what
// the standard library would choose (its cgo resolver or its Go one) on
// this system, which otherwise only GODEBUG=netdns=2 prints.
// [SortByRFC6724] and [SortByRFC6724WithSources] expose the RFC 6724
// destination address ordering used by LookupIPAddr.
//
// # GODEBUG
//
// GODEBUG=netdns=go, netdns=cgo and the debug levels (netdns=1, netdns=go+2,
// ...) are read as the standard library reads them. netkit has no cgo
// resolver: with netdns=cgo it says so on standard error and uses its Go
// resolver; level 2 prints each lookup's hosts/DNS order.
//
// # Differences from the standard library
//
// LookupCNAME of a CNAME chain always returns the end of the chain (the
// standard library returns the first hop or the end depending on which of
// its parallel queries answers first). An nsswitch.conf hosts line with
// [NOTFOUND=return] after a source stops the lookup there (the standard
// library's Go resolver ignores it). When nsswitch.conf lists myhostname,
// localhost, *.localhost and the host's own name are answered as systemd's
// nss-myhostname answers them (the standard library hands these names to
// cgo, hence to nss-myhostname; its Go resolver alone would ask DNS).
// Other names the standard library would hand to cgo (.local names with
// mDNS in nsswitch.conf, resolv.conf options it does not know, _gateway)
// are resolved by the Go resolver, and [Resolver.Explain] reports the
// difference. A rooted .onion name (RFC 7686, never sent to DNS) is
// "no such host" for every lookup (the standard library returns no address
// and no error from LookupHost, "cannot unmarshal DNS message" from the
// record lookups).
package resolver
