#!/usr/bin/env bash
# selftest.sh: check the test environment the way the tests use it.
#
#   testenv/selftest.sh [dns] [netns] [sandbox] [updown]   (default: all)
#
#   dns      dns-server.sh: start (also 3 at once), restart-free re-start,
#            records over UDP and TCP on 127.0.0.1 and ::1, NXDOMAIN,
#            SERVFAIL, REFUSED, truncation and TCP retry, AXFR, stop.
#   netns    netns.sh: up, addresses and MTUs, ping across both veth pairs
#            and the sub-interface (IPv4 and IPv6, 8972-byte jumbo without
#            fragmentation), multicast routes, exec, down.
#   sandbox  resolv-sandbox.sh --host and --netns (and --netns as nobody):
#            getent and Go's resolver see the hosts file and the test zone;
#            exit status and stdin are passed through.
#   updown   up.sh prints every variable; down.sh removes what up.sh started.
#
# Uses NETKIT_TESTENV_STATE, NETKIT_DNS_PORT and NETKIT_NETNS_PREFIX as the
# scripts do (set them to keep clear of a running environment). What it starts
# it stops. Last line: "N passed, N failed, N skipped"; exit 1 on a failure.
set -uo pipefail
export LC_ALL=C
TE_NAME=selftest
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

case ${1:-} in -h | --help) te_usage ;; esac
secs=("$@")
[ ${#secs[@]} -gt 0 ] || secs=(dns netns sandbox updown)
for s in "${secs[@]}"; do
	case $s in dns | netns | sandbox | updown) ;; *) te_die "unknown section $s" ;; esac
done

npass=0 nfail=0 nskip=0
pass() {
	npass=$((npass + 1))
	echo "ok    $*"
}
fail() {
	nfail=$((nfail + 1))
	echo "FAIL  $*"
}
skip() {
	nskip=$((nskip + 1))
	echo "skip  $*"
}
# eq NAME GOT WANT
eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1"
		printf '      got:  %s\n      want: %s\n' "$2" "$3"
	fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/testenv-selftest.XXXXXX")
chmod 755 "$tmp"
undo=()
finish() {
	local i
	for ((i = ${#undo[@]} - 1; i >= 0; i--)); do eval "${undo[$i]}" >/dev/null 2>&1 || true; done
	rm -rf "$tmp"
}
trap finish EXIT

port=${NETKIT_DNS_PORT:-15353}

sec_dns() {
	echo "== dns"
	local envs t0 mine=0
	bash "$here/dns-server.sh" status --port "$port" >/dev/null 2>&1 || mine=1
	[ "$mine" = 0 ] || undo+=("bash '$here/dns-server.sh' stop --port $port")
	t0=$(te_clock)
	if ! envs=$(bash "$here/dns-server.sh" start --port "$port" 2>"$tmp/err"); then
		cat "$tmp/err"
		fail "dns-server.sh start"
		return
	fi
	pass "dns-server.sh start ($(te_elapsed "$t0") s)"
	eval "$envs"
	eq "exports" "$NETKIT_DNS_ADDR $NETKIT_DNS_PORT $NETKIT_DNS_ZONE" "127.0.0.1:$port $port netkit.test."
	[ -d "$NETKIT_DNS_STATE" ] && te_running "$NETKIT_DNS_PID" && pass "NETKIT_DNS_PID runs, NETKIT_DNS_STATE exists" ||
		fail "NETKIT_DNS_PID=$NETKIT_DNS_PID / NETKIT_DNS_STATE=$NETKIT_DNS_STATE"
	local again
	again=$(for i in 1 2 3; do bash "$here/dns-server.sh" start --port "$port" 2>/dev/null & done | sort -u)
	eq "3 parallel starts of a running server print the same exports" "$again" "$(sort -u <<<"$envs")"

	local a addrs=(127.0.0.1)
	if [ -n "$NETKIT_DNS_ADDR6" ]; then addrs+=(::1); else skip "IPv6 queries (no ::1 here)"; fi
	for a in "${addrs[@]}"; do
		for t in +notcp +tcp; do
			q() { dig +time=2 +tries=1 "$t" -p "$port" @"$a" +short "$@" 2>&1 | sort | tr '\n' ' ' | sed 's/ $//'; }
			rc() { dig +time=2 +tries=1 "$t" -p "$port" @"$a" "$@" 2>&1 | sed -n 's/.*status: \([A-Z]*\).*/\1/p'; }
			local w="@$a $t"
			eq "$w A host" "$(q A host.netkit.test)" 127.0.10.1
			eq "$w AAAA host" "$(q AAAA host.netkit.test)" 2001:db8:10::1
			eq "$w A multi" "$(q A multi.netkit.test)" "127.0.10.11 127.0.10.12 127.0.10.13 127.0.10.14"
			eq "$w A dual, AAAA dual" "$(q A dual.netkit.test) $(q AAAA dual.netkit.test)" "127.0.0.1 ::1"
			eq "$w CNAME www" "$(q CNAME www.netkit.test)" host.netkit.test.
			eq "$w MX netkit.test" "$(q MX netkit.test)" "10 mx1.netkit.test. 20 mx2.netkit.test. 20 mx3.netkit.test. 30 mx4.netkit.test."
			eq "$w NS netkit.test" "$(q NS netkit.test)" "ns1.netkit.test. ns2.netkit.test."
			eq "$w SRV _sip._udp" "$(q SRV _sip._udp.netkit.test)" "0 0 5060 host.netkit.test."
			eq "$w TXT txt-multi" "$(q TXT txt-multi.netkit.test)" '"part one, " "part two, " "part three"'
			eq "$w A x.wild" "$(q A x.wild.netkit.test)" 127.0.10.7
			eq "$w PTR 127.0.10.1" "$(q -x 127.0.10.1)" "host.netkit.test. netkit.test."
			eq "$w PTR 2001:db8:10::6" "$(q -x 2001:db8:10::6)" v6only.netkit.test.
			eq "$w nxdomain -> NXDOMAIN" "$(rc A nxdomain.netkit.test)" NXDOMAIN
			eq "$w x.servfail -> SERVFAIL" "$(rc A x.servfail.netkit.test)" SERVFAIL
			eq "$w refused -> REFUSED" "$(rc A refused.netkit.test)" REFUSED
			eq "$w example.com -> REFUSED (no recursion)" "$(rc A example.com)" REFUSED
		done
	done
	local D=(dig +time=2 +tries=1 -p "$port" @127.0.0.1) out
	tc() { "${D[@]}" +ignore "$@" | grep -q '^;; flags:[a-z ]* tc[ ;]' && echo TC || echo whole; }
	eq "txt-over512 without EDNS -> TC" "$(tc +noedns TXT txt-over512.netkit.test)" TC
	eq "txt-over512 with EDNS 1232 -> whole" "$(tc +bufsize=1232 TXT txt-over512.netkit.test)" whole
	eq "txt-over1232 with EDNS 4096 -> TC (max-udp-size)" "$(tc +bufsize=4096 TXT txt-over1232.netkit.test)" TC
	out=$("${D[@]}" TXT txt-over1232.netkit.test)
	eq "dig retries txt-over1232 over TCP, 8 RRs" "$(grep -c 'retrying in TCP' <<<"$out") $(grep -o 'ANSWER: [0-9]*' <<<"$out")" "1 ANSWER: 8"
	eq "A many over TCP: 100 RRs" "$("${D[@]}" +tcp A many.netkit.test | grep -o 'ANSWER: [0-9]*')" "ANSWER: 100"
	local n
	n=$("${D[@]}" AXFR netkit.test | grep -c '	IN	' || true)
	[ "$n" -gt 200 ] && pass "AXFR over TCP ($n records)" || fail "AXFR gave $n records"
	grep -q 'txt-over1232.netkit.test IN TXT +E(0)T' "$NETKIT_DNS_STATE/query.log" &&
		pass "query.log shows the TCP retry (+E(0)T)" || fail "no +E(0)T line in $NETKIT_DNS_STATE/query.log"
	out=$(bash "$here/dns-server.sh" start --port "$port" --max-udp 512 2>&1 >/dev/null) &&
		fail "start with other settings on a busy port should fail" || pass "start with other settings on a busy port fails: ${out##*: }"
	local p2=$((port + 1))
	if [ -z "$(te_port_taken udp 127.0.0.1 $p2)$(te_port_taken tcp 127.0.0.1 $p2)" ]; then
		undo+=("bash '$here/dns-server.sh' stop --port $p2")
		envs=$(NETKIT_DNS_LISTEN6=none bash "$here/dns-server.sh" start --port "$p2" 2>/dev/null) &&
			eq "second instance on port $p2, IPv4 only" "$(grep ADDR6 <<<"$envs")" "export NETKIT_DNS_ADDR6=" ||
			fail "second instance on port $p2"
		local pid2
		pid2=$(sed -n 's/^export NETKIT_DNS_PID=//p' <<<"$envs")
		bash "$here/dns-server.sh" stop --port "$p2" 2>/dev/null
		! te_running "$pid2" && ! bash "$here/dns-server.sh" status --port "$p2" >/dev/null 2>&1 &&
			pass "stop --port $p2: named gone, status exits 3" || fail "stop --port $p2 left named $pid2"
	else
		skip "second instance: port $p2 busy"
	fi
	if [ "$mine" = 1 ]; then
		bash "$here/dns-server.sh" stop --port "$port" 2>/dev/null
		! te_running "$NETKIT_DNS_PID" && pass "stop --port $port" || fail "stop --port $port left named running"
	fi
}

sec_netns() {
	echo "== netns"
	if ! te_root; then
		skip "netns (needs root)"
		return
	fi
	local envs t0
	bash "$here/netns.sh" status >/dev/null 2>&1 || undo+=("bash '$here/netns.sh' down")
	t0=$(te_clock)
	if ! envs=$(bash "$here/netns.sh" up 2>"$tmp/err"); then
		cat "$tmp/err"
		fail "netns.sh up"
		return
	fi
	pass "netns.sh up ($(te_elapsed "$t0") s)"
	grep -E '^netns: (ok|SKIP) ' "$tmp/err" | sed 's/^netns: /info  /'
	eval "$envs"
	local A=$NETKIT_NETNS_A B=$NETKIT_NETNS_B
	eq "netns.sh up again prints the same" "$(bash "$here/netns.sh" up 2>/dev/null)" "$envs"
	eq "veth-a0 MTU, veth-a1 MTU" "$(ip -n "$A" -o link show veth-a0 | grep -o 'mtu [0-9]*') $(ip -n "$A" -o link show veth-a1 | grep -o 'mtu [0-9]*')" "mtu 1500 mtu 9000"
	eq "veth-a0 global addresses" "$(ip -n "$A" -o addr show dev veth-a0 scope global | awk '{print $4}' | sort | tr '\n' ' ')" \
		"198.51.100.1/25 198.51.100.11/25 198.51.100.12/25 2001:db8:100::1/64 2001:db8:100::11/64 2001:db8:100::12/64 "
	if [ "$NETKIT_NETNS_DUMMY_KIND" != none ]; then
		eq "dummy0 ($NETKIT_NETNS_DUMMY_KIND) MTU and MAC" "$(ip -n "$A" -o link show dummy0 | grep -oE 'mtu [0-9]+|ether [0-9a-f:]+' | tr '\n' ' ')" "mtu 1280 ether 00:00:5e:00:53:01 "
	fi
	eq "multicast route 224.0.0.0/4 in $B" "$(ip -n "$B" route show 224.0.0.0/4 | awk '{print $1, $3}')" "224.0.0.0/4 veth-b0"
	eq "multicast route ff05::/16 in $A" "$(ip -n "$A" -6 route show table local type multicast | awk '$2=="ff05::/16"{print $4}')" veth-a0
	if ! command -v ping >/dev/null; then te_need_pkgs iputils-ping 2>/dev/null || true; fi
	if command -v ping >/dev/null; then
		local dst
		for dst in "$NETKIT_NETNS_B_IP4" "$NETKIT_NETNS_B_IP6" 198.51.100.130 2001:db8:101::2; do
			ip netns exec "$A" ping -n -c 1 -W 2 "$dst" >/dev/null 2>&1 && pass "ping $A -> $dst" || fail "ping $A -> $dst"
		done
		if [ "$NETKIT_NETNS_SUB_KIND" != none ]; then
			ip netns exec "$B" ping -n -c 1 -W 2 203.0.113.1 >/dev/null 2>&1 && pass "ping over $NETKIT_NETNS_SUB_KIND $B -> 203.0.113.1" || fail "ping over the sub-interface"
		fi
		ip netns exec "$A" ping -n -c 1 -W 2 -M 'do' -s 8972 198.51.100.130 >/dev/null 2>&1 &&
			pass "8972-byte ping, DF set, over the jumbo link" || fail "jumbo ping over veth-a1"
		ip netns exec "$A" ping -n -c 1 -W 2 -M 'do' -s 1473 198.51.100.2 >/dev/null 2>&1 &&
			fail "1473-byte DF ping over the 1500 link should fail" || pass "1473-byte DF ping over the 1500 link fails"
		ping -n -c 1 -W 1 "$NETKIT_NETNS_B_IP4" >/dev/null 2>&1 && fail "host reaches $NETKIT_NETNS_B_IP4 (should be isolated)" ||
			pass "the host cannot reach the namespaces"
	else
		skip "ping (iputils-ping not installable)"
	fi
	eq "netns.sh exec b" "$(bash "$here/netns.sh" exec b cat /proc/net/dev | grep -c 'veth-b[01]:')" 2
	bash "$here/netns.sh" down 2>/dev/null
	! ip netns list | grep -q "^$A\b" && ! bash "$here/netns.sh" status >/dev/null 2>&1 &&
		pass "netns.sh down removes $A and $B" || fail "netns.sh down"
	bash "$here/netns.sh" down 2>/dev/null && pass "netns.sh down twice" || fail "netns.sh down twice"
}

gocheck() {
	[ -x "$tmp/gocheck" ] && return 0
	command -v go >/dev/null || return 1
	mkdir -p "$tmp/src"
	printf 'module gocheck\n\ngo 1.22\n' >"$tmp/src/go.mod"
	cat >"$tmp/src/main.go" <<'EOF'
package main

import (
	"context"
	"fmt"
	"net"
	"sort"
)

func main() {
	for _, h := range []string{"host", "hosts-only.netkit.test", "override.netkit.test", "many.netkit.test"} {
		a, err := net.DefaultResolver.LookupHost(context.Background(), h)
		sort.Strings(a)
		if len(a) > 2 {
			a = []string{fmt.Sprint(len(a))}
		}
		fmt.Println("go", h, a, err)
	}
}
EOF
	(cd "$tmp/src" && GOWORK=off GOFLAGS='' go build -o "$tmp/gocheck" .) >&2 && chmod 755 "$tmp/gocheck"
}

sec_sandbox() {
	echo "== sandbox"
	local modes=() m out
	if te_root; then
		modes=(--netns)
		if bash "$here/dns-server.sh" status --port 53 >/dev/null 2>&1; then
			modes=(--host --netns)
		elif [ -n "$(te_port_taken udp 127.0.0.1 53)$(te_port_taken tcp 127.0.0.1 53)" ]; then
			skip "resolv-sandbox.sh --host: 127.0.0.1:53 is held by a server outside $(te_state): $(te_port_taken udp 127.0.0.1 53 | grep -o 'users:.*')"
		else
			modes=(--host --netns)
			undo+=("bash '$here/dns-server.sh' stop --port 53")
		fi
	else
		skip "resolv-sandbox.sh --host (needs root)"
		modes=(--netns)
	fi
	gocheck || fail "building the Go check program"
	for m in "${modes[@]}"; do
		out=$(bash "$here/resolv-sandbox.sh" "$m" bash -c '
			echo "mode $NETKIT_RESOLV_SANDBOX $NETKIT_DNS_ADDR $NETKIT_DNS_ZONE"
			getent hosts host.netkit.test hosts-only override.netkit.test Mixed-Case.netkit.test | awk "{print \$1, \$2}"
			echo "many $(getent hosts many.netkit.test | wc -l)"
			echo "nx $(getent hosts nxdomain.netkit.test >/dev/null; echo $?)"
			echo "ptr $(getent hosts 2001:db8:10::1 | awk "{print \$2}")"
			GODEBUG=netdns=go '"$tmp/gocheck"'
			[ -f "$NETKIT_SANDBOX_HOSTS" ] && [ -f "$NETKIT_SANDBOX_RESOLV_CONF" ] && echo files ok
			exit 3' 2>"$tmp/err")
		eq "$m: exit status of the command" "$?" 3
		eq "$m: variables" "$(sed -n 1p <<<"$out")" "mode ${m#--} 127.0.0.1:53 netkit.test."
		eq "$m: getent (DNS, hosts file, override, any case)" "$(sed -n 2,5p <<<"$out" | tr '\n' ' ')" \
			"2001:db8:10::1 host.netkit.test 127.0.20.1 hosts-only.netkit.test 127.0.20.2 override.netkit.test 127.0.20.3 Mixed-Case.netkit.test "
		eq "$m: getent many (60 AAAA, over TCP), NXDOMAIN exit 2, PTR" "$(sed -n 6,8p <<<"$out" | tr '\n' ' ')" "many 60 nx 2 ptr host.netkit.test "
		eq "$m: Go resolver (netdns=go)" "$(sed -n 's/^go //p' <<<"$out" | tr '\n' '|')" \
			"host [127.0.10.1 2001:db8:10::1] <nil>|hosts-only.netkit.test [127.0.20.1] <nil>|override.netkit.test [127.0.20.2] <nil>|many.netkit.test [160] <nil>|"
		eq "$m: NETKIT_SANDBOX_HOSTS/RESOLV_CONF" "$(tail -1 <<<"$out")" "files ok"
		grep -q error "$tmp/err" && cat "$tmp/err"
	done
	eq "stdin reaches the command" "$(echo piped | bash "$here/resolv-sandbox.sh" --netns cat 2>/dev/null)" piped
	eq "/etc/resolv.conf outside is untouched" "$(grep -c 'written by resolv-sandbox' /etc/resolv.conf)" 0
	if te_root && id nobody >/dev/null 2>&1; then
		out=$(runuser -u nobody -- env NETKIT_TESTENV_STATE="$tmp/nobody" bash "$here/resolv-sandbox.sh" --netns getent hosts hosts-only host.netkit.test 2>&1) &&
			eq "--netns as nobody (user namespace)" "$(grep -c netkit.test <<<"$out")" 2 ||
			skip "--netns as nobody: $(tail -1 <<<"$out")"
	fi
}

sec_updown() {
	echo "== updown"
	if bash "$here/dns-server.sh" status --port "$port" >/dev/null 2>&1 || { te_root && bash "$here/netns.sh" status >/dev/null 2>&1; }; then
		skip "up/down: an environment is already running under $(te_state) (set NETKIT_TESTENV_STATE, NETKIT_DNS_PORT, NETKIT_NETNS_PREFIX to test beside it)"
		return
	fi
	undo+=("bash '$here/down.sh'")
	local envs v
	envs=$(bash "$here/up.sh" 2>"$tmp/err") && pass "up.sh" || {
		cat "$tmp/err"
		fail "up.sh"
	}
	local want=(NETKIT_TESTENV_STATE NETKIT_DNS_ADDR NETKIT_DNS_ADDR6 NETKIT_DNS_PORT NETKIT_DNS_ZONE NETKIT_DNS_PID NETKIT_DNS_STATE)
	te_root && want+=(NETKIT_NETNS_A NETKIT_NETNS_B NETKIT_NETNS_A_IF NETKIT_NETNS_B_IF NETKIT_NETNS_A_IP4 NETKIT_NETNS_B_IP4
		NETKIT_NETNS_A_IP6 NETKIT_NETNS_B_IP6 NETKIT_NETNS_MCAST4 NETKIT_NETNS_MCAST6 NETKIT_NETNS_HAS_MULTICAST)
	for v in "${want[@]}"; do grep -q "^export $v=" <<<"$envs" || fail "up.sh does not export $v"; done
	pass "up.sh exports ${#want[@]} variables"
	eq "up.sh prints only export lines" "$(grep -vc '^export ' <<<"$envs")" 0
	eq "up.sh again prints the same" "$(bash "$here/up.sh" 2>/dev/null)" "$envs"
	(
		eval "$envs"
		dig +short -p "$NETKIT_DNS_PORT" @127.0.0.1 A host.netkit.test
	) | grep -qx 127.0.10.1 && pass "dig against up.sh's server" || fail "dig against up.sh's server"
	bash "$here/down.sh" 2>/dev/null && pass "down.sh" || fail "down.sh"
	! bash "$here/dns-server.sh" status --port "$port" >/dev/null 2>&1 && pass "down.sh stopped the DNS server" || fail "DNS server still up after down.sh"
	if te_root; then ! bash "$here/netns.sh" status >/dev/null 2>&1 && pass "down.sh removed the namespaces" || fail "namespaces left after down.sh"; fi
	eq "run.sh passes the status and variables" "$(bash "$here/run.sh" sh -c 'echo $NETKIT_DNS_ZONE; exit 4' 2>/dev/null; echo $?)" "netkit.test.
4"
	! bash "$here/dns-server.sh" status --port "$port" >/dev/null 2>&1 && pass "run.sh cleaned up" || fail "run.sh left the server running"
}

t0=$(te_clock)
for s in "${secs[@]}"; do "sec_$s"; done
echo "selftest took $(te_elapsed "$t0") s"
echo "$npass passed, $nfail failed, $nskip skipped"
[ "$nfail" = 0 ]
