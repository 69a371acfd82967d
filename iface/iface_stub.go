//go:build !linux && !darwin && !dragonfly && !freebsd && !netbsd && !openbsd

package iface

import (
	"context"
	"errors"
	"runtime"

	"github.com/netkit-go/netkit/addr"
)

// errUnsupported wraps errors.ErrUnsupported and names the platform.
var errUnsupported = &unsupportedError{}

type unsupportedError struct{}

// Error names the platform.
func (*unsupportedError) Error() string {
	return "iface: interface enumeration not implemented on " + runtime.GOOS + "/" + runtime.GOARCH
}

// Unwrap returns errors.ErrUnsupported.
func (*unsupportedError) Unwrap() error { return errors.ErrUnsupported }

func interfaceTable(int) ([]Interface, error)                     { return nil, errUnsupported }
func interfaceByIndex(int) (*Interface, error)                    { return nil, errUnsupported }
func interfaceByName(string) (*Interface, error)                  { return nil, errUnsupported }
func interfaceAddrTable(*Interface) ([]addr.Addr, error)          { return nil, errUnsupported }
func interfaceMulticastAddrTable(*Interface) ([]addr.Addr, error) { return nil, errUnsupported }

type snapPlatform struct{}

func (s *Snapshot) fill() error                  { return errUnsupported }
func (p *snapPlatform) links([]Interface) []Link { return nil }
func (p *snapPlatform) addresses() []Address     { return nil }

func watch(context.Context, chan<- Event) error { return errUnsupported }
