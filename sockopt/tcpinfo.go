package sockopt

import (
	"strconv"
	"syscall"
	"time"
)

// TCPState is the state of a TCP connection (RFC 9293 §3.3.2), numbered as
// in the BSD kernels; GetTCPInfo translates Linux's numbering.
type TCPState uint8

// TCP connection states.
const (
	TCPStateClosed TCPState = iota
	TCPStateListen
	TCPStateSynSent
	TCPStateSynReceived
	TCPStateEstablished
	TCPStateCloseWait
	TCPStateFinWait1
	TCPStateClosing
	TCPStateLastAck
	TCPStateFinWait2
	TCPStateTimeWait
)

var tcpStateNames = [...]string{
	TCPStateClosed:      "CLOSED",
	TCPStateListen:      "LISTEN",
	TCPStateSynSent:     "SYN-SENT",
	TCPStateSynReceived: "SYN-RECEIVED",
	TCPStateEstablished: "ESTABLISHED",
	TCPStateCloseWait:   "CLOSE-WAIT",
	TCPStateFinWait1:    "FIN-WAIT-1",
	TCPStateClosing:     "CLOSING",
	TCPStateLastAck:     "LAST-ACK",
	TCPStateFinWait2:    "FIN-WAIT-2",
	TCPStateTimeWait:    "TIME-WAIT",
}

// String returns the state's RFC 9293 name, such as "ESTABLISHED".
func (s TCPState) String() string {
	if int(s) < len(tcpStateNames) {
		return tcpStateNames[s]
	}
	return "TCPState(" + strconv.Itoa(int(s)) + ")"
}

// TCPInfo is the kernel's view of a TCP connection: TCP_INFO on Linux,
// TCP_CONNECTION_INFO on darwin. Fields a platform does not report are
// zero; the doc of each field says where it comes from.
type TCPInfo struct {
	State TCPState

	// RTT is the smoothed round-trip time and RTTVar its mean deviation
	// (RFC 6298). Linux reports microseconds, darwin milliseconds.
	RTT    time.Duration
	RTTVar time.Duration
	// MinRTT is the smallest RTT seen (Linux).
	MinRTT time.Duration
	// RTO is the current retransmission timeout.
	RTO time.Duration

	// SndMSS and RcvMSS are the maximum segment sizes for sending and
	// receiving (darwin reports one MSS, copied to both).
	SndMSS uint32
	RcvMSS uint32

	// SndCwnd is the congestion window in segments (darwin reports bytes;
	// GetTCPInfo divides by the MSS) and SndSsthresh the slow-start
	// threshold in the same unit.
	SndCwnd     uint32
	SndSsthresh uint32
	// SndWnd and RcvWnd are the peer's and our advertised windows in bytes
	// (Linux 5.4 and later; darwin).
	SndWnd uint32
	RcvWnd uint32

	// Retransmits counts consecutive retransmission timeouts of the
	// current unacknowledged segment (Linux); TotalRetrans counts segments
	// retransmitted over the connection's life (Linux: tcpi_total_retrans;
	// darwin: retransmitted packets).
	Retransmits  uint32
	TotalRetrans uint32
	// Unacked counts segments sent and not yet acknowledged (Linux).
	Unacked uint32

	// BytesSent and BytesReceived count payload bytes (Linux:
	// tcpi_bytes_sent, retransmissions included, and tcpi_bytes_received;
	// darwin: tx/rx bytes).
	BytesSent     uint64
	BytesReceived uint64
}

// GetTCPInfo returns the kernel's statistics for a TCP connection
// (TCP_INFO on Linux, TCP_CONNECTION_INFO on darwin; FreeBSD and others
// return an error wrapping errors.ErrUnsupported).
func GetTCPInfo(rc syscall.RawConn) (*TCPInfo, error) {
	if _, err := lookup(optTCPInfo); err != nil {
		return nil, err
	}
	info := new(TCPInfo)
	err := control(rc, getsockoptName, func(fd int) error { return getTCPInfo(fd, info) })
	if err != nil {
		return nil, err
	}
	return info, nil
}
