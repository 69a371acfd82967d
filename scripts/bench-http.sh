#!/usr/bin/env bash
# bench-http.sh: net/http "hello, world" served on a netkit listener and on a
# standard library listener (examples/httphello), each loaded with wrk over
# loopback, alternately, ROUNDS times. Prints the requests/s medians and the
# netkit/std ratio on stderr, and on stdout one benchmark line per round in
# `go test -bench` format (ns per request = 1e9 / requests per second;
# cpu-ns/op = the server process's CPU time per request, steadier than
# requests/s when other programs share the CPUs):
#
#	BenchmarkWrkHello/netkit 123456 41234 ns/op 24251 req/s 30120 cpu-ns/op
#
# so that examples/benchtable pairs them with the other side-by-side results
# (scripts/bench.sh appends them to bench-results/raw.txt).
#
# Settings (environment): ROUNDS (3), WRK_THREADS (1), WRK_CONNS (64),
# WRK_DURATION (5s). wrk is installed with apt-get when missing and root.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)" || exit 1
rounds=${ROUNDS:-3} threads=${WRK_THREADS:-1} conns=${WRK_CONNS:-64} duration=${WRK_DURATION:-5s}

if ! command -v wrk >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		apt=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=180 wrk)
		if ! "${apt[@]}" >/dev/null 2>&1; then
			apt-get -q -o DPkg::Lock::Timeout=180 update >/dev/null 2>&1 || true
			"${apt[@]}" >/dev/null 2>&1 || true
		fi
	fi
	command -v wrk >/dev/null || {
		say "bench-http: wrk is not installed (as root: apt-get install wrk); skipping the HTTP benchmark"
		exit 0
	}
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/netkit-bench-http.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
(cd examples && go build -o "$tmp/httphello" ./httphello) || { say "bench-http: building examples/httphello failed"; exit 1; }

# start IMPL: run the server on a loopback port, set url[IMPL].
declare -A url rps pid cpr
start() {
	local out=$tmp/$1.addr addr=""
	"$tmp/httphello" -impl "$1" -addr 127.0.0.1:0 >"$out" 2>"$tmp/$1.err" &
	pids+=("$!")
	pid[$1]=$!
	for _ in $(seq 100); do
		addr=$(head -n1 "$out" 2>/dev/null)
		[ -n "$addr" ] && break
		sleep 0.05
	done
	[ -n "$addr" ] || { say "bench-http: the $1 server did not start: $(cat "$tmp/$1.err")"; exit 1; }
	url[$1]=http://$addr/
}
start netkit
start std

# ticks PID: user+system CPU time of the process in clock ticks.
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wrk's own warm-up, not recorded.
for impl in netkit std; do wrk -t1 -c"$conns" -d1s "${url[$impl]}" >/dev/null 2>&1; done

echo "pkg: github.com/netkit-go/netkit/examples/httphello"
for r in $(seq "$rounds"); do
	for impl in netkit std; do
		cpu0=$(ticks "${pid[$impl]}")
		out=$(wrk -t"$threads" -c"$conns" -d"$duration" "${url[$impl]}" 2>&1) || { say "bench-http: wrk failed: $out"; exit 1; }
		req=$(awk '/Requests\/sec:/ {print $2}' <<<"$out")
		total=$(awk '/requests in/ {print $1}' <<<"$out")
		cpu=$(($(ticks "${pid[$impl]}") - cpu0))
		errs=$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)
		[ -n "$req" ] || { say "bench-http: no Requests/sec in wrk output: $out"; exit 1; }
		[ -z "$errs" ] || say "bench-http: $impl round $r: $errs"
		rps[$impl]+="$req "
		cpr[$impl]+="$(awk -v c="$cpu" -v hz="$hz" -v n="$total" 'BEGIN { print c * 1e9 / hz / n }') "
		awk -v impl="$impl" -v n="$total" -v rps="$req" -v cpu="$cpu" -v hz="$hz" \
			'BEGIN { printf "BenchmarkWrkHello/%s \t%d\t%.1f ns/op\t%.0f req/s\t%.0f cpu-ns/op\n", impl, n, 1e9 / rps, rps, cpu * 1e9 / hz / n }'
	done
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{v[NR] = $1} END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
nk=$(median <<<"${rps[netkit]}") st=$(median <<<"${rps[std]}")
nkc=$(median <<<"${cpr[netkit]}") stc=$(median <<<"${cpr[std]}")
say "$(awk -v t="$threads" -v c="$conns" -v d="$duration" -v r="$rounds" -v nk="$nk" -v st="$st" -v nkc="$nkc" -v stc="$stc" 'BEGIN {
	printf "bench-http: wrk -t%s -c%s -d%s, %s rounds (medians): netkit %.0f req/s, std %.0f req/s, ratio netkit/std %.3f;", t, c, d, r, nk, st, nk / st
	printf " server CPU per request netkit %.1f µs, std %.1f µs, ratio %.3f", nkc / 1000, stc / 1000, nkc / stc }')"
