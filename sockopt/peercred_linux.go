package sockopt

import "golang.org/x/sys/unix"

func getPeerCred(fd int, o *option, cred *Ucred) error {
	uc, err := unix.GetsockoptUcred(fd, o.level, o.name)
	if err != nil {
		return err
	}
	*cred = Ucred{Pid: uc.Pid, Uid: uc.Uid, Gid: uc.Gid}
	return nil
}
