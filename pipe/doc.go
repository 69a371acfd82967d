// Package pipe provides in-memory connections: Pipe, a synchronous
// full-duplex net.Conn pair, plus a buffered variant and an in-memory
// Listener for testing servers without sockets.
package pipe
