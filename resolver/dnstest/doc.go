// Package dnstest runs DNS servers that answer from a Go function over real
// UDP and TCP sockets on loopback, and that can be told to misbehave: drop
// queries, answer late, truncate, answer with a wrong ID or question, send
// malformed or compression-loop messages, or fail with SERVFAIL. It is for
// testing DNS clients (the resolver package's own tests use it) where a real
// server cannot produce the case.
//
// It speaks the wire format through golang.org/x/net/dns/dnsmessage and uses
// netkit's poller for its sockets (no package net).
package dnstest
