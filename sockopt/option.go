package sockopt

import (
	"math"
	"os"
	"sync"
	"syscall"
	"time"
)

// kind says how an option's value is laid out in the kernel: the per-OS
// tables in sys_*.go pick the kind, the code in this file and in
// option_unix.go does the conversion once for every platform.
type kind uint8

const (
	kindNone    kind = iota // not available on this platform
	kindBool                // int, 0 or 1
	kindInt                 // int
	kindByte                // unsigned char (BSD multicast TTL)
	kindSeconds             // int, seconds (time.Duration in the API)
	kindMillis              // unsigned int, milliseconds (time.Duration in the API)
	kindLinger              // struct linger, l_linger in seconds
	kindString              // bytes, NUL-terminated on read (interface names)
	kindMreqn               // struct ip_mreqn (group or interface address plus index)
	kindMreq                // struct ip_mreq (group plus interface address)
	kindInAddr              // struct in_addr
	kindMreq6               // struct ipv6_mreq
	kindStruct              // a platform struct decoded by a per-OS function
)

// option is one entry of a per-OS option table.
type option struct {
	level int
	name  int
	kind  kind
}

// optID indexes the per-OS option tables. The names in optNames are the
// ones used in error messages; they are the Linux spellings.
type optID int

const (
	optKeepAlive optID = iota
	optLinger
	optReadBuffer
	optWriteBuffer
	optReuseAddr
	optReusePort
	optBroadcast
	optBindToDevice
	optPeerCred
	optNoDelay
	optKeepAliveIdle
	optKeepAliveInterval
	optKeepAliveCount
	optUserTimeout
	optFastOpen
	optFastOpenConnect
	optNotSentLowat
	optTCPInfo
	optTOS
	optTTL
	optMulticastInterfaceIPv4
	optMulticastIfIndexIPv4
	optMulticastTTL
	optMulticastLoopbackIPv4
	optJoinGroupIPv4
	optLeaveGroupIPv4
	optPacketInfoIPv4
	optIPv6Only
	optTrafficClass
	optHopLimit
	optMulticastInterfaceIPv6
	optMulticastHopLimit
	optMulticastLoopbackIPv6
	optJoinGroupIPv6
	optLeaveGroupIPv6
	optPacketInfoIPv6
	numOpts
)

var optNames = [numOpts]string{
	optKeepAlive:              "SO_KEEPALIVE",
	optLinger:                 "SO_LINGER",
	optReadBuffer:             "SO_RCVBUF",
	optWriteBuffer:            "SO_SNDBUF",
	optReuseAddr:              "SO_REUSEADDR",
	optReusePort:              "SO_REUSEPORT",
	optBroadcast:              "SO_BROADCAST",
	optBindToDevice:           "SO_BINDTODEVICE",
	optPeerCred:               "SO_PEERCRED",
	optNoDelay:                "TCP_NODELAY",
	optKeepAliveIdle:          "TCP_KEEPIDLE",
	optKeepAliveInterval:      "TCP_KEEPINTVL",
	optKeepAliveCount:         "TCP_KEEPCNT",
	optUserTimeout:            "TCP_USER_TIMEOUT",
	optFastOpen:               "TCP_FASTOPEN",
	optFastOpenConnect:        "TCP_FASTOPEN_CONNECT",
	optNotSentLowat:           "TCP_NOTSENT_LOWAT",
	optTCPInfo:                "TCP_INFO",
	optTOS:                    "IP_TOS",
	optTTL:                    "IP_TTL",
	optMulticastInterfaceIPv4: "IP_MULTICAST_IF",
	optMulticastIfIndexIPv4:   "IP_MULTICAST_IFINDEX",
	optMulticastTTL:           "IP_MULTICAST_TTL",
	optMulticastLoopbackIPv4:  "IP_MULTICAST_LOOP",
	optJoinGroupIPv4:          "IP_ADD_MEMBERSHIP",
	optLeaveGroupIPv4:         "IP_DROP_MEMBERSHIP",
	optPacketInfoIPv4:         "IP_PKTINFO",
	optIPv6Only:               "IPV6_V6ONLY",
	optTrafficClass:           "IPV6_TCLASS",
	optHopLimit:               "IPV6_UNICAST_HOPS",
	optMulticastInterfaceIPv6: "IPV6_MULTICAST_IF",
	optMulticastHopLimit:      "IPV6_MULTICAST_HOPS",
	optMulticastLoopbackIPv6:  "IPV6_MULTICAST_LOOP",
	optJoinGroupIPv6:          "IPV6_JOIN_GROUP",
	optLeaveGroupIPv6:         "IPV6_LEAVE_GROUP",
	optPacketInfoIPv6:         "IPV6_RECVPKTINFO",
}

// lookup returns the platform's entry for id, or an error wrapping
// errors.ErrUnsupported when the platform lacks the option.
func lookup(id optID) (*option, error) {
	o := &options[id]
	if o.kind == kindNone {
		return nil, errUnsupported(optNames[id])
	}
	return o, nil
}

// control runs f on the descriptor behind rc. An error from rc.Control
// itself (a closed conn) is returned as is; an errno from f is wrapped in
// an *os.SyscallError named call.
func control(rc syscall.RawConn, call string, f func(fd int) error) error {
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = f(int(fd)) }); err != nil {
		return err
	}
	if serr != nil {
		return os.NewSyscallError(call, serr)
	}
	return nil
}

// intOp carries the arguments and results of one integer or linger
// get/set through rc.Control without allocating: the functions handed to
// Control are bound to their op once, when the pool makes it, so a call
// costs no closure and no escaping result variable.
type intOp struct {
	o    *option
	v    int  // value in or out
	on   bool // linger on/off in or out
	err  error
	getI func(uintptr)
	setI func(uintptr)
	getL func(uintptr)
	setL func(uintptr)
}

var intOps = sync.Pool{New: func() any {
	p := new(intOp)
	p.getI = func(fd uintptr) { p.v, p.err = getsockoptInt(int(fd), p.o) }
	p.setI = func(fd uintptr) { p.err = setsockoptInt(int(fd), p.o, p.v) }
	p.getL = func(fd uintptr) { p.on, p.v, p.err = getsockoptLinger(int(fd), p.o) }
	p.setL = func(fd uintptr) { p.err = setsockoptLinger(int(fd), p.o, p.on, p.v) }
	return p
}}

// runIntOp takes an op from the pool, loads o, v and on into it, runs the
// function pick chooses on rc and returns the op's results, wrapping an
// errno in an *os.SyscallError named call.
func runIntOp(rc syscall.RawConn, call string, o *option, v int, on bool, pick func(*intOp) func(uintptr)) (int, bool, error) {
	p := intOps.Get().(*intOp)
	p.o, p.v, p.on, p.err = o, v, on, nil
	err := rc.Control(pick(p))
	v, on, serr := p.v, p.on, p.err
	p.o, p.err = nil, nil
	intOps.Put(p)
	if err != nil {
		return 0, false, err
	}
	if serr != nil {
		return 0, false, os.NewSyscallError(call, serr)
	}
	return v, on, nil
}

func pickGetI(p *intOp) func(uintptr) { return p.getI }
func pickSetI(p *intOp) func(uintptr) { return p.setI }
func pickGetL(p *intOp) func(uintptr) { return p.getL }
func pickSetL(p *intOp) func(uintptr) { return p.setL }

// getInt reads an integer-like option (kindBool, kindInt, kindByte,
// kindSeconds, kindMillis) in the kernel's own unit.
func getInt(rc syscall.RawConn, id optID) (int, error) {
	o, err := lookup(id)
	if err != nil {
		return 0, err
	}
	v, _, err := runIntOp(rc, getsockoptName, o, 0, false, pickGetI)
	return v, err
}

// setInt writes an integer-like option in the kernel's own unit.
func setInt(rc syscall.RawConn, id optID, v int) error {
	o, err := lookup(id)
	if err != nil {
		return err
	}
	_, _, err = runIntOp(rc, setsockoptName, o, v, false, pickSetI)
	return err
}

func getBool(rc syscall.RawConn, id optID) (bool, error) {
	v, err := getInt(rc, id)
	return v != 0, err
}

func setBool(rc syscall.RawConn, id optID, b bool) error {
	return setInt(rc, id, boolint(b))
}

func boolint(b bool) int {
	if b {
		return 1
	}
	return 0
}

// unit returns the kernel unit of a duration option.
func unit(o *option) time.Duration {
	if o.kind == kindMillis {
		return time.Millisecond
	}
	return time.Second
}

// getDuration reads a kindSeconds or kindMillis option.
func getDuration(rc syscall.RawConn, id optID) (time.Duration, error) {
	o, err := lookup(id)
	if err != nil {
		return 0, err
	}
	v, err := getInt(rc, id)
	return time.Duration(v) * unit(o), err
}

// setDuration writes a kindSeconds or kindMillis option, rounding d up to
// the kernel's unit as the standard library does for keepalive times. A
// negative d is rejected with EINVAL before any system call.
func setDuration(rc syscall.RawConn, id optID, d time.Duration) error {
	o, err := lookup(id)
	if err != nil {
		return err
	}
	if d < 0 {
		return errInvalid(setsockoptName)
	}
	u := unit(o)
	v := d / u
	if d%u != 0 {
		v++
	}
	if v > math.MaxInt32 {
		v = math.MaxInt32 // the kernel's limit is smaller still and reports EINVAL
	}
	return setInt(rc, id, int(v))
}
