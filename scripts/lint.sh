#!/usr/bin/env bash
# lint.sh VERSION MODULE...: go vet, gofmt -l and staticcheck in every module.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)"
version=$1; shift
sc="$(go env GOPATH)/bin/staticcheck"
if ! "$sc" -version 2>/dev/null | grep -q "${version#v}"; then
	say "installing staticcheck ${version}"
	GOFLAGS= go install "honnef.co/go/tools/cmd/staticcheck@${version}" || exit 1
fi
fail=0
unformatted=$(gofmt -l "$@")
if [ -n "$unformatted" ]; then say "gofmt would change:"; say "$unformatted"; fail=1; fi
for m in "$@"; do
	(cd "$m" && go vet ./... && "$sc" ./...) || { say "lint failed in $m"; fail=1; }
done
[ $fail = 0 ] && say "lint: vet, gofmt and staticcheck clean in: $*"
exit $fail
