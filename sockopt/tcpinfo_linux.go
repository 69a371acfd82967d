package sockopt

import (
	"time"

	"golang.org/x/sys/unix"
)

// usec converts a kernel microsecond count.
func usec(v uint32) time.Duration { return time.Duration(v) * time.Microsecond }

// linuxTCPStates maps Linux's TCP_ESTABLISHED... numbering (include/net/tcp_states.h).
var linuxTCPStates = [...]TCPState{
	1:  TCPStateEstablished,
	2:  TCPStateSynSent,
	3:  TCPStateSynReceived,
	4:  TCPStateFinWait1,
	5:  TCPStateFinWait2,
	6:  TCPStateTimeWait,
	7:  TCPStateClosed,
	8:  TCPStateCloseWait,
	9:  TCPStateLastAck,
	10: TCPStateListen,
	11: TCPStateClosing,
	12: TCPStateSynReceived, // TCP_NEW_SYN_RECV
}

func getTCPInfo(fd int, info *TCPInfo) error {
	ti, err := unix.GetsockoptTCPInfo(fd, unix.IPPROTO_TCP, unix.TCP_INFO)
	if err != nil {
		return err
	}
	if int(ti.State) < len(linuxTCPStates) {
		info.State = linuxTCPStates[ti.State]
	}
	info.RTT = usec(ti.Rtt)
	info.RTTVar = usec(ti.Rttvar)
	info.MinRTT = usec(ti.Min_rtt)
	info.RTO = usec(ti.Rto)
	info.SndMSS = ti.Snd_mss
	info.RcvMSS = ti.Rcv_mss
	info.SndCwnd = ti.Snd_cwnd
	info.SndSsthresh = ti.Snd_ssthresh
	info.SndWnd = ti.Snd_wnd
	info.RcvWnd = ti.Rcv_wnd
	info.Retransmits = uint32(ti.Retransmits)
	info.TotalRetrans = ti.Total_retrans
	info.Unacked = ti.Unacked
	info.BytesSent = ti.Bytes_sent
	info.BytesReceived = ti.Bytes_received
	return nil
}
