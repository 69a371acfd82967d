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
# BENCH_HTTP=0 skips the wrk run. With the defaults the whole run took 15
# minutes on two shared cores (addr 3 min, conn 3.5 min, pipe 2.5 min).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)" || exit 1
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
start=$(date +%s) start_utc=$(date -u '+%Y-%m-%d %H:%M') load0=$(cut -d' ' -f1-3 /proc/loadavg)
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
# What benchtable leaves out: the pairs' other custom metrics and the
# netkit-only benchmarks.
awk "$(cat <<'AWK'
# extras.awk: from `go test -bench` output (several packages, -count runs),
# Markdown tables of what benchtable leaves out: the extra metrics of
# netkit/std pairs (cpu-ns/op, req/s...) and the netkit-only benchmarks.
function med(key,   n, i, j, v, t) {
	n = cnt[key]
	for (i = 1; i <= n; i++) v[i] = val[key, i]
	for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
	return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
/^pkg: / { pkg = $2; sub(/.*\//, "", pkg); next }
/^Benchmark/ && NF >= 4 {
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
	side = ""
	if (name ~ /\/netkit$/) { side = "netkit"; sub(/\/netkit$/, "", name) }
	else if (name ~ /\/std$/) { side = "std"; sub(/\/std$/, "", name) }
	else next
	name = pkg "." name
	if (!((name) in seen)) { seen[name] = 1; order[++nnames] = name }
	has[name, side] = 1
	for (i = 3; i < NF; i += 2) {
		unit = $(i + 1)
		k = name SUBSEP side SUBSEP unit
		val[k, ++cnt[k]] = $i
		if (!((name, unit) in hasunit)) { hasunit[name, unit] = 1; units[name] = units[name] " " unit }
	}
}
END {
	head = 0
	for (i = 1; i <= nnames; i++) {
		name = order[i]
		if (!((name, "netkit") in has) || !((name, "std") in has)) continue
		nu = split(units[name], us, " ")
		for (u = 1; u <= nu; u++) {
			unit = us[u]
			# benchtable shows time, CPU time and allocations; MB/s and
			# req/s are the inverse of ns/op.
			if (unit ~ /^(ns\/op|B\/op|allocs\/op|cpu-ns\/op|MB\/s|req\/s)$/) continue
			kn = name SUBSEP "netkit" SUBSEP unit; ks = name SUBSEP "std" SUBSEP unit
			if (!cnt[kn] || !cnt[ks]) continue
			if (!head++) {
				print "\n### Other metrics of the same pairs (medians)\n"
				print "| benchmark | metric | netkit | std | netkit/std |"
				print "|---|---|---:|---:|---:|"
			}
			a = med(kn); b = med(ks)
			printf "| %s | %s | %.4g | %.4g | %s |\n", name, unit, a, b, (b ? sprintf("%.3g", a / b) : "–")
		}
	}
	head = 0
	for (i = 1; i <= nnames; i++) {
		name = order[i]
		if (((name, "std") in has)) continue
		if (!head++) {
			print "\n### netkit only (no stdlib counterpart; medians)\n"
			print "| benchmark | ns/op | allocs/op |"
			print "|---|---:|---:|"
		}
		kn = name SUBSEP "netkit" SUBSEP "ns/op"; ka = name SUBSEP "netkit" SUBSEP "allocs/op"
		printf "| %s | %.4g | %s |\n", name, med(kn), (cnt[ka] ? med(ka) : "–")
	}
}
AWK
)" "$out/raw.txt" >>"$out/summary.md"
{
	echo
	echo "Measured $start_utc–$(date -u '+%H:%M') UTC at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(nproc) CPUs ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n1)), $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH);"
	echo "\`go test -bench . -benchmem -benchtime $benchtime -count $count\` per module, medians of the runs; load average before the run: $load0."
} >>"$out/summary.md"
say "bench: wrote $out/summary.md and $out/ratios.svg in $(($(date +%s) - start))s"
[ ${#failed[@]} = 0 ] || { say "bench: failed: ${failed[*]}"; exit 1; }
