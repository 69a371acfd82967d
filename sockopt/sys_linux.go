package sockopt

import "golang.org/x/sys/unix"

// options is Linux's option table.
var options = [numOpts]option{
	optKeepAlive:              {unix.SOL_SOCKET, unix.SO_KEEPALIVE, kindBool},
	optLinger:                 {unix.SOL_SOCKET, unix.SO_LINGER, kindLinger},
	optReadBuffer:             {unix.SOL_SOCKET, unix.SO_RCVBUF, kindInt},
	optWriteBuffer:            {unix.SOL_SOCKET, unix.SO_SNDBUF, kindInt},
	optReuseAddr:              {unix.SOL_SOCKET, unix.SO_REUSEADDR, kindBool},
	optReusePort:              {unix.SOL_SOCKET, unix.SO_REUSEPORT, kindBool},
	optBroadcast:              {unix.SOL_SOCKET, unix.SO_BROADCAST, kindBool},
	optBindToDevice:           {unix.SOL_SOCKET, unix.SO_BINDTODEVICE, kindString},
	optPeerCred:               {unix.SOL_SOCKET, unix.SO_PEERCRED, kindStruct},
	optNoDelay:                {unix.IPPROTO_TCP, unix.TCP_NODELAY, kindBool},
	optKeepAliveIdle:          {unix.IPPROTO_TCP, unix.TCP_KEEPIDLE, kindSeconds},
	optKeepAliveInterval:      {unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, kindSeconds},
	optKeepAliveCount:         {unix.IPPROTO_TCP, unix.TCP_KEEPCNT, kindInt},
	optUserTimeout:            {unix.IPPROTO_TCP, unix.TCP_USER_TIMEOUT, kindMillis},
	optFastOpen:               {unix.IPPROTO_TCP, unix.TCP_FASTOPEN, kindInt},
	optFastOpenConnect:        {unix.IPPROTO_TCP, unix.TCP_FASTOPEN_CONNECT, kindBool},
	optNotSentLowat:           {unix.IPPROTO_TCP, unix.TCP_NOTSENT_LOWAT, kindInt},
	optTCPInfo:                {unix.IPPROTO_TCP, unix.TCP_INFO, kindStruct},
	optTOS:                    {unix.IPPROTO_IP, unix.IP_TOS, kindInt},
	optTTL:                    {unix.IPPROTO_IP, unix.IP_TTL, kindInt},
	optMulticastInterfaceIPv4: {unix.IPPROTO_IP, unix.IP_MULTICAST_IF, kindMreqn},
	optMulticastTTL:           {unix.IPPROTO_IP, unix.IP_MULTICAST_TTL, kindInt},
	optMulticastLoopbackIPv4:  {unix.IPPROTO_IP, unix.IP_MULTICAST_LOOP, kindBool},
	optJoinGroupIPv4:          {unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP, kindMreqn},
	optLeaveGroupIPv4:         {unix.IPPROTO_IP, unix.IP_DROP_MEMBERSHIP, kindMreqn},
	optPacketInfoIPv4:         {unix.IPPROTO_IP, unix.IP_PKTINFO, kindBool},
	optIPv6Only:               {unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, kindBool},
	optTrafficClass:           {unix.IPPROTO_IPV6, unix.IPV6_TCLASS, kindInt},
	optHopLimit:               {unix.IPPROTO_IPV6, unix.IPV6_UNICAST_HOPS, kindInt},
	optMulticastInterfaceIPv6: {unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_IF, kindInt},
	optMulticastHopLimit:      {unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_HOPS, kindInt},
	optMulticastLoopbackIPv6:  {unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_LOOP, kindBool},
	optJoinGroupIPv6:          {unix.IPPROTO_IPV6, unix.IPV6_ADD_MEMBERSHIP, kindMreq6},
	optLeaveGroupIPv6:         {unix.IPPROTO_IPV6, unix.IPV6_DROP_MEMBERSHIP, kindMreq6},
	optPacketInfoIPv6:         {unix.IPPROTO_IPV6, unix.IPV6_RECVPKTINFO, kindBool},
}

// IP_PKTINFO control messages.
const (
	hasPktInfo4  = true
	cmsgPktInfo4 = unix.IP_PKTINFO
)
