#!/usr/bin/env bash
# test.sh [-race]: start what the tests need (testenv/up.sh: Debian packages as
# root, BIND on loopback, network namespaces), run every module's tests, run
# the system-configuration tests inside the resolver sandbox, stop everything.
# Exits non-zero when any module fails; prints a summary line at the end.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)"
race=""
[ "${1:-}" = -race ] && race=-race
modules=(addr poller sockopt iface pipe resolver conn netcompat examples)

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ -x testenv/up.sh ]; then
	if exports=$(testenv/up.sh); then
		eval "$exports"
	else
		say "test: testenv/up.sh failed; tests that need its services will skip and say why"
	fi
	trap 'testenv/down.sh >/dev/null || true' EXIT
fi

start=$(date +%s)
passed=0 failed=0 failures=()
run() { # label dir cmd...
	local label=$1 dir=$2; shift 2
	say "=== $label"
	if (cd "$dir" && "$@"); then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$label"); fi
}
for m in "${modules[@]}"; do
	run "$m" "$m" go test $race -count=1 -timeout 12m ./...
done
# The tests that compare against the system resolver need /etc/resolv.conf,
# /etc/hosts and /etc/nsswitch.conf pointing at the test server: a private
# mount namespace gives them that without touching the machine's files.
if [ -x testenv/resolv-sandbox.sh ]; then
	for m in resolver conn netcompat; do
		run "$m (resolver sandbox)" "$m" ../testenv/resolv-sandbox.sh go test $race -count=1 -timeout 10m -run 'Sandbox' ./...
	done
fi
say "test: $(( $(date +%s) - start ))s"
echo "modules: $passed passed, $failed failed"
[ "$failed" = 0 ] || { say "failed: ${failures[*]}"; exit 1; }
