# shellcheck shell=bash
# lib.sh: helpers for the testenv scripts. Sourced, never executed.
# Set TE_NAME (the message prefix) before sourcing. Messages go to stderr;
# stdout carries only `export NAME=value` lines.

TE_NAME=${TE_NAME:-testenv}
export PATH="$PATH:/usr/sbin:/sbin"

te_log() { echo "$TE_NAME: $*" >&2; }
te_warn() { echo "$TE_NAME: warning: $*" >&2; }
te_die() {
	echo "$TE_NAME: error: $*" >&2
	exit 1
}
te_root() { [ "$(id -u)" = 0 ]; }

# te_usage: print the leading comment block of the calling script, exit 2.
te_usage() {
	sed -n '2,/^[^#]/{/^#/{s/^# \{0,1\}//;p}}' "$0" >&2
	exit 2
}

# te_state: root directory of all runtime state of this user.
te_state() { echo "${NETKIT_TESTENV_STATE:-${TMPDIR:-/tmp}/netkit-testenv-$(id -u)}"; }

te_clock() { date +%s%N; }
# te_elapsed START: seconds since START (from te_clock), two decimals.
te_elapsed() {
	local d=$(($(date +%s%N) - $1))
	printf '%d.%02d' $((d / 1000000000)) $((d % 1000000000 / 10000000))
}

# te_running PID: PID exists and is not a zombie (PID 1 here reaps late).
te_running() {
	local st
	[ -n "${1:-}" ] || return 1
	st=$(awk '{sub(/^.*\) /, ""); print $1}' "/proc/$1/stat" 2>/dev/null) || return 1
	case $st in '' | Z | X) return 1 ;; esac
}

# te_terminate PID [SECONDS]: TERM, wait, then KILL.
te_terminate() {
	local pid=$1 n=$((${2:-10} * 10))
	te_running "$pid" || return 0
	kill "$pid" 2>/dev/null || true
	while [ "$n" -gt 0 ] && te_running "$pid"; do
		sleep 0.1
		n=$((n - 1))
	done
	te_running "$pid" || return 0
	te_warn "pid $pid survived SIGTERM; killing it"
	kill -9 "$pid" 2>/dev/null || true
	sleep 0.2
	! te_running "$pid"
}

# te_need_pkgs PKG...: install the Debian packages that are missing (root only).
te_need_pkgs() {
	local want=() p log
	for p in "$@"; do
		dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || want+=("$p")
	done
	[ ${#want[@]} = 0 ] && return 0
	te_root || te_die "packages not installed: ${want[*]} (as root: apt-get install ${want[*]})"
	log=$(mktemp "${TMPDIR:-/tmp}/testenv-apt.XXXXXX")
	te_log "apt-get install ${want[*]} (log $log)"
	local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q --no-install-recommends
		-o DPkg::Lock::Timeout=180 -o Dpkg::Options::=--force-confold)
	if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
		apt-get -q -o DPkg::Lock::Timeout=180 update >>"$log" 2>&1 || true
	fi
	if ! "${apt[@]}" install "${want[@]}" >>"$log" 2>&1; then
		apt-get -q -o DPkg::Lock::Timeout=180 update >>"$log" 2>&1 || true
		"${apt[@]}" install "${want[@]}" >>"$log" 2>&1 || {
			tail -n 15 "$log" >&2
			te_die "apt-get install ${want[*]} failed (log $log)"
		}
	fi
	rm -f "$log"
}

# te_has_lo6: ::1 is configured in this network namespace.
te_has_lo6() { grep -qs '^0\{31\}1 ' /proc/net/if_inet6; }

# te_port_taken PROTO ADDR PORT: print sockets that would clash with ADDR:PORT.
te_port_taken() {
	local opt=-Hltnp
	[ "$1" = udp ] && opt=-Hlunp
	ss "$opt" 2>/dev/null | awk -v want="$2" -v port="$3" '{
		la = $4; i = match(la, /:[0-9*]+$/); if (!i) next
		p = substr(la, i + 1); h = substr(la, 1, i - 1)
		gsub(/[][]/, "", h); sub(/%.*/, "", h)
		if (p == port && (h == want || h == "*" || h == "0.0.0.0" || h == "::")) print
	}'
}

# te_lock NAME: exclusive lock on fd 9 until the caller exits (max 90 s wait).
te_lock() {
	local dir
	dir=$(te_state)
	mkdir -p "$dir"
	exec 9>"$dir/$1.lock"
	flock -w 90 9 || te_die "waited 90 s for the lock $dir/$1.lock"
}
