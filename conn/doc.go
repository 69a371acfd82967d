// Package conn implements netkit's connections, listeners and dialers: TCP,
// UDP, Unix and raw IP sockets that satisfy the standard library's net.Conn,
// net.PacketConn and net.Listener interfaces.
package conn
