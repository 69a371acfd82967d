package iface_test

import (
	"context"
	"fmt"
	"time"

	"github.com/netkit-go/netkit/iface"
)

func ExampleInterfaces() {
	ift, err := iface.Interfaces()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ifi := range ift {
		addrs, _ := ifi.Addrs()
		fmt.Println(ifi.Index, ifi.Name, ifi.MTU, ifi.Flags, addrs)
	}
}

func ExampleNewSnapshot() {
	// One link dump and one address dump answer every question below.
	s, err := iface.NewSnapshot()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ifi := range s.Interfaces() {
		addrs, _ := s.Addrs(&ifi)
		fmt.Println(ifi.Name, addrs)
	}
	for _, l := range s.Links() {
		fmt.Println(l.Name, l.Kind, l.OperState, l.MasterIndex)
	}
	for _, a := range s.Addresses() {
		fmt.Println(a.Index, a.Prefix, a.Scope, a.Flags, a.ValidLifetime)
	}
}

func ExampleInterfaceByName() {
	_, err := iface.InterfaceByName("no-such-if0")
	fmt.Println(err)
	_, err = iface.InterfaceByIndex(0)
	fmt.Println(err)
	// Output:
	// route ip+net: no such network interface
	// route ip+net: invalid network interface index
}

func ExampleFlags_String() {
	fmt.Println(iface.FlagUp | iface.FlagMulticast | iface.FlagRunning)
	fmt.Println(iface.Flags(0))
	// Output:
	// up|multicast|running
	// 0
}

func ExampleAddrFlags_String() {
	fmt.Println(iface.AddrSecondary | iface.AddrPermanent)
	fmt.Println(iface.AddrTentative | iface.AddrNoDAD)
	fmt.Println(iface.ScopeLink, iface.OperLowerLayerDown)
	// Output:
	// secondary|permanent
	// nodad|tentative
	// link lowerlayerdown
}

func ExampleWatch() {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	events, err := iface.Watch(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	for ev := range events { // closed when ctx is done
		switch ev.Type {
		case iface.LinkUpdated, iface.LinkRemoved:
			fmt.Println(ev.Type, ev.Link.Name, ev.Link.Flags)
		case iface.AddrAdded, iface.AddrRemoved:
			fmt.Println(ev.Type, ev.Address.Index, ev.Address.Prefix)
		case iface.Overflow:
			fmt.Println("events lost: take a new snapshot")
		}
	}
}
