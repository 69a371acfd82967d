package addr

import "strings"

// SplitHostPort splits a network address of the form "host:port",
// "host%zone:port", "[host]:port" or "[host%zone]:port" into host or
// host%zone and port.
//
// A literal IPv6 address in hostport must be enclosed in square
// brackets, as in "[::1]:80", "[::1%lo0]:80".
//
// See func Dial for a description of the hostport parameter, and host
// and port results. Errors are *AddrError with the standard library's
// texts. SplitHostPort does not allocate on success.
func SplitHostPort(hostport string) (host, port string, err error) {
	const (
		missingPort   = "missing port in address"
		tooManyColons = "too many colons in address"
	)
	j, k := 0, 0
	// The port starts after the last colon.
	i := strings.LastIndexByte(hostport, ':')
	if i < 0 {
		return "", "", &AddrError{Err: missingPort, Addr: hostport}
	}
	if hostport[0] == '[' {
		// The first ']' must stand just before the last ':'.
		end := strings.IndexByte(hostport, ']')
		if end < 0 {
			return "", "", &AddrError{Err: "missing ']' in address", Addr: hostport}
		}
		switch end + 1 {
		case len(hostport):
			return "", "", &AddrError{Err: missingPort, Addr: hostport}
		case i:
		default:
			if hostport[end+1] == ':' {
				return "", "", &AddrError{Err: tooManyColons, Addr: hostport}
			}
			return "", "", &AddrError{Err: missingPort, Addr: hostport}
		}
		host = hostport[1:end]
		j, k = 1, end+1 // no '[' or ']' may stand before these
	} else {
		host = hostport[:i]
		if strings.IndexByte(host, ':') >= 0 {
			return "", "", &AddrError{Err: tooManyColons, Addr: hostport}
		}
	}
	if strings.IndexByte(hostport[j:], '[') >= 0 {
		return "", "", &AddrError{Err: "unexpected '[' in address", Addr: hostport}
	}
	if strings.IndexByte(hostport[k:], ']') >= 0 {
		return "", "", &AddrError{Err: "unexpected ']' in address", Addr: hostport}
	}
	return host, hostport[i+1:], nil
}

// JoinHostPort combines host and port into a network address of the
// form "host:port". If host contains a colon, as found in literal
// IPv6 addresses, then JoinHostPort returns "[host]:port".
//
// See func Dial for a description of the host and port parameters.
func JoinHostPort(host, port string) string {
	if strings.IndexByte(host, ':') >= 0 {
		return "[" + host + "]:" + port
	}
	return host + ":" + port
}

// AppendHostPort appends JoinHostPort(host, port) to b and returns the
// extended buffer. It does not allocate when b has room.
func AppendHostPort(b []byte, host, port string) []byte {
	if strings.IndexByte(host, ':') >= 0 {
		b = append(b, '[')
		b = append(b, host...)
		b = append(b, ']')
	} else {
		b = append(b, host...)
	}
	b = append(b, ':')
	return append(b, port...)
}
