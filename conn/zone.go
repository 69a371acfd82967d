package conn

import (
	"strconv"
	"sync"
	"time"

	"github.com/netkit-go/netkit/iface"
)

// zones caches interface index <-> name for IPv6 zones. Entries live for
// zoneCacheTTL, so renamed or new interfaces are seen within that time; a
// miss asks iface directly.
var zones = struct {
	sync.Mutex
	byName  map[string]int
	byIndex map[int]string
	stamp   time.Time
}{}

const zoneCacheTTL = time.Minute

func zoneCacheFresh() {
	if time.Since(zones.stamp) > zoneCacheTTL || zones.byName == nil {
		zones.byName = make(map[string]int)
		zones.byIndex = make(map[int]string)
		zones.stamp = time.Now()
	}
}

// zoneName returns the interface name of index, or its decimal form when
// no interface has that index; 0 is the empty zone.
func zoneName(index int) string {
	if index == 0 {
		return ""
	}
	zones.Lock()
	zoneCacheFresh()
	name, ok := zones.byIndex[index]
	zones.Unlock()
	if ok {
		return name
	}
	name = strconv.Itoa(index)
	if ifi, err := iface.InterfaceByIndex(index); err == nil {
		name = ifi.Name
	}
	zones.Lock()
	zones.byIndex[index] = name
	zones.Unlock()
	return name
}

// zoneIndex returns the interface index of a zone: an interface name, or a
// decimal index; an unknown name is 0.
func zoneIndex(zone string) int {
	if zone == "" {
		return 0
	}
	zones.Lock()
	zoneCacheFresh()
	index, ok := zones.byName[zone]
	zones.Unlock()
	if ok {
		return index
	}
	if ifi, err := iface.InterfaceByName(zone); err == nil {
		index = ifi.Index
	} else if n, err := strconv.Atoi(zone); err == nil && n >= 0 {
		index = n
	}
	zones.Lock()
	zones.byName[zone] = index
	zones.Unlock()
	return index
}
