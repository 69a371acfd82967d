#!/usr/bin/env bash
# soak.sh: the long load runs of conn (10,000 concurrent echo connections,
# 200,000 short connections), checking fd and goroutine counts. Not part of make test.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$(root_dir)"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cd conn && NETKIT_SOAK=1 go test -count=1 -timeout 60m -run 'Soak' -v ./...
