module github.com/netkit-go/netkit/sockopt

go 1.26.0

require github.com/netkit-go/netkit/addr v0.0.0

require (
	github.com/stretchr/testify v1.12.1 // indirect
	go.uber.org/goleak v1.3.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)

replace github.com/netkit-go/netkit/addr => ../addr
