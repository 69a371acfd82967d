package iface

import (
	"context"
	"strconv"
)

// EventType says what changed.
type EventType uint8

// The event types.
const (
	// LinkUpdated: a link appeared or changed (flags, MTU, name, state).
	// Event.Link holds its new state.
	LinkUpdated EventType = iota + 1
	// LinkRemoved: a link went away. Event.Link holds its last state.
	LinkRemoved
	// AddrAdded: an address was added (or changed: lifetimes, flags).
	// Event.Address holds it.
	AddrAdded
	// AddrRemoved: an address was removed. Event.Address holds it.
	AddrRemoved
	// Overflow: the system dropped events because they were not read fast
	// enough (see Watch). The state is unknown: take a new Snapshot.
	Overflow
)

var eventNames = [...]string{"", "LinkUpdated", "LinkRemoved", "AddrAdded", "AddrRemoved", "Overflow"}

// String returns the constant's name.
func (t EventType) String() string {
	if int(t) < len(eventNames) && t != 0 {
		return eventNames[t]
	}
	return "EventType(" + strconv.Itoa(int(t)) + ")"
}

// Event is one change of the interface or address tables.
type Event struct {
	Type    EventType
	Link    Link    // for LinkUpdated and LinkRemoved
	Address Address // for AddrAdded and AddrRemoved
}

// WatchBuffer is the capacity of the channel Watch returns.
const WatchBuffer = 128

// Watch subscribes to link and address changes in the calling thread's
// network namespace (netlink groups RTMGRP_LINK, RTMGRP_IPV4_IFADDR and
// RTMGRP_IPV6_IFADDR on Linux; a routing socket on the BSDs and macOS) and
// delivers them on the returned channel, in the order the system reports
// them.
//
// # Channel and backpressure contract
//
//   - The channel has a buffer of WatchBuffer events. When it is full, the
//     reading goroutine waits for the consumer: no event is dropped by
//     netkit.
//   - While it waits, the system queues events in the socket's receive
//     buffer (Watch asks for 4 MiB on Linux). When that fills up too, the
//     system drops events; the consumer then receives one Event of type
//     Overflow, after which it should take a new Snapshot, since some
//     changes were lost.
//   - The channel is closed when ctx is done, after the goroutine has
//     stopped and the socket is closed; or when reading fails for any
//     other reason (rare: the socket is closed under it). Drain it until it
//     is closed to know that everything is released.
//
// The subscription starts before Watch returns: a change made after Watch
// returns is delivered. Where bind(2) on netlink sockets is refused (apps
// on Android 11 and later), Watch joins the groups with
// NETLINK_ADD_MEMBERSHIP instead; only when that is refused too does it
// return an error, a *FallbackError naming both failures.
func Watch(ctx context.Context) (<-chan Event, error) {
	ch := make(chan Event, WatchBuffer)
	if err := watch(ctx, ch); err != nil {
		return nil, routeError(err)
	}
	return ch, nil
}
