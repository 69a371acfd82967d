package sockopt

import "golang.org/x/sys/unix"

func getPeerCred(fd int, o *option, cred *Ucred) error {
	xc, err := unix.GetsockoptXucred(fd, o.level, o.name)
	if err != nil {
		return err
	}
	pid, err := unix.GetsockoptInt(fd, unix.SOL_LOCAL, unix.LOCAL_PEERPID)
	if err != nil {
		return err
	}
	*cred = Ucred{Pid: int32(pid), Uid: xc.Uid}
	if xc.Ngroups > 0 {
		cred.Gid = xc.Groups[0]
	}
	return nil
}
