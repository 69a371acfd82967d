package iface

import (
	"golang.org/x/net/route"
	"golang.org/x/sys/unix"
)

// multicastRIB is NET_RT_IFLIST2 on macOS, whose answer includes the
// multicast memberships.
const multicastRIB = route.RIBType(unix.NET_RT_IFLIST2)
