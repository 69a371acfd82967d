#!/usr/bin/env bash
# cross.sh MODULE...: build and vet every module for the supported platforms,
# and addr also for the platforms that only embed the address parser.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)"
fail=0
check() { # module goos goarch
	if (cd "$1" && GOOS=$2 GOARCH=$3 CGO_ENABLED=0 go build ./... && GOOS=$2 GOARCH=$3 CGO_ENABLED=0 go vet ./...); then
		say "cross: ok   $1 $2/$3"
	else
		say "cross: FAIL $1 $2/$3"; fail=1
	fi
}
for m in "$@"; do
	for t in linux/amd64 linux/arm64 linux/386 darwin/arm64 freebsd/amd64; do
		check "$m" "${t%/*}" "${t#*/}"
	done
done
for t in js/wasm wasip1/wasm windows/amd64; do check addr "${t%/*}" "${t#*/}"; done
exit $fail
