module github.com/netkit-go/netkit/examples

go 1.26.0

require (
	github.com/netkit-go/netkit/addr v0.0.0
	github.com/netkit-go/netkit/conn v0.0.0
	github.com/netkit-go/netkit/iface v0.0.0
	github.com/netkit-go/netkit/pipe v0.0.0
	github.com/netkit-go/netkit/resolver v0.0.0
	github.com/netkit-go/netkit/sockopt v0.0.0
	github.com/stretchr/testify v1.12.1
	go.uber.org/goleak v1.3.0
	golang.org/x/net v0.62.0
)

require (
	github.com/netkit-go/netkit/poller v0.0.0
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/sys v0.50.0
)

replace (
	github.com/netkit-go/netkit/addr => ../addr
	github.com/netkit-go/netkit/conn => ../conn
	github.com/netkit-go/netkit/iface => ../iface
	github.com/netkit-go/netkit/netcompat => ../netcompat
	github.com/netkit-go/netkit/pipe => ../pipe
	github.com/netkit-go/netkit/poller => ../poller
	github.com/netkit-go/netkit/resolver => ../resolver
	github.com/netkit-go/netkit/sockopt => ../sockopt
)
