package iface

import (
	"golang.org/x/net/route"
	"golang.org/x/sys/unix"
)

// multicastRIB is NET_RT_IFMALIST on FreeBSD.
const multicastRIB = route.RIBType(unix.NET_RT_IFMALIST)
