module github.com/netkit-go/netkit/conn

go 1.26.0

require (
	github.com/netkit-go/netkit/addr v0.0.0
	github.com/netkit-go/netkit/iface v0.0.0
	github.com/netkit-go/netkit/poller v0.0.0
	github.com/netkit-go/netkit/resolver v0.0.0
	github.com/netkit-go/netkit/sockopt v0.0.0
)

require (
	github.com/stretchr/testify v1.12.1 // indirect
	go.uber.org/goleak v1.3.0 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)

replace (
	github.com/netkit-go/netkit/addr => ../addr
	github.com/netkit-go/netkit/iface => ../iface
	github.com/netkit-go/netkit/poller => ../poller
	github.com/netkit-go/netkit/resolver => ../resolver
	github.com/netkit-go/netkit/sockopt => ../sockopt
)
