#!/usr/bin/env bash
# fuzz.sh FUZZTIME MODULE...: run every fuzz target of every module for FUZZTIME.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)"
fuzztime=$1; shift
fail=0
for m in "$@"; do
	for pkg in $(cd "$m" && go list ./...); do
		dir=$(cd "$m" && go list -f '{{.Dir}}' "$pkg")
		for target in $(cd "$dir" && go test -list '^Fuzz' . 2>/dev/null | grep '^Fuzz'); do
			say "fuzz: $pkg $target for $fuzztime"
			(cd "$dir" && go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" .) || fail=1
		done
	done
done
exit $fail
