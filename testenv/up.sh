#!/usr/bin/env bash
# up.sh: bring up the whole test environment and print its export lines.
#
#   eval "$(testenv/up.sh)"      ...      testenv/down.sh
#
# As root: installs bind9, bind9-dnsutils, iproute2 and curl when missing,
# starts dns-server.sh (port NETKIT_DNS_PORT, default 15353) and netns.sh up.
# Without root: starts the DNS server when bind9 is already installed and
# says on stderr what is skipped (namespaces, package installs).
# Idempotent; parallel callers take turns; what this call started is
# recorded so that down.sh removes exactly that. Prints the NETKIT_DNS_*,
# NETKIT_NETNS_* and NETKIT_TESTENV_STATE export lines on stdout.
set -euo pipefail
TE_NAME=up
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
case ${1:-} in -h | --help) te_usage ;; '') ;; *) te_die "unknown argument $1" ;; esac

state=$(te_state)
te_lock up
owned=$state/up.owned
touch "$owned"
own() { grep -qx "$1" "$owned" || echo "$1" >>"$owned"; }
skipped=()

if te_root; then
	te_need_pkgs bind9 bind9-dnsutils iproute2 curl
else
	for p in bind9 bind9-dnsutils iproute2 curl; do
		dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || skipped+=("package $p (not installed; installing needs root)")
	done
fi

echo "export NETKIT_TESTENV_STATE=$state"
if command -v named >/dev/null && command -v dig >/dev/null; then
	if ! bash "$here/dns-server.sh" status >/dev/null 2>&1; then
		bash "$here/dns-server.sh" start
		own "dns ${NETKIT_DNS_PORT:-15353}"
	else
		bash "$here/dns-server.sh" env
	fi
else
	skipped+=("DNS server: bind9/bind9-dnsutils missing (tests needing NETKIT_DNS_ADDR will skip)")
fi

if te_root; then
	if ! bash "$here/netns.sh" status >/dev/null 2>&1; then
		bash "$here/netns.sh" up
		own "netns ${NETKIT_NETNS_PREFIX:-nk}"
	else
		bash "$here/netns.sh" env
	fi
else
	skipped+=("network namespaces: need root (tests needing NETKIT_NETNS_A will skip)")
fi

for s in "${skipped[@]}"; do te_log "SKIPPED: $s"; done
