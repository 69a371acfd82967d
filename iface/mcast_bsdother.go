//go:build dragonfly || netbsd || openbsd

package iface

import "golang.org/x/net/route"

// multicastRIB is 0: these systems have no sysctl listing multicast
// memberships, and MulticastAddrs returns an empty list, as the standard
// library does.
const multicastRIB route.RIBType = 0
