package sockopt

import "golang.org/x/sys/unix"

// options is darwin's option table. SO_LINGER counts clock ticks on darwin,
// so Linger uses SO_LINGER_SEC; the keepalive idle time is TCP_KEEPALIVE;
// memberships take a struct ip_mreq (an interface address, no index).
// Missing: SO_BINDTODEVICE (darwin's IP_BOUND_IF takes an index) and
// TCP_USER_TIMEOUT.
var options = [numOpts]option{
	optKeepAlive:              {unix.SOL_SOCKET, unix.SO_KEEPALIVE, kindBool},
	optLinger:                 {unix.SOL_SOCKET, unix.SO_LINGER_SEC, kindLinger},
	optReadBuffer:             {unix.SOL_SOCKET, unix.SO_RCVBUF, kindInt},
	optWriteBuffer:            {unix.SOL_SOCKET, unix.SO_SNDBUF, kindInt},
	optReuseAddr:              {unix.SOL_SOCKET, unix.SO_REUSEADDR, kindBool},
	optReusePort:              {unix.SOL_SOCKET, unix.SO_REUSEPORT, kindBool},
	optBroadcast:              {unix.SOL_SOCKET, unix.SO_BROADCAST, kindBool},
	optPeerCred:               {unix.SOL_LOCAL, unix.LOCAL_PEERCRED, kindStruct},
	optNoDelay:                {unix.IPPROTO_TCP, unix.TCP_NODELAY, kindBool},
	optKeepAliveIdle:          {unix.IPPROTO_TCP, unix.TCP_KEEPALIVE, kindSeconds},
	optKeepAliveInterval:      {unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, kindSeconds},
	optKeepAliveCount:         {unix.IPPROTO_TCP, unix.TCP_KEEPCNT, kindInt},
	optFastOpen:               {unix.IPPROTO_TCP, unix.TCP_FASTOPEN, kindInt},
	optNotSentLowat:           {unix.IPPROTO_TCP, unix.TCP_NOTSENT_LOWAT, kindInt},
	optTCPInfo:                {unix.IPPROTO_TCP, unix.TCP_CONNECTION_INFO, kindStruct},
	optTOS:                    {unix.IPPROTO_IP, unix.IP_TOS, kindInt},
	optTTL:                    {unix.IPPROTO_IP, unix.IP_TTL, kindInt},
	optMulticastInterfaceIPv4: {unix.IPPROTO_IP, unix.IP_MULTICAST_IF, kindInAddr},
	optMulticastIfIndexIPv4:   {unix.IPPROTO_IP, unix.IP_MULTICAST_IFINDEX, kindInt},
	optMulticastTTL:           {unix.IPPROTO_IP, unix.IP_MULTICAST_TTL, kindByte},
	optMulticastLoopbackIPv4:  {unix.IPPROTO_IP, unix.IP_MULTICAST_LOOP, kindBool},
	optJoinGroupIPv4:          {unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP, kindMreq},
	optLeaveGroupIPv4:         {unix.IPPROTO_IP, unix.IP_DROP_MEMBERSHIP, kindMreq},
	optPacketInfoIPv4:         {unix.IPPROTO_IP, unix.IP_RECVPKTINFO, kindBool},
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

// IP_PKTINFO control messages (received with type IP_RECVPKTINFO, which
// has the same value).
const (
	hasPktInfo4  = true
	cmsgPktInfo4 = unix.IP_PKTINFO
)
