//go:build linux || darwin || freebsd

package sockopt

import (
	"encoding/binary"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Payload sizes of struct in_pktinfo (ifindex, spec_dst, addr; the same
// layout on Linux and darwin) and struct in6_pktinfo (addr, ifindex).
const (
	sizeofInPktinfo  = 12
	sizeofIn6Pktinfo = 20
)

func pktInfoSpace() int { return unix.CmsgSpace(sizeofIn6Pktinfo) }

// parsePktInfo fills info, whose Addr and Local are empty slices that may
// have room to reuse, from the first packet information message in oob.
func parsePktInfo(oob []byte, info *PacketInfo) (ok bool, err error) {
	// Trailing bytes too short for a header end the buffer, as with
	// CMSG_NXTHDR and x/sys/unix.ParseSocketControlMessage.
	for len(oob) >= unix.CmsgLen(0) {
		h, data, rest, err := unix.ParseOneSocketControlMessage(oob)
		if err != nil {
			return false, errInvalid("recvmsg")
		}
		oob = rest
		switch {
		case hasPktInfo4 && h.Level == unix.IPPROTO_IP && h.Type == cmsgPktInfo4:
			if len(data) < sizeofInPktinfo {
				return false, errInvalid("recvmsg")
			}
			info.IfIndex = int(binary.NativeEndian.Uint32(data[0:4]))
			info.Local = append(info.Local, data[4:8]...)
			info.Addr = append(info.Addr, data[8:12]...)
			return true, nil
		case h.Level == unix.IPPROTO_IPV6 && h.Type == unix.IPV6_PKTINFO:
			if len(data) < sizeofIn6Pktinfo {
				return false, errInvalid("recvmsg")
			}
			info.Addr = append(info.Addr, data[:16]...)
			info.IfIndex = int(binary.NativeEndian.Uint32(data[16:20]))
			return true, nil
		}
	}
	return false, nil
}

// appendCmsg appends a control message with room for n bytes of data and
// returns the buffer and the data slice to fill.
func appendCmsg(b []byte, level, typ int32, n int) ([]byte, []byte) {
	off := len(b)
	b = append(b, make([]byte, unix.CmsgSpace(n))...)
	h := (*unix.Cmsghdr)(unsafe.Pointer(&b[off]))
	h.Level = level
	h.Type = typ
	h.SetLen(unix.CmsgLen(n))
	data := b[off+unix.CmsgLen(0) : off+unix.CmsgLen(n)]
	return b, data
}

func appendPktInfo4(b []byte, ifindex int, src [4]byte) []byte {
	b, data := appendCmsg(b, unix.IPPROTO_IP, cmsgPktInfo4, sizeofInPktinfo)
	binary.NativeEndian.PutUint32(data[0:4], uint32(ifindex))
	copy(data[4:8], src[:]) // ipi_spec_dst: the source address
	return b
}

func appendPktInfo6(b []byte, ifindex int, src [16]byte) []byte {
	b, data := appendCmsg(b, unix.IPPROTO_IPV6, unix.IPV6_PKTINFO, sizeofIn6Pktinfo)
	copy(data[:16], src[:])
	binary.NativeEndian.PutUint32(data[16:20], uint32(ifindex))
	return b
}
