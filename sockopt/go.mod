module github.com/netkit-go/netkit/sockopt

go 1.26.0

require (
	github.com/netkit-go/netkit/addr v0.0.0
	github.com/netkit-go/netkit/poller v0.0.0
	github.com/stretchr/testify v1.12.1
	go.uber.org/goleak v1.3.0
	golang.org/x/net v0.62.0
	golang.org/x/sys v0.50.0
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect

replace github.com/netkit-go/netkit/addr => ../addr

replace github.com/netkit-go/netkit/poller => ../poller
