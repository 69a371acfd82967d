#!/usr/bin/env bash
# netns.sh: two network namespaces joined by veth pairs, for interface,
# multicast, MTU and unreachable-address tests. Not connected to the host's
# network; only documentation/benchmark addresses are used.
#
#   netns.sh up       build it (idempotent) and print export lines
#   netns.sh down     remove it (idempotent)
#   netns.sh status   show it; exit 3 when it is not up
#   netns.sh env      export lines of a network that is up (exit 3 if not)
#   netns.sh exec a|b CMD [ARG...]
#
#   eval "$(testenv/netns.sh up)"
#
#   nk-a                                     nk-b
#   veth-a0 1500  198.51.100.1/25 (+.11 .12)  veth-b0  198.51.100.2/25
#                 2001:db8:100::1/64 (+::11 ::12)      2001:db8:100::2/64
#   veth-a1 9000  198.51.100.129/25           veth-b1  198.51.100.130/25
#                 2001:db8:101::1/64                   2001:db8:101::2/64
#   VLAN 100 veth-a0.100 (or macvlan mv-a0) 1400, 203.0.113.1/24,
#     2001:db8:102::1/64; twin in nk-b with .2 / ::2
#   dummy0 in nk-a (dummy, or ifb), 1280, 00:00:5e:00:53:01,
#     198.18.0.1/24 198.18.0.2/24 2001:db8:103::1/64 2001:db8:103::2/64
#   multicast routes 224.0.0.0/4, ff05::/16, ff15::/16 via veth-x0 (both)
#
# Needs root and iproute2. NETKIT_NETNS_PREFIX (default nk) names the namespaces.
set -euo pipefail
TE_NAME=netns
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

pfx=${NETKIT_NETNS_PREFIX:-nk}
[[ $pfx =~ ^[A-Za-z0-9_-]+$ ]] || te_die "bad NETKIT_NETNS_PREFIX: $pfx"
A=$pfx-a
B=$pfx-b
dir=$(te_state)/netns-$pfx
envf=$dir/env

have_ns() { [ -e "/run/netns/$1" ] && ip netns list | grep -q "^$1\( \|$\)"; }

down() {
	local n gone=
	for n in "$A" "$B"; do
		# veth peers, macvlans and everything else go with the namespace.
		if have_ns "$n"; then ip netns del "$n" && gone="$gone $n"; fi
	done
	rm -rf "$dir"
	te_log "down:${gone:- nothing to remove}"
}

feats=()
feat() {
	feats+=("$1=$2")
	if [ "$2" = 1 ]; then te_log "ok    $1: $3"; else te_log "SKIP  $1: $3"; fi
}

# conf NS DEV MTU ADDR...: MTU, addresses (IPv6 without DAD), link up.
conf() {
	local ns=$1 dev=$2 mtu=$3 a
	shift 3
	ip -n "$ns" link set "$dev" mtu "$mtu" || return 1
	for a in "$@"; do
		if [[ $a == *:* ]]; then ip -n "$ns" addr add "$a" dev "$dev" nodad || return 1; else ip -n "$ns" addr add "$a" dev "$dev" || return 1; fi
	done
	ip -n "$ns" link set "$dev" up
}

undo() {
	local rc=$?
	[ "$rc" = 0 ] && return
	te_warn "up failed (exit $rc); removing what was built"
	down 2>/dev/null || true
}

up() {
	local t0 out n
	t0=$(te_clock)
	command -v ip >/dev/null || te_need_pkgs iproute2
	if [ -f "$envf" ] && have_ns "$A" && have_ns "$B"; then
		te_log "already up"
		cat "$envf"
		return
	fi
	down 2>/dev/null || true
	trap undo EXIT
	mkdir -p "$dir"
	out=$(ip netns add "$A" 2>&1) || te_die "cannot create network namespaces here: $out"
	ip netns add "$B"
	feat netns 1 "namespaces $A and $B"
	for n in "$A" "$B"; do
		ip -n "$n" link set lo up
		# Addresses usable at once, no router solicitations on the links.
		ip netns exec "$n" sh -c 'for c in all default; do
			for k in accept_dad=0 router_solicitations=0 accept_ra=0; do
				echo "${k#*=}" >"/proc/sys/net/ipv6/conf/$c/${k%=*}" || exit 1
			done
		done' 2>/dev/null || te_warn "IPv6 sysctls not set in $n"
	done

	out=$(ip link add veth-a0 netns "$A" type veth peer name veth-b0 netns "$B" 2>&1) ||
		te_die "cannot create veth pairs: $out"
	ip link add veth-a1 netns "$A" type veth peer name veth-b1 netns "$B"
	feat veth 1 "veth-a0/veth-b0 and veth-a1/veth-b1"
	conf "$A" veth-a0 1500 198.51.100.1/25 198.51.100.11/25 198.51.100.12/25 \
		2001:db8:100::1/64 2001:db8:100::11/64 2001:db8:100::12/64
	conf "$B" veth-b0 1500 198.51.100.2/25 2001:db8:100::2/64
	if conf "$A" veth-a1 9000 198.51.100.129/25 2001:db8:101::1/64 2>/dev/null &&
		conf "$B" veth-b1 9000 198.51.100.130/25 2001:db8:101::2/64 2>/dev/null; then
		feat mtu9000 1 "veth-a1/veth-b1 at MTU 9000"
	else
		feat mtu9000 0 "MTU 9000 refused on veth-a1/veth-b1"
	fi

	local sk=none sa='' sb=''
	if out=$(ip -n "$A" link add link veth-a0 name veth-a0.100 type vlan id 100 2>&1); then
		ip -n "$B" link add link veth-b0 name veth-b0.100 type vlan id 100
		sk=vlan sa=veth-a0.100 sb=veth-b0.100
		feat vlan 1 "VLAN 100 on veth-a0/veth-b0"
	else
		feat vlan 0 "no 802.1Q in this kernel: ${out#Error: }"
		if out=$(ip -n "$A" link add mv-a0 link veth-a0 type macvlan mode bridge 2>&1); then
			ip -n "$B" link add mv-b0 link veth-b0 type macvlan mode bridge
			sk=macvlan sa=mv-a0 sb=mv-b0
			feat macvlan 1 "macvlan mv-a0/mv-b0 stands in for the VLAN"
		else
			feat macvlan 0 "no macvlan either: ${out#Error: }"
		fi
	fi
	if [ "$sk" != none ]; then
		conf "$A" "$sa" 1400 203.0.113.1/24 2001:db8:102::1/64
		conf "$B" "$sb" 1400 203.0.113.2/24 2001:db8:102::2/64
	fi

	local dk=none
	if out=$(ip -n "$A" link add dummy0 address 00:00:5e:00:53:01 type dummy 2>&1); then
		dk=dummy
		feat dummy 1 "dummy0 in $A"
	else
		feat dummy 0 "no dummy driver: ${out#Error: }"
		# ifb is also peerless; its MAC can only be set at creation.
		if out=$(ip -n "$A" link add dummy0 address 00:00:5e:00:53:01 type ifb 2>&1); then
			dk=ifb
			feat ifb 1 "ifb device dummy0 stands in for dummy"
		else
			feat ifb 0 "no ifb either: ${out#Error: }"
		fi
	fi
	if [ "$dk" != none ]; then
		ip -n "$A" link set dummy0 multicast on
		conf "$A" dummy0 1280 198.18.0.1/24 198.18.0.2/24 2001:db8:103::1/64 2001:db8:103::2/64
	fi

	# Groups sent without an interface leave through veth-x0. For IPv6 only
	# the site-local scopes are pinned (a longer prefix than the kernel's
	# per-link ff00::/8); pinning ff00::/8 would break NDP on other links.
	local mc=1 p
	ip -n "$A" route add 224.0.0.0/4 dev veth-a0 || mc=0
	ip -n "$B" route add 224.0.0.0/4 dev veth-b0 || mc=0
	for p in ff05::/16 ff15::/16; do
		ip -n "$A" -6 route add multicast "$p" dev veth-a0 table local || mc=0
		ip -n "$B" -6 route add multicast "$p" dev veth-b0 table local || mc=0
	done
	feat multicast "$mc" "224.0.0.0/4, ff05::/16, ff15::/16 routed via veth-a0/veth-b0"

	# Prove each link carries traffic: one datagram resolves the neighbour.
	local peers=(198.51.100.2 2001:db8:100::2 198.51.100.130 2001:db8:101::2) ok=1 i
	[ "$sk" = none ] || peers+=(203.0.113.2 2001:db8:102::2)
	for p in "${peers[@]}"; do
		ip netns exec "$A" bash -c "echo x >/dev/udp/$p/9" 2>/dev/null || true
	done
	for p in "${peers[@]}"; do
		for ((i = 0; i < 40; i++)); do
			ip -n "$A" neigh show to "$p" | grep -qE 'REACHABLE|STALE|DELAY|PROBE' && break
			sleep 0.1
		done
		[ "$i" -lt 40 ] || {
			ok=0
			te_warn "neighbour $p not resolved from $A"
		}
	done
	feat links "$ok" "ARP/NDP across ${peers[*]}"

	{
		printf 'export %s\n' NETKIT_NETNS_A="$A" NETKIT_NETNS_B="$B" \
			NETKIT_NETNS_A_IF=veth-a0 NETKIT_NETNS_B_IF=veth-b0 \
			NETKIT_NETNS_A_IP4=198.51.100.1 NETKIT_NETNS_B_IP4=198.51.100.2 \
			NETKIT_NETNS_A_IP6=2001:db8:100::1 NETKIT_NETNS_B_IP6=2001:db8:100::2 \
			"NETKIT_NETNS_A_EXTRA_IPS='198.51.100.11 198.51.100.12 2001:db8:100::11 2001:db8:100::12'" \
			NETKIT_NETNS_JUMBO_A_IF=veth-a1 NETKIT_NETNS_JUMBO_B_IF=veth-b1 NETKIT_NETNS_JUMBO_MTU=9000 \
			NETKIT_NETNS_SUB_KIND="$sk" NETKIT_NETNS_SUB_A_IF="$sa" NETKIT_NETNS_SUB_B_IF="$sb" \
			NETKIT_NETNS_DUMMY_KIND="$dk" NETKIT_NETNS_DUMMY_IF="$([ "$dk" = none ] || echo dummy0)" \
			NETKIT_NETNS_MCAST4=239.255.42.1 NETKIT_NETNS_MCAST6=ff05::4242 \
			"NETKIT_NETNS_FEATURES='${feats[*]}'"
		local f k
		for f in "${feats[@]}"; do
			k=${f%%=*}
			echo "export NETKIT_NETNS_HAS_${k^^}=${f#*=}"
		done
	} >"$envf.new"
	mv "$envf.new" "$envf"
	trap - EXIT
	te_log "up in $(te_elapsed "$t0") s"
	show >&2
	cat "$envf"
}

show() {
	local n
	for n in "$A" "$B"; do
		echo "--- $n"
		ip -n "$n" -br addr
		ip -n "$n" -o -d link | awk '{
			kind = ""; for (i = 1; i <= NF; i++) { if ($i == "mtu") mtu = $(i+1); if ($i ~ /^(veth|macvlan|vlan|dummy|ifb)$/ && kind == "") kind = $i; if ($i == "link/ether" || $i == "link/loopback") mac = $(i+1) }
			sub(/:$/, "", $2); printf "  %-14s mtu %-5s %s %s\n", $2, mtu, mac, kind }'
		ip -n "$n" route show 224.0.0.0/4 | sed 's/^/  route /'
		ip -n "$n" -6 route show table local type multicast | grep -E '^multicast ff[01]5::/16' | sed 's/^/  route /' || true
	done
}

[ $# -gt 0 ] || te_usage
cmd=$1
shift
case $cmd in
up | down)
	te_root || te_die "needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN)"
	te_lock "netns-$pfx"
	"$cmd"
	;;
status | env)
	if [ -f "$envf" ] && have_ns "$A" && have_ns "$B"; then
		[ "$cmd" = env ] || show >&2
		cat "$envf"
		exit 0
	fi
	te_log "not up ($A and $B missing)"
	exit 3
	;;
exec)
	case ${1:-} in a | A) ns=$A ;; b | B) ns=$B ;; *) te_die "usage: netns.sh exec a|b CMD..." ;; esac
	shift
	[ $# -gt 0 ] || te_die "usage: netns.sh exec a|b CMD..."
	have_ns "$ns" || te_die "namespace $ns missing (netns.sh up)"
	exec ip netns exec "$ns" "$@"
	;;
*) te_usage ;;
esac
