// Package addr holds netkit's address types and parsers: IP, IPMask, IPNet,
// HardwareAddr, the host:port helpers, the socket address types (IPAddr,
// TCPAddr, UDPAddr, UnixAddr) and the error types shared by every netkit
// module (OpError, AddrError, ParseError, UnknownNetworkError,
// InvalidAddrError).
//
// Every identifier that the standard library's net package documents keeps
// its name, signature and Go 1.26 behaviour here: same bytes, same String,
// same predicates, same error text. Differential tests and fuzz targets
// hold the package to that, with net as the oracle.
//
// # Embedding
//
// addr imports no other netkit module and none of net, os, syscall, fmt,
// reflect or golang.org/x/sys (a test runs go list -deps to keep it so), so
// it can be embedded alone in small binaries, WASM (js/wasm, wasip1/wasm)
// and TinyGo. A static, stripped program that only calls ParseIP is smaller
// than the same program calling net.ParseIP. Package-level tables are
// constants or constant composite literals: importing addr runs almost no
// initialisation code.
//
// # Parsing rules
//
// ParseIP, ParseCIDR and IP.UnmarshalText accept what net/netip.ParseAddr
// accepts, without a zone: dotted-decimal IPv4 (RFC 791) with exactly four
// fields and no leading zeros — "192.168.001.1" is rejected, as by the
// standard library since Go 1.17, since some parsers read such fields as
// octal — and RFC 4291 §2.2 IPv6 text, with at most one "::", one to four
// hex digits a field and an optional dotted-quad in the last 32 bits.
// IPv6 output follows RFC 5952 §4. ParseMAC takes the nine documented
// separated forms and Go 1.26's separator-less form ("00005e005301").
//
// # Allocation
//
// ParseIP makes one 16-byte allocation (none on failure); ParseCIDR one,
// where net.ParseCIDR makes four; SplitHostPort none. Where the standard
// library has only a String method, an AppendTo method appends the same
// text to a caller's buffer without allocating: [IP.AppendTo],
// [IPMask.AppendTo], [IPNet.AppendTo], [HardwareAddr.AppendTo] and
// [AppendHostPort].
//
// # net/netip
//
// [IP.NetipAddr], [IPFromNetipAddr], [IPNet.NetipPrefix],
// [IPNetFromNetipPrefix], [IPAddr.NetipAddr] and [IPAddrFromNetipAddr]
// convert to and from net/netip's value types. Unlike netip.AddrFromSlice,
// which turns the 16-byte IPv4-mapped slices ParseIP returns into
// "::ffff:192.0.2.1", they keep an IPv4 address IPv4: the IP type cannot
// tell the two apart (both print as "192.0.2.1"), so nothing IP can express
// is lost. The standard-library methods (TCPAddr.AddrPort, …) keep the
// standard library's behaviour.
//
// # Errors
//
// Parse failures are *ParseError or *AddrError with the standard library's
// texts. OpError is the error every netkit module returns for a failed
// operation; its Error, Timeout, Temporary and Unwrap behave as
// net.OpError's, asking the wrapped error through small interfaces so that
// no syscall or os import is needed. All of them satisfy net.Error.
//
// # Differences from net
//
// (*UnixAddr)(nil).Network returns "" where net's panics. Nothing else
// differs on purpose; a difference found by the fuzz targets is a bug.
package addr
