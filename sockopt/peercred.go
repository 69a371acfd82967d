package sockopt

import "syscall"

// Ucred holds the credentials of the process at the other end of a Unix
// domain socket, as captured by the kernel when the connection was made
// (connect or socketpair).
type Ucred struct {
	Pid int32 // process id; 0 where the platform does not report it
	Uid uint32
	Gid uint32
}

// PeerCred returns the credentials of the peer of a connected Unix domain
// stream socket: SO_PEERCRED on Linux, LOCAL_PEERCRED (plus LOCAL_PEERPID
// for the pid) on darwin, LOCAL_PEERCRED on FreeBSD (the pid needs FreeBSD
// 13 or later). Gid is the peer's effective group (the first group of the
// list on the BSDs).
func PeerCred(rc syscall.RawConn) (*Ucred, error) {
	o, err := lookup(optPeerCred)
	if err != nil {
		return nil, err
	}
	cred := new(Ucred)
	err = control(rc, getsockoptName, func(fd int) error { return getPeerCred(fd, o, cred) })
	if err != nil {
		return nil, err
	}
	return cred, nil
}
