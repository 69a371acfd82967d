#!/usr/bin/env bash
# bench.sh MODULE...: run every module's side-by-side benchmarks (sub-benchmarks
# named .../netkit and .../std in the same run) with the test services up (BIND
# for resolver, root for iface's namespaces), then the net/http hello server
# under wrk (scripts/bench-http.sh), and pair them all into
# bench-results/summary.md and bench-results/ratios.svg.
#
# Each module's output is kept in bench-results/raw-MODULE.txt (wrk's in
# raw-http.txt); raw.txt is their concatenation, so rerunning one module
# (scripts/bench.sh resolver) refreshes its rows and keeps the others.
#
# Settings (environment): BENCHTIME (go test -benchtime, default 1s),
# BENCHCOUNT (runs of each benchmark, medians are reported; default 3),
# BENCH_HTTP=0 skips the wrk run. With the defaults the whole run takes about
# 15 minutes on two cores.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)"
out=bench-results
mkdir -p "$out"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ -x testenv/up.sh ]; then
	if exports=$(testenv/up.sh 2>"$out/testenv.log"); then
		eval "$exports"
		say "bench: test services up (log: $out/testenv.log)"
	else
		cat "$out/testenv.log" >&2
		say "bench: testenv/up.sh failed; benchmarks that need its services will skip"
	fi
	trap 'testenv/down.sh >/dev/null 2>>"$out/testenv.log" || true' EXIT
fi

benchtime=${BENCHTIME:-1s} count=${BENCHCOUNT:-3}
start=$(date +%s)
failed=()
for m in "$@"; do
	t0=$(date +%s)
	say "bench: $m (-benchtime $benchtime -count $count)"
	(cd "$m" && go test -run '^$' -bench . -benchmem -benchtime "$benchtime" -count "$count" -timeout 30m ./...) >"$out/raw-$m.txt" 2>&1
	rc=$?
	grep -E '^(Benchmark|--- (FAIL|SKIP)|FAIL|ok|pkg:)|skip' "$out/raw-$m.txt" | grep -v '^Benchmark.*/\(netkit\|std\)' >&2 || true
	[ "$rc" = 0 ] || { failed+=("$m"); say "bench: $m FAILED (see $out/raw-$m.txt)"; }
	say "bench: $m took $(($(date +%s) - t0))s"
done
if [ "${BENCH_HTTP:-1}" != 0 ]; then
	t0=$(date +%s)
	if scripts/bench-http.sh >"$out/raw-http.txt.new"; then
		mv "$out/raw-http.txt.new" "$out/raw-http.txt"
	else
		rm -f "$out/raw-http.txt.new"
		failed+=(http)
	fi
	say "bench: http (wrk) took $(($(date +%s) - t0))s"
fi
cat "$out"/raw-*.txt >"$out/raw.txt"
(cd examples && go run ./benchtable -in "../$out/raw.txt" -md "../$out/summary.md" -svg "../$out/ratios.svg") || failed+=(benchtable)
say "bench: wrote $out/summary.md and $out/ratios.svg in $(($(date +%s) - start))s"
[ ${#failed[@]} = 0 ] || { say "bench: failed: ${failed[*]}"; exit 1; }
