package resolver

import (
	"context"
	"errors"
)

// DNSError represents a DNS lookup error. Its fields and text match the
// standard library's net.DNSError: "lookup NAME on SERVER: ERR".
type DNSError struct {
	UnwrapErr   error  // error returned by the Unwrap method, might be nil
	Err         string // description of the error
	Name        string // name looked for
	Server      string // server used
	IsTimeout   bool   // if true, timed out; not all timeouts set this
	IsTemporary bool   // if true, error is temporary; not all errors set this

	// IsNotFound is set to true when the requested name does not
	// contain any records of the requested type (data not found),
	// or the name itself was not found (NXDOMAIN).
	IsNotFound bool
}

// Unwrap returns e.UnwrapErr.
func (e *DNSError) Unwrap() error { return e.UnwrapErr }

// Error returns "lookup NAME[ on SERVER]: ERR".
func (e *DNSError) Error() string {
	if e == nil {
		return "<nil>"
	}
	s := "lookup " + e.Name
	if e.Server != "" {
		s += " on " + e.Server
	}
	s += ": " + e.Err
	return s
}

// Timeout reports whether the DNS lookup is known to have timed out.
// This is not always known; a DNS lookup may fail due to a timeout
// and return a DNSError for which Timeout returns false.
func (e *DNSError) Timeout() bool { return e.IsTimeout }

// Temporary reports whether the DNS error is known to be temporary.
// This is not always known; a DNS lookup may fail due to a temporary
// error and return a DNSError for which Temporary returns false.
func (e *DNSError) Temporary() bool { return e.IsTimeout || e.IsTemporary }

// DNSConfigError represents an error reading the machine's DNS configuration.
// As in the standard library it is no longer returned by lookups (a missing or
// unreadable resolv.conf falls back to defaults, see [Config.Err]); it is kept
// for compatibility.
type DNSConfigError struct {
	Err error
}

// Unwrap returns e.Err.
func (e *DNSConfigError) Unwrap() error { return e.Err }

// Error returns "error reading DNS config: " followed by e.Err's text.
func (e *DNSConfigError) Error() string { return "error reading DNS config: " + e.Err.Error() }

// Timeout reports false.
func (e *DNSConfigError) Timeout() bool { return false }

// Temporary reports false.
func (e *DNSConfigError) Temporary() bool { return false }

// errMalformedDNSRecordsDetail is the standard library's text for answers that
// hold names which are not valid domain names.
const errMalformedDNSRecordsDetail = "DNS response contained records which contain invalid names"

var (
	errNoSuchHost  = &notFoundError{"no such host"}
	errUnknownPort = &notFoundError{"unknown port"}

	errLameReferral              = errors.New("lame referral")
	errCannotUnmarshalDNSMessage = errors.New("cannot unmarshal DNS message")
	errCannotMarshalDNSMessage   = errors.New("cannot marshal DNS message")
	errServerMisbehaving         = errors.New("server misbehaving")
	errInvalidDNSResponse        = errors.New("invalid DNS response")
	errNoAnswerFromDNSServer     = errors.New("no answer from DNS server")

	// errServerTemporarilyMisbehaving is errServerMisbehaving for SERVFAIL:
	// the DNSError built from it has IsTemporary set.
	errServerTemporarilyMisbehaving = &temporaryError{"server misbehaving"}

	errCanceled = canceledError{}
	errTimeout  = &timeoutError{}
)

// notFoundError makes newDNSError set IsNotFound.
type notFoundError struct{ s string }

func (e *notFoundError) Error() string { return e.s }

// temporaryError answers Temporary() == true.
type temporaryError struct{ s string }

func (e *temporaryError) Error() string   { return e.s }
func (e *temporaryError) Temporary() bool { return true }
func (e *temporaryError) Timeout() bool   { return false }

// canceledError keeps the historical text "operation was canceled" while
// matching context.Canceled with errors.Is.
type canceledError struct{}

func (canceledError) Error() string     { return "operation was canceled" }
func (canceledError) Is(err error) bool { return err == context.Canceled }
func (canceledError) Timeout() bool     { return false }
func (canceledError) Temporary() bool   { return false }

// timeoutError keeps the historical text "i/o timeout" while matching
// context.DeadlineExceeded with errors.Is.
type timeoutError struct{}

func (*timeoutError) Error() string     { return "i/o timeout" }
func (*timeoutError) Timeout() bool     { return true }
func (*timeoutError) Temporary() bool   { return true }
func (*timeoutError) Is(err error) bool { return err == context.DeadlineExceeded }

// mapErr turns context errors into the standard library's historical errors.
func mapErr(err error) error {
	switch err {
	case context.Canceled:
		return errCanceled
	case context.DeadlineExceeded:
		return errTimeout
	}
	return err
}

// netError is net.Error's method set without Error.
type netError interface {
	Timeout() bool
	Temporary() bool
}

// newDNSError builds a DNSError from err, setting IsTimeout, IsTemporary,
// IsNotFound and UnwrapErr the way the standard library does.
func newDNSError(err error, name, server string) *DNSError {
	var isTimeout, isTemporary bool
	if ne, ok := err.(netError); ok {
		isTimeout = ne.Timeout()
		isTemporary = ne.Temporary()
	}
	var unwrap error
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		unwrap = err
	}
	_, isNotFound := err.(*notFoundError)
	return &DNSError{
		UnwrapErr:   unwrap,
		Err:         err.Error(),
		Name:        name,
		Server:      server,
		IsTimeout:   isTimeout,
		IsTemporary: isTemporary,
		IsNotFound:  isNotFound,
	}
}
