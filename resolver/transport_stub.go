//go:build !unix

package resolver

import (
	"context"
	"errors"
	"net/netip"
	"runtime"

	"github.com/netkit-go/netkit/addr"
)

// dialDefault has no socket layer to use here: set Resolver.Dial.
func dialDefault(ctx context.Context, network, server string) (Conn, error) {
	return nil, &addr.OpError{Op: "dial", Net: network, Err: errUnsupported{}}
}

type errUnsupported struct{}

func (errUnsupported) Error() string {
	return "resolver: no default transport on " + runtime.GOOS + "/" + runtime.GOARCH + " (set Resolver.Dial): " + errors.ErrUnsupported.Error()
}

func (errUnsupported) Unwrap() error { return errors.ErrUnsupported }

func sourceAddr(dst netip.Addr, zone string) netip.Addr { return netip.Addr{} }
