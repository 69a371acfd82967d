// Command ifaces lists the network interfaces and their addresses, like
// `ip addr`, from one netkit iface.Snapshot (one link dump and one address
// dump, however many interfaces there are).
//
//	ifaces          # text
//	ifaces -json    # JSON, one object per interface
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/netkit-go/netkit/iface"
)

// Link is one interface in the JSON output.
type Link struct {
	Index     int       `json:"index"`
	Name      string    `json:"name"`
	MTU       int       `json:"mtu"`
	Flags     string    `json:"flags"`
	MAC       string    `json:"mac,omitempty"`
	Kind      string    `json:"kind,omitempty"`
	OperState string    `json:"operstate"`
	Alias     string    `json:"alias,omitempty"`
	Master    int       `json:"master,omitempty"`
	Parent    int       `json:"parent,omitempty"`
	Addresses []Address `json:"addresses"`
	Multicast []string  `json:"multicast,omitempty"`
}

// Address is one interface address in the JSON output.
type Address struct {
	Prefix    string `json:"prefix"`
	Scope     string `json:"scope"`
	Flags     string `json:"flags,omitempty"`
	Broadcast string `json:"broadcast,omitempty"`
	Peer      string `json:"peer,omitempty"`
}

func main() {
	asJSON := flag.Bool("json", false, "print JSON")
	flag.Parse()
	links, err := collect()
	if err != nil {
		log.Fatal(err)
	}
	if *asJSON {
		err = writeJSON(os.Stdout, links)
	} else {
		err = writeText(os.Stdout, links)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// collect reads one Snapshot and the multicast groups of every interface.
func collect() ([]Link, error) {
	snap, err := iface.NewSnapshot()
	if err != nil {
		return nil, err
	}
	var out []Link
	for _, l := range snap.Links() {
		link := Link{
			Index: l.Index, Name: l.Name, MTU: l.MTU, Flags: l.Flags.String(),
			MAC: l.HardwareAddr.String(), Kind: l.Kind, OperState: fmt.Sprint(l.OperState),
			Alias: l.Alias, Master: l.MasterIndex, Parent: l.ParentIndex,
			Addresses: []Address{},
		}
		for _, a := range snap.AddressesOf(l.Index) {
			ad := Address{Prefix: a.Prefix.String(), Scope: fmt.Sprint(a.Scope)}
			if a.Flags != 0 {
				ad.Flags = fmt.Sprint(a.Flags)
			}
			if a.Broadcast.IsValid() {
				ad.Broadcast = a.Broadcast.String()
			}
			if a.Peer.IsValid() {
				ad.Peer = a.Peer.String()
			}
			link.Addresses = append(link.Addresses, ad)
		}
		ifi := l.Interface
		groups, err := ifi.MulticastAddrs()
		if err == nil {
			for _, g := range groups {
				link.Multicast = append(link.Multicast, g.String())
			}
		}
		out = append(out, link)
	}
	return out, nil
}

func writeJSON(w io.Writer, links []Link) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(links)
}

func writeText(w io.Writer, links []Link) error {
	for _, l := range links {
		kind := ""
		if l.Kind != "" {
			kind = " " + l.Kind
		}
		fmt.Fprintf(w, "%d: %s: <%s> mtu %d state %s%s\n", l.Index, l.Name, strings.ToUpper(strings.ReplaceAll(l.Flags, "|", ",")), l.MTU, l.OperState, kind)
		if l.MAC != "" {
			fmt.Fprintf(w, "    link %s\n", l.MAC)
		}
		for _, a := range l.Addresses {
			fam := "inet"
			if strings.Contains(a.Prefix, ":") {
				fam = "inet6"
			}
			extra := ""
			if a.Broadcast != "" {
				extra += " brd " + a.Broadcast
			}
			if a.Peer != "" {
				extra += " peer " + a.Peer
			}
			if a.Flags != "" {
				extra += " " + a.Flags
			}
			fmt.Fprintf(w, "    %s %s%s scope %s\n", fam, a.Prefix, extra, a.Scope)
		}
		if len(l.Multicast) > 0 {
			fmt.Fprintf(w, "    multicast %s\n", strings.Join(l.Multicast, " "))
		}
	}
	return nil
}
