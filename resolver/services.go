package resolver

import (
	"bufio"
	"io"
	"os"
	"strings"
	"sync"
)

// Services maps service names to ports per protocol, as in services(5).
type Services struct {
	m map[string]map[string]int // network ("tcp", "udp", ...) -> name -> port
}

// builtinServices is the standard library's fallback table, used when
// /etc/services lacks a name (or is missing).
var builtinServices = map[string]map[string]int{
	"udp": {"domain": 53},
	"tcp": {
		"ftp": 21, "ftps": 990, "gopher": 70, "http": 80, "https": 443,
		"imap2": 143, "imap3": 220, "imaps": 993, "pop3": 110, "pop3s": 995,
		"smtp": 25, "submissions": 465, "ssh": 22, "telnet": 23,
	},
}

// ParseServices parses services(5) text: "name port/protocol [aliases...]"
// per line, '#' starts a comment, lines with a bad port are skipped. Later
// lines override earlier ones for the same name. The error is only ever a
// read error.
func ParseServices(r io.Reader) (*Services, error) {
	s := &Services{m: map[string]map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		portnet := f[1]
		port, j := 0, 0
		for ; j < len(portnet) && '0' <= portnet[j] && portnet[j] <= '9'; j++ {
			port = port*10 + int(portnet[j]-'0')
			if port >= bigInt {
				break
			}
		}
		// As the standard library, a port at or above bigInt is an overflow.
		if j == 0 || port <= 0 || port >= bigInt || j >= len(portnet) || portnet[j] != '/' {
			continue
		}
		netw := portnet[j+1:]
		m := s.m[netw]
		if m == nil {
			m = map[string]int{}
			s.m[netw] = m
		}
		for i, name := range f {
			if i != 1 {
				m[name] = port
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Port returns the port of service for network "tcp" or "udp" (exact,
// case-sensitive match as in the file), or false.
func (s *Services) Port(network, service string) (int, bool) {
	if s == nil {
		return 0, false
	}
	p, ok := s.m[network][service]
	return p, ok
}

var (
	systemServicesOnce sync.Once
	systemServices     *Services
)

// loadSystemServices reads /etc/services once.
func loadSystemServices() *Services {
	systemServicesOnce.Do(func() {
		f, err := os.Open("/etc/services")
		if err != nil {
			return
		}
		defer f.Close()
		systemServices, _ = ParseServices(f)
	})
	return systemServices
}

// servicePort looks service up the way the standard library's pure-Go
// resolver does: the service name is lower-cased (ASCII) and matched against
// the file's names as written, then against the built-in table; names longer
// than maxServiceLen never match.
func servicePort(files *Services, network, service string) (int, error) {
	switch network {
	case "ip":
		if p, err := servicePortNet(files, "tcp", "ip", service); err == nil {
			return p, nil
		}
		return servicePortNet(files, "udp", "ip", service)
	case "tcp", "tcp4", "tcp6":
		return servicePortNet(files, "tcp", "tcp", service)
	case "udp", "udp4", "udp6":
		return servicePortNet(files, "udp", "udp", service)
	}
	return 0, &DNSError{Err: "unknown network", Name: network + "/" + service}
}

// maxServiceLen mirrors the standard library's lookup buffer: longer
// service names never match.
const maxServiceLen = len("mobility-header") + 10

func servicePortNet(files *Services, netw, errNetw, service string) (int, error) {
	if len(service) <= maxServiceLen {
		lower := lowerASCII(service)
		if p, ok := files.Port(netw, lower); ok {
			return p, nil
		}
		if p, ok := builtinServices[netw][lower]; ok {
			return p, nil
		}
	}
	return 0, newDNSError(errUnknownPort, errNetw+"/"+service, "")
}
