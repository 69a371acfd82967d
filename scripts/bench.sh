#!/usr/bin/env bash
# bench.sh MODULE...: run every module's side-by-side benchmarks (sub-benchmarks
# named .../netkit and .../std in the same run) with the test services up, then
# pair them into bench-results/summary.md and bench-results/ratios.svg.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)"
out=bench-results
mkdir -p "$out"
ulimit -n 65536 2>/dev/null || true
if [ -x testenv/up.sh ] && exports=$(testenv/up.sh); then
	eval "$exports"
	trap 'testenv/down.sh >/dev/null || true' EXIT
fi
if [ "$(id -u)" = 0 ] && ! command -v wrk >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || say "bench: could not install wrk"
fi
: > "$out/raw.txt"
for m in "$@"; do
	say "bench: $m"
	(cd "$m" && go test -run '^$' -bench . -benchmem -count "${BENCHCOUNT:-3}" -timeout 60m ./...) 2>&1 | tee "$out/raw-$m.txt" >> "$out/raw.txt"
done
(cd examples && go run ./benchtable -in "../$out/raw.txt" -md "../$out/summary.md" -svg "../$out/ratios.svg")
say "bench: wrote $out/summary.md and $out/ratios.svg"
