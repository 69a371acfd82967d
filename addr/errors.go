package addr

// Error is the interface that OpError and the other network errors satisfy.
// It has the method set of the standard library's net.Error, so every netkit
// error also satisfies net.Error.
type Error interface {
	error
	Timeout() bool // Is the error a timeout?

	// Deprecated: Temporary errors are not well-defined.
	// Most "temporary" errors are timeouts, and the few exceptions are surprising.
	// Do not use this method.
	Temporary() bool
}

// timeout and temporary are asked of wrapped errors; syscall.Errno,
// *os.SyscallError and the runtime poller's deadline error answer them, so
// addr needs no syscall or os import.
type timeout interface{ Timeout() bool }
type temporary interface{ Temporary() bool }

// OpError is the error type usually returned by functions in the netkit
// modules. It describes the operation, network type, and address of an
// error. Its Error text is the standard library's net.OpError text.
type OpError struct {
	// Op is the operation which caused the error, such as
	// "read" or "write".
	Op string

	// Net is the network type on which this error occurred,
	// such as "tcp" or "udp6".
	Net string

	// For operations involving a remote network connection, like
	// Dial, Read, or Write, Source is the corresponding local
	// network address.
	Source Addr

	// Addr is the network address for which this error occurred.
	// For local operations, like Listen or SetDeadline, Addr is
	// the address of the local endpoint being manipulated.
	// For operations involving a remote network connection, like
	// Dial, Read, or Write, Addr is the remote address of that
	// connection.
	Addr Addr

	// Err is the error that occurred during the operation.
	// The Error method panics if the error is nil.
	Err error
}

// Unwrap returns e.Err.
func (e *OpError) Unwrap() error { return e.Err }

// Error returns "op net source->addr: err", leaving out the parts that are
// empty, exactly as net.OpError does.
func (e *OpError) Error() string {
	if e == nil {
		return "<nil>"
	}
	s := e.Op
	if e.Net != "" {
		s += " " + e.Net
	}
	if e.Source != nil {
		s += " " + e.Source.String()
	}
	if e.Addr != nil {
		if e.Source != nil {
			s += "->"
		} else {
			s += " "
		}
		s += e.Addr.String()
	}
	s += ": " + e.Err.Error()
	return s
}

// Timeout reports whether the error was caused by a timeout. It asks the
// wrapped error; *os.SyscallError answers for its errno.
func (e *OpError) Timeout() bool {
	t, ok := e.Err.(timeout)
	return ok && t.Timeout()
}

// Temporary reports whether the error is temporary, asking the wrapped error
// as net.OpError does: an *os.SyscallError (recognised without importing os;
// see unwrapSyscallError) is looked through once; any other error must
// answer itself. ECONNRESET and
// ECONNABORTED returned bare by "accept" count as temporary.
func (e *OpError) Temporary() bool {
	// Treat ECONNRESET and ECONNABORTED as temporary when
	// they come from calling accept (the standard library's issue 6163).
	if e.Op == "accept" && isConnError(e.Err) {
		return true
	}
	err := e.Err
	if _, ok := err.(temporary); !ok {
		if inner, ok := unwrapSyscallError(err); ok {
			err = inner
		}
	}
	t, ok := err.(temporary)
	return ok && t.Temporary()
}

// unwrapSyscallError returns the error inside err if err looks like an
// *os.SyscallError: it has Unwrap and Timeout methods (as *os.PathError
// and *os.LinkError also do) and its text is "name: inner" with a name
// free of spaces (PathError's "op path: inner" and LinkError's
// "op old new: inner" always hold one). net.OpError.Temporary looks through
// *os.SyscallError only.
func unwrapSyscallError(err error) (error, bool) {
	se, ok := err.(interface {
		Unwrap() error
		Timeout() bool
	})
	if !ok {
		return nil, false
	}
	inner := se.Unwrap()
	if inner == nil {
		return nil, false
	}
	msg, in := err.Error(), inner.Error()
	n := len(msg) - len(in) - len(": ")
	if n < 0 || msg[n:] != ": "+in {
		return nil, false
	}
	for i := 0; i < n; i++ {
		if msg[i] == ' ' {
			return nil, false
		}
	}
	return inner, true
}

// connErrorTexts lets isConnError recognise ECONNRESET and ECONNABORTED
// without importing syscall: they are compared by the errno's Error text,
// which is fixed per platform (Unix texts, then Windows').
var connErrorTexts = [...]string{
	"connection reset by peer",
	"software caused connection abort",
	"An existing connection was forcibly closed by the remote host.",
	"An established connection was aborted by the software in your host machine.",
}

// isConnError reports whether err itself (not an error it wraps, as in the
// standard library, which type-asserts a bare syscall.Errno) is
// ECONNRESET or ECONNABORTED. Errno values have Timeout and Temporary
// methods; requiring them keeps a plain errors.New text from matching.
func isConnError(err error) bool {
	if _, ok := err.(interface {
		timeout
		temporary
	}); !ok {
		return false
	}
	if _, ok := err.(interface{ Unwrap() error }); ok {
		return false
	}
	msg := err.Error()
	for _, t := range connErrorTexts {
		if msg == t {
			return true
		}
	}
	return false
}

// ParseError is the error type of literal network address parsers.
type ParseError struct {
	// Type is the type of string that was expected, such as
	// "IP address", "CIDR address".
	Type string

	// Text is the malformed text string.
	Text string
}

// Error returns `invalid <Type>: <Text>`.
func (e *ParseError) Error() string { return "invalid " + e.Type + ": " + e.Text }

// Timeout reports false: a parse error is never a timeout.
func (e *ParseError) Timeout() bool { return false }

// Temporary reports false: a parse error is never temporary.
func (e *ParseError) Temporary() bool { return false }

// AddrError describes an error with a network address.
type AddrError struct {
	Err  string
	Addr string
}

// Error returns "address <Addr>: <Err>", or Err alone when Addr is empty.
func (e *AddrError) Error() string {
	if e == nil {
		return "<nil>"
	}
	s := e.Err
	if e.Addr != "" {
		s = "address " + e.Addr + ": " + s
	}
	return s
}

// Timeout reports false.
func (e *AddrError) Timeout() bool { return false }

// Temporary reports false.
func (e *AddrError) Temporary() bool { return false }

// UnknownNetworkError is returned for a network name that no netkit function
// knows, such as "tcp7".
type UnknownNetworkError string

// Error returns "unknown network <name>".
func (e UnknownNetworkError) Error() string { return "unknown network " + string(e) }

// Timeout reports false.
func (e UnknownNetworkError) Timeout() bool { return false }

// Temporary reports false.
func (e UnknownNetworkError) Temporary() bool { return false }

// InvalidAddrError is returned for an address that cannot be used.
type InvalidAddrError string

// Error returns the address text.
func (e InvalidAddrError) Error() string { return string(e) }

// Timeout reports false.
func (e InvalidAddrError) Timeout() bool { return false }

// Temporary reports false.
func (e InvalidAddrError) Temporary() bool { return false }
