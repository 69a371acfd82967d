#!/usr/bin/env bash
# resolv-sandbox.sh: run CMD in a private mount namespace where
# /etc/resolv.conf names the test DNS server on port 53, /etc/hosts is the
# `hosts` file beside this script (plus this machine's name) and
# /etc/nsswitch.conf says "hosts: files dns". The files are bind mounts that
# nobody outside sees and that vanish with the namespace.
#
#   resolv-sandbox.sh [--host | --netns] [--resolv-conf FILE] [--hosts FILE] [--] CMD [ARG...]
#
#   --host   keep the machine's network; use dns-server.sh on 127.0.0.1 (and
#            ::1) port 53, started when needed and left running (stopped by
#            down.sh when an up.sh session started it, else by
#            dns-server.sh stop --port 53). Root only.
#   --netns  also private network and PID namespaces (lo plus a peerless
#            sandbox0, 198.18.255.1/24 and 2001:db8:ff::1/64) with a server of
#            their own on port 53; everything inside dies with CMD. Without
#            root this runs in an unprivileged user namespace.
#   default  --host when root and 127.0.0.1:53 is free or ours, else --netns.
#
# Exported to CMD: NETKIT_RESOLV_SANDBOX (host|netns), NETKIT_DNS_ADDR
# (127.0.0.1:53), NETKIT_DNS_ADDR6, NETKIT_DNS_PORT, NETKIT_DNS_ZONE,
# NETKIT_DNS_STATE, NETKIT_SANDBOX_HOSTS, NETKIT_SANDBOX_RESOLV_CONF.
# Exit status: CMD's. SIGTERM/SIGINT/SIGHUP are passed on to CMD.
# Settings: NETKIT_SANDBOX_SEARCH (netkit.test), NETKIT_SANDBOX_OPTIONS
# (ndots:1 timeout:1 attempts:2). Only the test zones resolve inside, so
# fetch Go modules (go mod download) before entering.
set -euo pipefail
TE_NAME='resolv-sandbox'
here=$(cd "$(dirname "$0")" && pwd)
self=$here/$(basename "$0")
# shellcheck source=lib.sh
. "$here/lib.sh"

# supervise [--kids] CMD...: run CMD (stdin kept), pass TERM/INT/HUP on,
# return its status. --kids: CMD is `unshare --fork`, which ignores those
# signals itself, so they go to its child instead.
supervise() {
	local kids=0 pid rc
	if [ "$1" = --kids ]; then
		kids=1
		shift
	fi
	"$@" <&0 &
	pid=$!
	pass() {
		if [ "$kids" = 1 ]; then pkill "-$1" -P "$pid" 2>/dev/null || true; else kill "-$1" "$pid" 2>/dev/null || true; fi
	}
	sig=0
	trap 'sig=1; pass TERM' TERM
	trap 'sig=1; pass HUP' HUP
	trap 'sig=1; pass INT' INT
	while :; do
		sig=0 rc=0
		wait "$pid" || rc=$?
		# A trapped signal cuts wait short: wait again for the real status.
		[ "$sig" = 1 ] || break
	done
	trap - TERM HUP INT
	return "$rc"
}

# Inside the new namespaces.
inner() {
	local d=$1 mode=$2 f rc=0 envs
	shift 2
	if [ "$mode" = netns ]; then
		ip link set lo up
		# glibc's AI_ADDRCONFIG finds nothing on a loopback-only host.
		if ip link add sandbox0 type dummy 2>/dev/null || ip link add sandbox0 type ifb 2>/dev/null; then
			ip addr add 198.18.255.1/24 dev sandbox0
			ip addr add 2001:db8:ff::1/64 dev sandbox0 nodad 2>/dev/null || true
			ip link set sandbox0 up
		else
			te_warn "no dummy/ifb device: getaddrinfo with AI_ADDRCONFIG will find nothing here"
		fi
		envs=$(NETKIT_TESTENV_STATE=$d/state NETKIT_DNS_LISTEN6='' bash "$here/dns-server.sh" start --port 53 --listen4 127.0.0.1) ||
			te_die "the sandbox's DNS server did not start"
		eval "$envs"
		[ -n "$NETKIT_DNS_ADDR6" ] || sed -i '/^nameserver ::1$/d' "$d/resolv.conf"
	fi
	for f in resolv.conf hosts nsswitch.conf; do
		mount --bind "$d/$f" "/etc/$f" || te_die "cannot bind-mount over /etc/$f"
	done
	export NETKIT_RESOLV_SANDBOX=$mode NETKIT_SANDBOX_HOSTS=$d/hosts NETKIT_SANDBOX_RESOLV_CONF=$d/resolv.conf
	supervise "$@" || rc=$?
	if [ "$mode" = netns ]; then
		NETKIT_TESTENV_STATE=$d/state bash "$here/dns-server.sh" stop --port 53 2>/dev/null || true
	fi
	return "$rc"
}

if [ "${1:-}" = --inner ]; then
	shift
	inner "$@"
	exit
fi

mode=auto resolv='' hostsf=$here/hosts
while [ $# -gt 0 ]; do
	case $1 in
	--host | --netns) mode=${1#--} ;;
	--resolv-conf | --hosts)
		[ $# -ge 2 ] || te_die "$1 needs a file"
		if [ "$1" = --hosts ]; then hostsf=$2; else resolv=$2; fi
		shift
		;;
	-h | --help) te_usage ;;
	--)
		shift
		break
		;;
	-*) te_die "unknown option $1" ;;
	*) break ;;
	esac
	shift
done
[ $# -gt 0 ] || te_usage
[ -r "$hostsf" ] || te_die "cannot read $hostsf"
[ -z "$resolv" ] || [ -r "$resolv" ] || te_die "cannot read $resolv"
command -v unshare >/dev/null || te_die "unshare (util-linux) missing"
for f in /etc/resolv.conf /etc/hosts /etc/nsswitch.conf; do
	[ -e "$f" ] || te_die "$f missing: a bind mount needs a file to cover"
done

if [ "$mode" = auto ]; then
	mode=netns
	if te_root; then
		if NETKIT_DNS_LISTEN4=127.0.0.1 bash "$here/dns-server.sh" status --port 53 >/dev/null 2>&1 ||
			[ -z "$(te_port_taken udp 127.0.0.1 53)$(te_port_taken tcp 127.0.0.1 53)" ]; then
			mode=host
		else
			te_log "127.0.0.1:53 belongs to another program; using --netns"
		fi
	fi
fi

d=$(mktemp -d "${TMPDIR:-/tmp}/netkit-sandbox.XXXXXX")
trap 'rm -rf "$d"' EXIT
v6=0
if [ "$mode" = host ]; then
	te_root || te_die "--host needs root (use --netns)"
	fresh=0
	NETKIT_DNS_LISTEN4=127.0.0.1 bash "$here/dns-server.sh" status --port 53 >/dev/null 2>&1 || fresh=1
	envs=$(bash "$here/dns-server.sh" start --port 53 --listen4 127.0.0.1) || te_die "no DNS server on 127.0.0.1:53 (try --netns)"
	# Inside an up.sh session, down.sh stops the port-53 server too.
	owned=$(te_state)/up.owned
	if [ "$fresh" = 1 ] && [ -f "$owned" ] && ! grep -qx 'dns 53' "$owned"; then echo 'dns 53' >>"$owned"; fi
	eval "$envs"
	[ -z "$NETKIT_DNS_ADDR6" ] || v6=1
else
	te_has_lo6 && v6=1
	te_root && te_need_pkgs bind9 bind9-dnsutils # impossible once inside
	command -v named >/dev/null && command -v dig >/dev/null ||
		te_die "bind9 and bind9-dnsutils are not installed (as root: apt-get install bind9 bind9-dnsutils)"
	export NETKIT_DNS_ADDR=127.0.0.1:53 NETKIT_DNS_PORT=53 NETKIT_DNS_ZONE=netkit.test. NETKIT_DNS_ADDR6=
	[ "$v6" = 0 ] || NETKIT_DNS_ADDR6='[::1]:53'
fi

if [ -n "$resolv" ]; then
	cp "$resolv" "$d/resolv.conf"
else
	{
		echo "# written by resolv-sandbox.sh"
		echo "nameserver 127.0.0.1"
		[ "$v6" = 0 ] || echo "nameserver ::1"
		echo "search ${NETKIT_SANDBOX_SEARCH:-netkit.test}"
		echo "options ${NETKIT_SANDBOX_OPTIONS:-ndots:1 timeout:1 attempts:2}"
	} >"$d/resolv.conf"
fi
{
	cat "$hostsf"
	printf '\n# this machine (added by resolv-sandbox.sh)\n127.0.1.1\t%s\n' "$(hostname)"
} >"$d/hosts"
if [ -r /etc/nsswitch.conf ] && grep -q '^hosts:' /etc/nsswitch.conf; then
	sed 's/^hosts:.*/hosts:          files dns/' /etc/nsswitch.conf >"$d/nsswitch.conf"
else
	{
		cat /etc/nsswitch.conf 2>/dev/null || true
		echo 'hosts:          files dns'
	} >"$d/nsswitch.conf"
fi
mkdir -p "$d/state"
chmod 755 "$d"

flags=(-m --propagation private)
kids=()
if [ "$mode" = netns ]; then
	# The inner script is PID 1 of a new PID namespace: when it ends, or
	# unshare dies (--kill-child), the kernel kills all that is left inside.
	flags+=(-n -p -f --kill-child --mount-proc)
	te_root || flags+=(-r)
	kids=(--kids)
fi
rc=0
supervise "${kids[@]}" unshare "${flags[@]}" -- bash "$self" --inner "$d" "$mode" "$@" || rc=$?
exit "$rc"
