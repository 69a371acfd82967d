package resolver_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeps enforces DESIGN.md's layering: resolver (and dnstest) may import
// addr, poller and iface among the siblings, and never the standard
// library's net package.
func TestDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not in PATH: cannot run go list -deps")
	}
	allowed := map[string]bool{
		"github.com/netkit-go/netkit/addr":             true,
		"github.com/netkit-go/netkit/poller":           true,
		"github.com/netkit-go/netkit/iface":            true,
		"github.com/netkit-go/netkit/resolver":         true,
		"github.com/netkit-go/netkit/resolver/dnstest": true,
	}
	for _, target := range []struct{ goos, goarch string }{
		{"", ""}, {"darwin", "arm64"}, {"freebsd", "amd64"}, {"windows", "amd64"},
	} {
		for _, pkg := range []string{".", "./dnstest"} {
			cmd := exec.Command("go", "list", "-deps", pkg)
			if target.goos != "" {
				cmd.Env = append(cmd.Environ(), "GOOS="+target.goos, "GOARCH="+target.goarch)
			}
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "go list -deps %s: %s", pkg, out)
			for _, dep := range strings.Fields(string(out)) {
				if dep == "net" || dep == "crypto/tls" || strings.HasPrefix(dep, "net/http") {
					t.Errorf("%s/%s: %s depends on %q", target.goos, target.goarch, pkg, dep)
				}
				if strings.HasPrefix(dep, "github.com/netkit-go/netkit/") && !allowed[dep] {
					t.Errorf("%s/%s: %s depends on sibling %q", target.goos, target.goarch, pkg, dep)
				}
			}
		}
	}
}
