package conn

import (
	"context"
	"net"
	"net/netip"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/netkit-go/netkit/addr"
)

const (
	// defaultTCPKeepAliveIdle is the TCP_KEEPIDLE used when a Dialer's or
	// ListenConfig's KeepAlive is zero.
	defaultTCPKeepAliveIdle = 15 * time.Second

	// defaultTCPKeepAliveInterval is the TCP_KEEPINTVL default.
	defaultTCPKeepAliveInterval = 15 * time.Second

	// defaultTCPKeepAliveCount is the TCP_KEEPCNT default.
	defaultTCPKeepAliveCount = 9

	// defaultFallbackDelay is the RFC 6555 head start of the primary
	// address family.
	defaultFallbackDelay = 300 * time.Millisecond
)

// Multipath TCP is used by default by listeners (where the kernel offers
// it) and not by dialers, as in the standard library; GODEBUG
// multipathtcp=0|1|2|3 changes the defaults the same way.
const (
	defaultMPTCPEnabledListen = true
	defaultMPTCPEnabledDial   = false
)

// godebugMultipathTCP returns the value of multipathtcp in $GODEBUG (read
// once), or "".
var godebugMultipathTCP = sync.OnceValue(func() string {
	v := ""
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if k, val, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == "multipathtcp" {
			v = val
		}
	}
	return v
})

// mptcpStatus is a tristate: the default, on, off.
type mptcpStatus uint8

const (
	mptcpUseDefault mptcpStatus = iota
	mptcpEnabled
	mptcpDisabled
)

func (m mptcpStatus) dial() bool {
	switch m {
	case mptcpEnabled:
		return true
	case mptcpDisabled:
		return false
	}
	if v := godebugMultipathTCP(); v == "1" || v == "3" {
		return true
	}
	return defaultMPTCPEnabledDial
}

func (m mptcpStatus) listen() bool {
	switch m {
	case mptcpEnabled:
		return true
	case mptcpDisabled:
		return false
	}
	if v := godebugMultipathTCP(); v == "0" || v == "3" {
		return false
	}
	return defaultMPTCPEnabledListen
}

func (m *mptcpStatus) set(use bool) {
	if use {
		*m = mptcpEnabled
	} else {
		*m = mptcpDisabled
	}
}

// A Dialer contains options for connecting to an address.
//
// The zero value for each field is equivalent to dialing without that
// option. Dialing with the zero value of Dialer is therefore equivalent to
// just calling the Dial function.
//
// It is safe to call Dialer's methods concurrently.
type Dialer struct {
	// Timeout is the maximum amount of time a dial will wait for a connect
	// to complete. If Deadline is also set, it may fail earlier.
	//
	// The default is no timeout.
	//
	// When using TCP and dialing a host name with multiple IP addresses,
	// the timeout may be divided between them.
	//
	// With or without a timeout, the operating system may impose its own
	// earlier timeout. For instance, TCP timeouts are often around 3
	// minutes.
	Timeout time.Duration

	// Deadline is the absolute point in time after which dials will fail.
	// If Timeout is set, it may fail earlier. Zero means no deadline, or
	// dependent on the operating system as with the Timeout option.
	Deadline time.Time

	// LocalAddr is the local address to use when dialing an address. The
	// address must be of a compatible type for the network being dialed:
	// an *addr.TCPAddr, *addr.UDPAddr, *addr.IPAddr or *addr.UnixAddr (the
	// types netcompat aliases). A value of another type, such as package
	// net's *net.TCPAddr, fails with "mismatched local address type".
	// If nil, a local address is automatically chosen.
	LocalAddr net.Addr

	// DualStack previously enabled RFC 6555 Fast Fallback support, also
	// known as "Happy Eyeballs", in which IPv4 is tried soon if IPv6
	// appears to be misconfigured and hanging.
	//
	// Deprecated: Fast Fallback is enabled by default (Go 1.12 and later,
	// and netkit). To disable, set FallbackDelay to a negative value.
	DualStack bool

	// FallbackDelay specifies the length of time to wait before spawning
	// a RFC 6555 Fast Fallback connection. That is, this is the amount of
	// time to wait for the first address family (IPv6 when the resolver
	// sorts it first) to succeed before assuming that it is misconfigured
	// and racing the other family.
	//
	// If zero, a default delay of 300ms is used. A negative value disables
	// Fast Fallback support: addresses are then tried one after another.
	FallbackDelay time.Duration

	// KeepAlive specifies the interval between keep-alive probes for an
	// active network connection.
	//
	// KeepAlive is ignored if KeepAliveConfig.Enable is true.
	//
	// If zero, keep-alive probes are sent with a default value (currently
	// 15 seconds), if supported by the protocol and operating system.
	// Network protocols or operating systems that do not support
	// keep-alive ignore this field. If negative, keep-alive probes are
	// disabled. (The Go 1.5 text said zero disabled keep-alives; Go 1.12
	// changed that and netkit follows Go 1.26.)
	KeepAlive time.Duration

	// KeepAliveConfig specifies the keep-alive probe configuration for an
	// active network connection, when supported by the protocol and
	// operating system.
	//
	// If KeepAliveConfig.Enable is true, keep-alive probes are enabled. If
	// KeepAliveConfig.Enable is false and KeepAlive is negative,
	// keep-alive probes are disabled.
	KeepAliveConfig KeepAliveConfig

	// Resolver optionally specifies an alternate resolver to use; nil
	// means DefaultResolver.
	Resolver *Resolver

	// Cancel is an optional channel whose closure indicates that the dial
	// should be canceled. Not all types of dials support cancellation.
	//
	// Deprecated: Use DialContext instead.
	Cancel <-chan struct{}

	// If Control is not nil, it is called after creating the network
	// connection but before actually dialing.
	//
	// Network and address parameters passed to Control function are not
	// necessarily the ones passed to Dial. Calling Dial with TCP networks
	// will cause the Control function to be called with "tcp4" or "tcp6",
	// UDP networks become "udp4" or "udp6", IP networks become "ip4" or
	// "ip6", and other known networks are passed as-is.
	//
	// Control is ignored if ControlContext is not nil.
	Control func(network, address string, c syscall.RawConn) error

	// If ControlContext is not nil, it is called after creating the
	// network connection but before actually dialing, with the dial's
	// context. Its network and address parameters are as for Control.
	//
	// If ControlContext is not nil, Control is ignored.
	ControlContext func(ctx context.Context, network, address string, c syscall.RawConn) error

	// mptcp chooses Multipath TCP for "tcp" dials; see SetMultipathTCP.
	mptcp mptcpStatus
}

// dualStack reports whether happy eyeballs is on.
func (d *Dialer) dualStack() bool { return d.FallbackDelay >= 0 }

func minNonzeroTime(a, b time.Time) time.Time {
	if a.IsZero() {
		return b
	}
	if b.IsZero() || a.Before(b) {
		return a
	}
	return b
}

// deadline returns the earliest of now+Timeout, d.Deadline and the
// context's deadline, or zero if none is set.
func (d *Dialer) deadline(ctx context.Context, now time.Time) (earliest time.Time) {
	if d.Timeout != 0 { // including negative, as the standard library does
		earliest = now.Add(d.Timeout)
	}
	if dl, ok := ctx.Deadline(); ok {
		earliest = minNonzeroTime(earliest, dl)
	}
	return minNonzeroTime(earliest, d.Deadline)
}

func (d *Dialer) resolver() *Resolver {
	if d != nil && d.Resolver != nil {
		return d.Resolver
	}
	return DefaultResolver
}

// partialDeadline returns the deadline for one address when addrsRemaining
// addresses (this one included) share what is left until deadline: an
// equal share, but at least 2 s (or all that is left).
func partialDeadline(now, deadline time.Time, addrsRemaining int) (time.Time, error) {
	if deadline.IsZero() {
		return deadline, nil
	}
	timeRemaining := deadline.Sub(now)
	if timeRemaining <= 0 {
		return time.Time{}, errTimeout
	}
	timeout := timeRemaining / time.Duration(addrsRemaining)
	const saneMinimum = 2 * time.Second
	if timeout < saneMinimum {
		if timeRemaining < saneMinimum {
			timeout = timeRemaining
		} else {
			timeout = saneMinimum
		}
	}
	return now.Add(timeout), nil
}

func (d *Dialer) fallbackDelay() time.Duration {
	if d.FallbackDelay > 0 {
		return d.FallbackDelay
	}
	return defaultFallbackDelay
}

// MultipathTCP reports whether MPTCP will be used.
//
// This method doesn't check if MPTCP is supported by the operating system
// or not.
func (d *Dialer) MultipathTCP() bool { return d.mptcp.dial() }

// SetMultipathTCP directs the Dial methods to use, or not use, MPTCP, if
// supported by the operating system. This method overrides the system
// default and the GODEBUG=multipathtcp=... setting if any.
//
// If MPTCP is not available on the host or not supported by the server,
// the Dial methods will fall back to TCP.
func (d *Dialer) SetMultipathTCP(use bool) { d.mptcp.set(use) }

// Dial connects to the address on the named network.
//
// Known networks are "tcp", "tcp4" (IPv4-only), "tcp6" (IPv6-only), "udp",
// "udp4" (IPv4-only), "udp6" (IPv6-only), "ip", "ip4" (IPv4-only), "ip6"
// (IPv6-only), "unix", "unixgram" and "unixpacket".
//
// For TCP and UDP networks, the address has the form "host:port". The host
// must be a literal IP address, or a host name that can be resolved to IP
// addresses. The port must be a literal port number or a service name. If
// the host is a literal IPv6 address it must be enclosed in square
// brackets, as in "[2001:db8::1]:80" or "[fe80::1%zone]:80". The zone
// specifies the scope of the literal IPv6 address as defined in RFC 4007.
// When using TCP, and the host resolves to multiple IP addresses, Dial
// will try each IP address in order until one succeeds.
//
// For IP networks, the network must be "ip", "ip4" or "ip6" followed by a
// colon and a literal protocol number or a protocol name, and the address
// has the form "host", as in Dial("ip4:1", "127.0.0.1").
//
// For TCP, UDP and IP networks, if the host is empty or a literal
// unspecified IP address, as in ":80", "0.0.0.0:80" or "[::]:80" for TCP
// and UDP, "", "0.0.0.0" or "::" for IP, the local system is assumed.
//
// For Unix networks, the address must be a file system path.
func Dial(network, address string) (net.Conn, error) {
	var d Dialer
	return d.Dial(network, address)
}

// DialTimeout acts like Dial but takes a timeout.
//
// The timeout includes name resolution, if required. When using TCP, and
// the host in the address parameter resolves to multiple IP addresses, the
// timeout is spread over each consecutive dial, such that each is given an
// appropriate fraction of the time to connect.
func DialTimeout(network, address string, timeout time.Duration) (net.Conn, error) {
	d := Dialer{Timeout: timeout}
	return d.Dial(network, address)
}

// sysDialer holds one dial's parameters.
type sysDialer struct {
	Dialer
	network, address string
}

// ctrl returns the control hook of the dial, if any.
func (d *Dialer) ctrl() ctrlFn {
	if d == nil {
		return nil
	}
	if d.ControlContext != nil {
		return d.ControlContext
	}
	if d.Control != nil {
		control := d.Control
		return func(_ context.Context, network, address string, c syscall.RawConn) error {
			return control(network, address, c)
		}
	}
	return nil
}

// Dial connects to the address on the named network.
//
// See func Dial for a description of the network and address parameters.
//
// Dial uses context.Background internally; to specify the context, use
// DialContext.
func (d *Dialer) Dial(network, address string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, address)
}

// DialContext connects to the address on the named network using the
// provided context.
//
// The provided Context must be non-nil. If the context expires before the
// connection is complete, an error is returned. Once successfully
// connected, any expiration of the context will not affect the connection.
//
// When using TCP, and the host in the address parameter resolves to
// multiple network addresses, any dial timeout (from d.Timeout or ctx) is
// spread over each consecutive dial, such that each is given an
// appropriate fraction of the time to connect. For example, if a host has
// 4 IP addresses and the timeout is 1 minute, the connect to each single
// address will be given 15 seconds to complete before trying the next one.
//
// With network "tcp" and addresses of both families, the family of the
// first address is raced against the other one after FallbackDelay (RFC
// 6555 "Happy Eyeballs"); the first connection wins and the loser's dial is
// canceled.
//
// See func Dial for a description of the network and address parameters.
func (d *Dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()

	addrs, err := d.resolver().resolveAddrList(ctx, "dial", network, address, d.LocalAddr)
	if err != nil {
		return nil, &addr.OpError{Op: "dial", Net: network, Source: nil, Addr: nil, Err: err}
	}
	sd := &sysDialer{Dialer: *d, network: network, address: address}
	var primaries, fallbacks addrList
	if d.dualStack() && network == "tcp" {
		primaries, fallbacks = addrs.partition(isIPv4)
	} else {
		primaries = addrs
	}
	return sd.dialParallel(ctx, primaries, fallbacks)
}

// dialCtx derives the dial context: the Dialer's deadline and its
// deprecated Cancel channel applied to ctx.
func (d *Dialer) dialCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		panic("nil context")
	}
	deadline := d.deadline(ctx, time.Now())
	var cancel1, cancel2 context.CancelFunc
	if !deadline.IsZero() {
		if dl, ok := ctx.Deadline(); !ok || deadline.Before(dl) {
			ctx, cancel1 = context.WithDeadline(ctx, deadline)
		}
	}
	if oldCancel := d.Cancel; oldCancel != nil {
		var subCtx context.Context
		subCtx, cancel2 = context.WithCancel(ctx)
		go func() {
			select {
			case <-oldCancel:
				cancel2()
			case <-subCtx.Done():
			}
		}()
		ctx = subCtx
	}
	return ctx, func() {
		if cancel1 != nil {
			cancel1()
		}
		if cancel2 != nil {
			cancel2()
		}
	}
}

// DialTCP acts like Dial for TCP networks using the provided context and
// netip end points. As in the standard library, an invalid (zero) AddrPort
// is the unspecified address with port 0, not a missing address.
//
// The provided Context must be non-nil. If the context expires before the
// connection is complete, an error is returned. Once successfully
// connected, any expiration of the context will not affect the connection.
func (d *Dialer) DialTCP(ctx context.Context, network string, laddr, raddr netip.AddrPort) (*TCPConn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	return dialTCP(ctx, d, network, addr.TCPAddrFromAddrPort(laddr), addr.TCPAddrFromAddrPort(raddr))
}

// DialUnix acts like Dial for Unix networks using the provided context.
//
// The provided Context must be non-nil. If the context expires before the
// connection is complete, an error is returned. Once successfully
// connected, any expiration of the context will not affect the connection.
func (d *Dialer) DialUnix(ctx context.Context, network string, laddr, raddr *addr.UnixAddr) (*UnixConn, error) {
	ctx, cancel := d.dialCtx(ctx)
	defer cancel()
	return dialUnix(ctx, d, network, laddr, raddr)
}

// dialParallel races two copies of dialSerial, giving the primaries a head
// start of FallbackDelay. It returns the first established connection and
// closes the others; when both fail, the primaries' error.
func (sd *sysDialer) dialParallel(ctx context.Context, primaries, fallbacks addrList) (net.Conn, error) {
	if len(fallbacks) == 0 {
		return sd.dialSerial(ctx, primaries)
	}

	returned := make(chan struct{})
	defer close(returned)

	type dialResult struct {
		net.Conn
		error
		primary bool
		done    bool
	}
	results := make(chan dialResult) // unbuffered

	startRacer := func(ctx context.Context, primary bool) {
		ras := primaries
		if !primary {
			ras = fallbacks
		}
		c, err := sd.dialSerial(ctx, ras)
		select {
		case results <- dialResult{Conn: c, error: err, primary: primary, done: true}:
		case <-returned:
			if c != nil {
				c.Close()
			}
		}
	}

	var primary, fallback dialResult

	primaryCtx, primaryCancel := context.WithCancel(ctx)
	defer primaryCancel()
	go startRacer(primaryCtx, true)

	fallbackTimer := time.NewTimer(sd.fallbackDelay())
	defer fallbackTimer.Stop()

	for {
		select {
		case <-fallbackTimer.C:
			fallbackCtx, fallbackCancel := context.WithCancel(ctx)
			defer fallbackCancel()
			go startRacer(fallbackCtx, false)

		case res := <-results:
			if res.error == nil {
				return res.Conn, nil
			}
			if res.primary {
				primary = res
			} else {
				fallback = res
			}
			if primary.done && fallback.done {
				return nil, primary.error
			}
			if res.primary && fallbackTimer.Stop() {
				// The fallback has not started and the primaries failed:
				// start it now.
				fallbackTimer.Reset(0)
			}
		}
	}
}

// dialSerial connects to the addresses in order, returning the first
// connection, or the first error (the most relevant one).
func (sd *sysDialer) dialSerial(ctx context.Context, ras addrList) (net.Conn, error) {
	var firstErr error
	for i, ra := range ras {
		select {
		case <-ctx.Done():
			if firstErr != nil && ctx.Err() == context.DeadlineExceeded {
				// The deadline ran out during an earlier attempt:
				// report that attempt (as net does, whose connect
				// times out on the same deadline), not an address
				// that was never tried.
				return nil, firstErr
			}
			return nil, &addr.OpError{Op: "dial", Net: sd.network, Source: opAddr(sd.LocalAddr), Addr: ra, Err: mapErr(ctx.Err())}
		default:
		}

		dialCtx := ctx
		if deadline, hasDeadline := ctx.Deadline(); hasDeadline {
			pd, err := partialDeadline(time.Now(), deadline, len(ras)-i)
			if err != nil {
				// Ran out of time.
				if firstErr == nil {
					firstErr = &addr.OpError{Op: "dial", Net: sd.network, Source: opAddr(sd.LocalAddr), Addr: ra, Err: err}
				}
				break
			}
			if pd.Before(deadline) {
				var cancel context.CancelFunc
				dialCtx, cancel = context.WithDeadline(ctx, pd)
				defer cancel()
			}
		}

		c, err := sd.dialSingle(dialCtx, ra)
		if err == nil {
			return c, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &addr.OpError{Op: "dial", Net: sd.network, Source: nil, Addr: nil, Err: errMissingAddress}
	}
	return nil, firstErr
}

// dialSingle connects to one address.
func (sd *sysDialer) dialSingle(ctx context.Context, ra net.Addr) (c net.Conn, err error) {
	la := opAddr(sd.LocalAddr)
	switch ra := ra.(type) {
	case *addr.TCPAddr:
		la, _ := la.(*addr.TCPAddr)
		var tc *TCPConn
		if sd.MultipathTCP() {
			tc, err = sd.dialMPTCP(ctx, la, ra)
		} else {
			tc, err = sd.dialTCP(ctx, la, ra)
		}
		if err == nil {
			return tc, nil
		}
	case *addr.UnixAddr:
		la, _ := la.(*addr.UnixAddr)
		var uc *UnixConn
		if uc, err = sd.dialUnix(ctx, la, ra); err == nil {
			return uc, nil
		}
	default:
		c, err = sd.dialPacket(ctx, la, ra)
		if err == nil {
			return c, nil
		}
	}
	return nil, &addr.OpError{Op: "dial", Net: sd.network, Source: la, Addr: ra, Err: err}
}

// ListenConfig contains options for listening to an address.
type ListenConfig struct {
	// If Control is not nil, it is called after creating the network
	// connection but before binding it to the operating system.
	//
	// Network and address parameters passed to Control function are not
	// necessarily the ones passed to Listen. Calling Listen with TCP
	// networks will cause the Control function to be called with "tcp4" or
	// "tcp6", UDP networks become "udp4" or "udp6", IP networks become
	// "ip4" or "ip6", and other known networks are passed as-is.
	Control func(network, address string, c syscall.RawConn) error

	// KeepAlive specifies the keep-alive period for network connections
	// accepted by this listener.
	//
	// KeepAlive is ignored if KeepAliveConfig.Enable is true.
	//
	// If zero, keep-alive are enabled if supported by the protocol and
	// operating system. Network protocols or operating systems that do not
	// support keep-alive ignore this field. If negative, keep-alive are
	// disabled.
	KeepAlive time.Duration

	// KeepAliveConfig specifies the keep-alive probe configuration for an
	// active network connection, when supported by the protocol and
	// operating system.
	//
	// If KeepAliveConfig.Enable is true, keep-alive probes are enabled. If
	// KeepAliveConfig.Enable is false and KeepAlive is negative,
	// keep-alive probes are disabled.
	KeepAliveConfig KeepAliveConfig

	// mptcp chooses Multipath TCP for "tcp" listeners; see
	// SetMultipathTCP.
	mptcp mptcpStatus
}

// MultipathTCP reports whether MPTCP will be used.
//
// This method doesn't check if MPTCP is supported by the operating system
// or not.
func (lc *ListenConfig) MultipathTCP() bool { return lc.mptcp.listen() }

// SetMultipathTCP directs the Listen method to use, or not use, MPTCP, if
// supported by the operating system. This method overrides the system
// default and the GODEBUG=multipathtcp=... setting if any.
//
// If MPTCP is not available on the host or not supported by the client,
// the Listen method will fall back to TCP.
func (lc *ListenConfig) SetMultipathTCP(use bool) { lc.mptcp.set(use) }

func (lc *ListenConfig) ctrl() ctrlFn {
	if lc == nil || lc.Control == nil {
		return nil
	}
	control := lc.Control
	return func(_ context.Context, network, address string, c syscall.RawConn) error {
		return control(network, address, c)
	}
}

// Listen announces on the local network address.
//
// See func Listen for a description of the network and address
// parameters.
//
// The ctx argument is used while resolving the address on which to
// listen; it does not affect the returned Listener.
func (lc *ListenConfig) Listen(ctx context.Context, network, address string) (net.Listener, error) {
	addrs, err := DefaultResolver.resolveAddrList(ctx, "listen", network, address, nil)
	if err != nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: nil, Err: err}
	}
	sl := &sysListener{ListenConfig: *lc, network: network, address: address}
	la := addrs.first(isIPv4)
	switch la := la.(type) {
	case *addr.TCPAddr:
		var ln *TCPListener
		if sl.MultipathTCP() {
			ln, err = sl.listenMPTCP(ctx, la)
		} else {
			ln, err = sl.listenTCP(ctx, la)
		}
		if err == nil {
			return ln, nil
		}
	case *addr.UnixAddr:
		var ln *UnixListener
		if ln, err = sl.listenUnix(ctx, la); err == nil {
			return ln, nil
		}
	default:
		return nil, &addr.OpError{Op: "listen", Net: sl.network, Source: nil, Addr: la, Err: &addr.AddrError{Err: "unexpected address type", Addr: address}}
	}
	return nil, &addr.OpError{Op: "listen", Net: sl.network, Source: nil, Addr: la, Err: err}
}

// ListenPacket announces on the local network address.
//
// See func ListenPacket for a description of the network and address
// parameters.
//
// The ctx argument is used while resolving the address on which to
// listen; it does not affect the returned PacketConn.
func (lc *ListenConfig) ListenPacket(ctx context.Context, network, address string) (net.PacketConn, error) {
	addrs, err := DefaultResolver.resolveAddrList(ctx, "listen", network, address, nil)
	if err != nil {
		return nil, &addr.OpError{Op: "listen", Net: network, Source: nil, Addr: nil, Err: err}
	}
	sl := &sysListener{ListenConfig: *lc, network: network, address: address}
	la := addrs.first(isIPv4)
	var c net.PacketConn
	switch la := la.(type) {
	case *addr.UnixAddr:
		var uc *UnixConn
		if uc, err = sl.listenUnixgram(ctx, la); err == nil {
			return uc, nil
		}
	case *addr.TCPAddr:
		return nil, &addr.OpError{Op: "listen", Net: sl.network, Source: nil, Addr: la, Err: &addr.AddrError{Err: "unexpected address type", Addr: address}}
	default:
		if c, err = sl.listenPacket(ctx, la); err == nil {
			return c, nil
		}
	}
	return nil, &addr.OpError{Op: "listen", Net: sl.network, Source: nil, Addr: la, Err: err}
}

// sysListener holds one Listen's parameters.
type sysListener struct {
	ListenConfig
	network, address string
}

// Listen announces on the local network address.
//
// The network must be "tcp", "tcp4", "tcp6", "unix" or "unixpacket".
//
// For TCP networks, if the host in the address parameter is empty or a
// literal unspecified IP address, Listen listens on all available unicast
// and anycast IP addresses of the local system (dual-stack: one IPv6
// socket that also accepts IPv4, where the kernel allows it). To only use
// IPv4, use network "tcp4". The address can use a host name, but this is
// not recommended, because it will create a listener for at most one of
// the host's IP addresses. If the port in the address parameter is empty
// or "0", as in "127.0.0.1:" or "[::1]:0", a port number is automatically
// chosen. The Addr method of the Listener can be used to discover the
// chosen port.
//
// See func Dial for a description of the network and address parameters.
//
// Listen uses context.Background internally; to specify the context, use
// ListenConfig.Listen.
func Listen(network, address string) (net.Listener, error) {
	var lc ListenConfig
	return lc.Listen(context.Background(), network, address)
}

// ListenPacket announces on the local network address.
//
// The network must be "udp", "udp4", "udp6", "unixgram", or an IP
// transport. The IP transports are "ip", "ip4", or "ip6" followed by a
// colon and a literal protocol number or a protocol name, as in "ip:1" or
// "ip:icmp".
//
// For UDP and IP networks, if the host in the address parameter is empty
// or a literal unspecified IP address, ListenPacket listens on all
// available IP addresses of the local system except multicast IP
// addresses. To only use IPv4, use network "udp4" or "ip4:proto". If the
// port in the address parameter is empty or "0", a port number is
// automatically chosen. The LocalAddr method of the PacketConn can be used
// to discover the chosen port.
//
// See func Dial for a description of the network and address parameters.
//
// ListenPacket uses context.Background internally; to specify the
// context, use ListenConfig.ListenPacket.
func ListenPacket(network, address string) (net.PacketConn, error) {
	var lc ListenConfig
	return lc.ListenPacket(context.Background(), network, address)
}
