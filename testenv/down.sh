#!/usr/bin/env bash
# down.sh: undo up.sh.
#
#   testenv/down.sh          stop what up.sh started (recorded in the state dir)
#   testenv/down.sh --all    also whatever else runs: every dns-server.sh
#                            instance (port 53 included) and the namespaces
#
# Idempotent; takes the same lock as up.sh.
set -euo pipefail
TE_NAME=down
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
all=0
case ${1:-} in --all) all=1 ;; '') ;; *) te_usage ;; esac

state=$(te_state)
te_lock up
owned=$state/up.owned
if [ "$all" = 1 ]; then
	bash "$here/dns-server.sh" stop-all
	if te_root; then bash "$here/netns.sh" down; fi
	rm -f "$owned"
	exit 0
fi
[ -s "$owned" ] || {
	te_log "nothing recorded as started by up.sh"
	exit 0
}
while read -r what arg; do
	case $what in
	dns) bash "$here/dns-server.sh" stop --port "$arg" ;;
	netns) NETKIT_NETNS_PREFIX=$arg bash "$here/netns.sh" down ;;
	esac
done <"$owned"
rm -f "$owned"
