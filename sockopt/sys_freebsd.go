package sockopt

import "golang.org/x/sys/unix"

// options is FreeBSD's option table. IP_MULTICAST_IF and the memberships
// take a struct ip_mreqn (FreeBSD 7 and later). Missing: SO_BINDTODEVICE,
// TCP_USER_TIMEOUT, TCP_NOTSENT_LOWAT, IP_PKTINFO (FreeBSD has
// IP_RECVDSTADDR and IP_RECVIF instead) and TCP_INFO (x/sys/unix has no
// struct tcp_info for FreeBSD).
var options = [numOpts]option{
	optKeepAlive:              {unix.SOL_SOCKET, unix.SO_KEEPALIVE, kindBool},
	optLinger:                 {unix.SOL_SOCKET, unix.SO_LINGER, kindLinger},
	optReadBuffer:             {unix.SOL_SOCKET, unix.SO_RCVBUF, kindInt},
	optWriteBuffer:            {unix.SOL_SOCKET, unix.SO_SNDBUF, kindInt},
	optReuseAddr:              {unix.SOL_SOCKET, unix.SO_REUSEADDR, kindBool},
	optReusePort:              {unix.SOL_SOCKET, unix.SO_REUSEPORT, kindBool},
	optBroadcast:              {unix.SOL_SOCKET, unix.SO_BROADCAST, kindBool},
	optPeerCred:               {unix.SOL_LOCAL, unix.LOCAL_PEERCRED, kindStruct},
	optNoDelay:                {unix.IPPROTO_TCP, unix.TCP_NODELAY, kindBool},
	optKeepAliveIdle:          {unix.IPPROTO_TCP, unix.TCP_KEEPIDLE, kindSeconds},
	optKeepAliveInterval:      {unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, kindSeconds},
	optKeepAliveCount:         {unix.IPPROTO_TCP, unix.TCP_KEEPCNT, kindInt},
	optFastOpen:               {unix.IPPROTO_TCP, unix.TCP_FASTOPEN, kindInt},
	optTOS:                    {unix.IPPROTO_IP, unix.IP_TOS, kindInt},
	optTTL:                    {unix.IPPROTO_IP, unix.IP_TTL, kindInt},
	optMulticastInterfaceIPv4: {unix.IPPROTO_IP, unix.IP_MULTICAST_IF, kindMreqn},
	optMulticastTTL:           {unix.IPPROTO_IP, unix.IP_MULTICAST_TTL, kindByte},
	optMulticastLoopbackIPv4:  {unix.IPPROTO_IP, unix.IP_MULTICAST_LOOP, kindBool},
	optJoinGroupIPv4:          {unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP, kindMreqn},
	optLeaveGroupIPv4:         {unix.IPPROTO_IP, unix.IP_DROP_MEMBERSHIP, kindMreqn},
	optIPv6Only:               {unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, kindBool},
	optTrafficClass:           {unix.IPPROTO_IPV6, unix.IPV6_TCLASS, kindInt},
	optHopLimit:               {unix.IPPROTO_IPV6, unix.IPV6_UNICAST_HOPS, kindInt},
	optMulticastInterfaceIPv6: {unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_IF, kindInt},
	optMulticastHopLimit:      {unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_HOPS, kindInt},
	optMulticastLoopbackIPv6:  {unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_LOOP, kindBool},
	optJoinGroupIPv6:          {unix.IPPROTO_IPV6, unix.IPV6_JOIN_GROUP, kindMreq6},
	optLeaveGroupIPv6:         {unix.IPPROTO_IPV6, unix.IPV6_LEAVE_GROUP, kindMreq6},
	optPacketInfoIPv6:         {unix.IPPROTO_IPV6, unix.IPV6_RECVPKTINFO, kindBool},
}

// FreeBSD has no IP_PKTINFO control message; the value is never matched.
const (
	hasPktInfo4  = false
	cmsgPktInfo4 = -1
)
