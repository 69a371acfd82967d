package iface

// Hooks for the external tests (compiled into the test binary only).

// The parts of the netlink path a test can refuse.
const (
	DenySocket   = uint8(denySocket)
	DenyBind     = uint8(denyBind)
	DenyLinkDump = uint8(denyLinkDump)
	DenyAddrDump = uint8(denyAddrDump)
	DenyProc     = uint8(denyProc)
	DenyIoctl    = uint8(denyIoctl)
)

// SetDenyForTest refuses the given parts until restore is called.
func SetDenyForTest(d uint8) (restore func()) {
	old := testDeny
	testDeny = denial(d)
	return func() { testDeny = old }
}

// SetMessageHookForTest calls f with the flags of every dump message
// (which f may change) and the attempt number, until restore is called.
func SetMessageHookForTest(f func(flags *uint16, attempt int)) (restore func()) {
	old := testHookMessage
	testHookMessage = func(h *nlHeader, attempt int) { f(&h.Flags, attempt) }
	return func() { testHookMessage = old }
}

// DumpRetriesForTest returns how many dumps were restarted so far.
func DumpRetriesForTest() int64 { return dumpRetries.Load() }

// DecodeForTest decodes b as a netlink dump the way a dump answer is
// decoded (messages, then link or address records, then the values the
// API returns), returning the interfaces and addresses it yields.
func DecodeForTest(b []byte) ([]Interface, []Link, []Address, error) {
	lt := &linkTable{rich: true}
	at := &addrTable{all: true, rich: true}
	for len(b) > 0 {
		h, body, rest, err := splitMessage(b)
		if err != nil {
			return nil, nil, nil, err
		}
		b = rest
		var sink sink = lt
		if h.Type == 20 || h.Type == 21 { // RTM_NEWADDR, RTM_DELADDR
			sink = at
		}
		if err := sink.add(h.Type, body); err != nil {
			return nil, nil, nil, err
		}
	}
	ifs := lt.interfaces()
	_ = ipNets(at.recs)
	p := snapPlatform{lt: lt, at: at}
	return ifs, p.links(ifs), p.addresses(), nil
}

// SetWatchBufferForTest sets the receive buffer of the sockets Watch opens.
func SetWatchBufferForTest(n int) (restore func()) {
	old := watchRcvBuf
	watchRcvBuf = n
	return func() { watchRcvBuf = old }
}

// SetRecvBuffersForTest makes the receive slots slot bytes and the buffer
// offered for the first datagram of an answer first bytes, until restore
// is called.
func SetRecvBuffersForTest(slot, first int) (restore func()) {
	oldSlot, oldFirst := recvSlot.Load(), firstLen.Load()
	recvSlot.Store(int32(slot))
	firstLen.Store(int32(first))
	return func() {
		recvSlot.Store(oldSlot)
		firstLen.Store(oldFirst)
	}
}

// FirstLenForTest returns the buffer offered for a first datagram.
func FirstLenForTest() int { return int(firstLen.Load()) }

// ReopensForTest returns how many requests were started over on a new
// socket because a datagram did not fit.
func ReopensForTest() int64 { return reopens.Load() }
