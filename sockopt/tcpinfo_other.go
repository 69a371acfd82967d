//go:build !linux && !darwin

package sockopt

import "errors"

// getTCPInfo is unreachable here: the option table has no TCP_INFO entry,
// so GetTCPInfo reports errors.ErrUnsupported before calling it.
func getTCPInfo(int, *TCPInfo) error { return errors.ErrUnsupported }
