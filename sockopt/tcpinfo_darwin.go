package sockopt

import (
	"time"

	"golang.org/x/sys/unix"
)

func getTCPInfo(fd int, info *TCPInfo) error {
	ci, err := unix.GetsockoptTCPConnectionInfo(fd, unix.IPPROTO_TCP, unix.TCP_CONNECTION_INFO)
	if err != nil {
		return err
	}
	info.State = TCPState(ci.State) // darwin numbers states as TCPState does
	info.RTT = time.Duration(ci.Srtt) * time.Millisecond
	info.RTTVar = time.Duration(ci.Rttvar) * time.Millisecond
	info.RTO = time.Duration(ci.Rto) * time.Millisecond
	info.SndMSS = ci.Maxseg
	info.RcvMSS = ci.Maxseg
	if ci.Maxseg > 0 {
		info.SndCwnd = ci.Snd_cwnd / ci.Maxseg
		info.SndSsthresh = ci.Snd_ssthresh / ci.Maxseg
	}
	info.SndWnd = ci.Snd_wnd
	info.RcvWnd = ci.Rcv_wnd
	info.TotalRetrans = uint32(ci.Txretransmitpackets)
	info.BytesSent = ci.Txbytes
	info.BytesReceived = ci.Rxbytes
	return nil
}
