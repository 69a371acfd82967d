// Package pipe provides in-memory connections: Pipe, the standard library's
// synchronous full-duplex net.Conn pair, BufferedPipe, the same with a
// buffer of a chosen size per direction, and Listener, an in-memory
// net.Listener whose Dial returns pipe connections, for testing servers
// without sockets.
//
// # Pipe
//
// Pipe behaves as net.Pipe documents and as Go 1.26 implements it: a Write
// blocks until Reads on the other end have taken all of its bytes, there is
// no buffering, and the errors are the same values with the same texts
// (io.EOF and io.ErrClosedPipe bare, deadline errors as *addr.OpError with
// Net "pipe" wrapping os.ErrDeadlineExceeded). The differential tests run
// every sequence of operations against both and compare the results.
// Readers copy straight out of the writer's buffer, so a large Write read
// in small pieces costs no goroutine switch per piece.
//
// # Buffered pipes
//
// BufferedPipe(size) decouples the two ends the way a socket buffer does:
// a Write returns once its bytes are buffered, and the bytes buffered before
// Close are still delivered to the other end before io.EOF.
//
// # Listener
//
// NewListener and NewBufferedListener return a Listener whose Dial and
// DialContext create a pipe, queue one end for Accept (up to Backlog
// connections) and return the other. Close makes Accept and Dial fail with
// an *addr.OpError wrapping net.ErrClosed, like a socket listener.
//
// # Half-close
//
// Every pipe conn has CloseWrite, as *net.TCPConn does: the other end reads
// io.EOF after what was written, while this end keeps reading.
//
// # Deadlines
//
// SetDeadline, SetReadDeadline and SetWriteDeadline follow net.Conn: an
// expired deadline makes pending and future calls fail with a timeout error
// (Timeout() == true, errors.Is(err, os.ErrDeadlineExceeded)) until the
// deadline is moved; a zero time disables it. Unlike net.Pipe, a Write
// waiting behind another goroutine's Write also gives up at its deadline.
//
// # Dependencies
//
// pipe imports the addr module (for OpError) and, from the standard
// library's net package, only the net.Conn, net.Addr and net.Listener
// interfaces and net.ErrClosed.
package pipe
