#!/usr/bin/env bash
# run.sh: up.sh, then CMD with the NETKIT_* variables set, then down.sh
# (also when CMD fails or is interrupted). Exit status: CMD's.
#
#   testenv/run.sh go test ./...
set -euo pipefail
TE_NAME=run
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
[ $# -gt 0 ] || te_usage
trap 'bash "$here/down.sh"' EXIT
trap 'exit 130' INT TERM HUP
envs=$(bash "$here/up.sh")
eval "$envs"
rc=0
"$@" || rc=$?
exit "$rc"
