//go:build !linux && !darwin && !freebsd

package sockopt

import "errors"

// getPeerCred is unreachable here: the option table is empty, so PeerCred
// reports errors.ErrUnsupported before calling it.
func getPeerCred(int, *option, *Ucred) error { return errors.ErrUnsupported }
