#!/usr/bin/env bash
# dns-server.sh: BIND 9 (named) on loopback, authoritative for netkit.test.
# and the reverse zones 10.0.127.in-addr.arpa and 2001:db8:10::/48, from the
# zone files in dns/ beside this script. Never recurses or forwards.
#
#   dns-server.sh start [--port N] [--listen4 ADDR] [--listen6 ADDR|none] [--max-udp N]
#   dns-server.sh stop [--port N]     stop one instance
#   dns-server.sh stop-all            stop every instance under the state root
#   dns-server.sh restart [options]   stop, then start
#   dns-server.sh status|env [--port N]  exports of a running instance (exit 3 if none)
#
#   eval "$(testenv/dns-server.sh start)"
#
# start installs bind9 and bind9-dnsutils when missing (root), waits until
# the server answers over UDP and TCP on every listen address, and prints
# export lines: NETKIT_DNS_ADDR NETKIT_DNS_ADDR6 NETKIT_DNS_PORT
# NETKIT_DNS_ZONE NETKIT_DNS_PID NETKIT_DNS_STATE. Starting a running
# instance prints the same lines. One instance per port.
#
# Environment (flags win): NETKIT_DNS_PORT (15353), NETKIT_DNS_LISTEN4
# (127.0.0.1; other 127/8 addresses are added to lo while running, root),
# NETKIT_DNS_LISTEN6 (::1 when lo has it, else none), NETKIT_DNS_MAX_UDP
# (1232, 512..4096), NETKIT_TESTENV_STATE (state root).
set -euo pipefail
TE_NAME=dns-server
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

[ $# -gt 0 ] || te_usage
cmd=$1
shift
port=${NETKIT_DNS_PORT:-15353}
listen4=${NETKIT_DNS_LISTEN4:-127.0.0.1}
listen6=${NETKIT_DNS_LISTEN6:-}
maxudp=${NETKIT_DNS_MAX_UDP:-1232}
while [ $# -gt 0 ]; do
	case $1 in
	--port | --listen4 | --listen6 | --max-udp)
		[ $# -ge 2 ] || te_die "$1 needs a value"
		case $1 in
		--port) port=$2 ;;
		--listen4) listen4=$2 ;;
		--listen6) listen6=$2 ;;
		--max-udp) maxudp=$2 ;;
		esac
		shift 2
		;;
	-h | --help) te_usage ;;
	*) te_die "unknown argument $1" ;;
	esac
done
[[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || te_die "bad port: $port"
[[ $maxudp =~ ^[0-9]+$ ]] && [ "$maxudp" -ge 512 ] && [ "$maxudp" -le 4096 ] || te_die "--max-udp must be 512..4096"
if [ -z "$listen6" ]; then
	if te_has_lo6; then listen6=::1; else listen6=none; fi
fi

dir=$(te_state)/dns-$port

# The settings a running instance was started with win for stop/status/env.
load() {
	if [ -f "$dir/settings" ]; then
		# shellcheck disable=SC1091
		. "$dir/settings"
	fi
}

pid_of() {
	local pid
	[ -f "$dir/named.pid" ] || return 1
	pid=$(tr -cd 0-9 <"$dir/named.pid")
	te_running "$pid" && grep -qa named "/proc/$pid/cmdline" 2>/dev/null || return 1
	echo "$pid"
}

exports() {
	local a6=
	[ "$listen6" = none ] || a6="[$listen6]:$port"
	printf 'export %s\n' "NETKIT_DNS_ADDR=$listen4:$port" "NETKIT_DNS_ADDR6=$a6" \
		"NETKIT_DNS_PORT=$port" "NETKIT_DNS_ZONE=netkit.test." \
		"NETKIT_DNS_PID=$1" "NETKIT_DNS_STATE=$dir"
}

# answers ADDR +tcp|+notcp: the SOA comes back and carries our NSID.
answers() {
	local id out
	id=$(cat "$dir/token" 2>/dev/null) || return 1
	out=$(dig +nsid +time=1 +tries=1 "$2" -p "$port" @"$1" SOA netkit.test 2>/dev/null) || return 1
	[[ $out == *"status: NOERROR"* && $out == *"(\"$id\")"* ]]
}

ready() {
	local a
	for a in "$listen4" "$listen6"; do
		[ "$a" = none ] && continue
		answers "$a" +notcp && answers "$a" +tcp || return 1
	done
}

drop_lo() {
	if [ -n "${added_lo:-}" ]; then
		ip addr del "$added_lo/32" dev lo 2>/dev/null || true
		te_log "removed $added_lo/32 from lo"
	fi
	added_lo=
}

stop() {
	local pid
	load
	if pid=$(pid_of); then
		te_terminate "$pid" 10 || te_die "named (pid $pid) does not stop"
		te_log "stopped named (pid $pid, port $port)"
	else
		te_log "nothing running on port $port"
	fi
	drop_lo
	rm -f "$dir/named.pid" "$dir/env" "$dir/settings"
}

# Undo a half-done start.
abort() {
	local rc=$? pid
	[ "$rc" = 0 ] && return
	if pid=$(pid_of); then te_terminate "$pid" 5 || true; fi
	drop_lo
	rm -f "$dir/named.pid" "$dir/env" "$dir/settings"
}

start() {
	local t0 pid a p clash
	t0=$(te_clock)
	if pid=$(pid_of); then
		local w="$listen4 $listen6 $maxudp"
		load
		[ "$w" = "$listen4 $listen6 $maxudp" ] ||
			te_die "port $port already serves listen4=$listen4 listen6=$listen6 max-udp=$maxudp; stop it first"
		if ready; then
			te_log "already running (pid $pid) on port $port"
			exports "$pid"
			return
		fi
		te_warn "named (pid $pid) does not answer; restarting it"
		te_terminate "$pid" 5 || true
	fi
	[ "$port" -ge 1024 ] || te_root || te_die "port $port needs root; use the default 15353"
	te_need_pkgs bind9 bind9-dnsutils
	command -v named >/dev/null && command -v dig >/dev/null || te_die "named or dig missing after install"
	if [ "$listen6" != none ] && [ -z "$(ip -o addr show to "$listen6" 2>/dev/null)" ]; then
		te_die "$listen6 is not configured here; use --listen6 none"
	fi
	for a in "$listen4" "$listen6"; do
		[ "$a" = none ] && continue
		for p in udp tcp; do
			clash=$(te_port_taken "$p" "$a" "$port")
			[ -z "$clash" ] || te_die "$p $a port $port is in use: $clash"
		done
	done

	rm -rf "$dir"
	mkdir -p "$dir"
	added_lo=
	trap abort EXIT
	if [ -z "$(ip -o addr show to "$listen4" 2>/dev/null)" ]; then
		[[ $listen4 == 127.* ]] || te_die "$listen4 is not an address of this host"
		te_root || te_die "adding $listen4 to lo needs root"
		ip addr add "$listen4/32" dev lo || te_die "cannot add $listen4/32 to lo"
		added_lo=$listen4
		te_log "added $listen4/32 to lo until stop"
	fi
	printf 'listen4=%s\nlisten6=%s\nmaxudp=%s\nadded_lo=%s\n' "$listen4" "$listen6" "$maxudp" "$added_lo" >"$dir/settings"
	cp "$here"/dns/db.* "$dir/"
	echo "netkit-testenv-$port-$$-$RANDOM" >"$dir/token"
	sed -e "s|%STATE%|$dir|g; s|%PORT%|$port|g; s|%LISTEN4%|$listen4|g" \
		-e "s|%LISTEN6%|$listen6|g; s|%MAXUDP%|$maxudp|g; s|%SERVERID%|$(cat "$dir/token")|g" \
		"$here/dns/named.conf.in" >"$dir/named.conf"
	named-checkconf "$dir/named.conf" >&2 || te_die "named-checkconf rejected $dir/named.conf"
	# named daemonizes once the zones are loaded. 9>&-: the daemon must not
	# keep our lock. -n 1: one worker is plenty on a shared 2-core machine.
	if ! named -c "$dir/named.conf" -n 1 -L "$dir/named.startup.log" >"$dir/named.stderr" 2>&1 9>&-; then
		cat "$dir/named.stderr" >&2
		tail -n 15 "$dir/named.startup.log" >&2 2>/dev/null || true
		if grep -qs 'named (enforce)' /sys/kernel/security/apparmor/profiles; then
			te_warn "AppArmor confines named: use NETKIT_TESTENV_STATE=/var/cache/bind/netkit-testenv or aa-complain /usr/sbin/named"
		fi
		te_die "named failed to start"
	fi
	local i
	for ((i = 0; i < 100; i++)); do
		if grep -qs 'all zones loaded' "$dir/named.log"; then
			for a in "$listen4" "$listen6"; do
				[ "$a" = none ] && continue
				grep -qs "listening on IPv[46] interface .*, $a#$port\$" "$dir/named.startup.log" ||
					te_die "named is not listening on $a port $port (see $dir/named.startup.log)"
			done
		fi
		if pid=$(pid_of) && ready; then
			trap - EXIT
			exports "$pid" >"$dir/env"
			te_log "named (pid $pid) answers on $listen4 and $listen6 port $port after $(te_elapsed "$t0") s; logs in $dir"
			exports "$pid"
			return
		fi
		sleep 0.1
	done
	tail -n 15 "$dir/named.log" >&2 2>/dev/null || true
	te_die "named did not answer within 10 s (state $dir)"
}

case $cmd in
start | stop | restart) te_lock "dns-$port" ;;
esac
case $cmd in
start) start ;;
stop) stop ;;
restart)
	stop
	start
	;;
stop-all)
	for d in "$(te_state)"/dns-*/; do
		p=${d%/}
		p=${p##*/dns-}
		[[ $p =~ ^[0-9]+$ ]] || continue
		bash "$0" stop --port "$p"
	done
	;;
status | env)
	load
	if pid=$(pid_of) && ready; then
		exports "$pid"
		exit 0
	fi
	te_log "no server on port $port"
	exit 3
	;;
*) te_usage ;;
esac
