//go:build !linux && !darwin && !freebsd

package sockopt

import "errors"

// options is empty: every option reports an error wrapping
// errors.ErrUnsupported that names it and the platform.
var options [numOpts]option

// The helpers below are unreachable (lookup fails first) but keep the
// portable code compiling where golang.org/x/sys/unix does not.

func getsockoptInt(int, *option) (int, error)              { return 0, errors.ErrUnsupported }
func setsockoptInt(int, *option, int) error                { return errors.ErrUnsupported }
func getsockoptLinger(int, *option) (bool, int, error)     { return false, 0, errors.ErrUnsupported }
func setsockoptLinger(int, *option, bool, int) error       { return errors.ErrUnsupported }
func getsockoptString(int, *option) (string, error)        { return "", errors.ErrUnsupported }
func setsockoptString(int, *option, string) error          { return errors.ErrUnsupported }
func getsockoptInet4Addr(int, *option) ([4]byte, error)    { return [4]byte{}, errors.ErrUnsupported }
func setsockoptIPv6Mreq(int, *option, int, [16]byte) error { return errors.ErrUnsupported }
func setsockoptIPv4Iface(int, *option, int, [4]byte, [4]byte) error {
	return errors.ErrUnsupported
}

func pktInfoSpace() int { return 0 }

func parsePktInfo([]byte, *PacketInfo) (bool, error) {
	return false, errUnsupported("IP_PKTINFO and IPV6_PKTINFO")
}

func appendPktInfo4(b []byte, _ int, _ [4]byte) []byte  { return b }
func appendPktInfo6(b []byte, _ int, _ [16]byte) []byte { return b }
