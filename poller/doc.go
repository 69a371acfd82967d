// Package poller provides non-blocking socket file descriptors whose
// blocking-style methods park the calling goroutine in the Go runtime's
// network poller (FD), and the platform readiness API itself — epoll on
// Linux, kqueue on the BSDs and macOS — for callers that run their own event
// loop (Poller).
package poller
