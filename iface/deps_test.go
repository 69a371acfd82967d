package iface_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeps checks the layering of DESIGN.md: iface imports addr and no
// other sibling, and never the standard library's net.
func TestDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not in PATH: cannot run go list -deps")
	}
	for _, target := range []struct{ goos, goarch string }{
		{"", ""}, {"darwin", "arm64"}, {"freebsd", "amd64"}, {"windows", "amd64"}, {"linux", "386"},
	} {
		cmd := exec.Command("go", "list", "-deps", ".")
		if target.goos != "" {
			cmd.Env = append(cmd.Environ(), "GOOS="+target.goos, "GOARCH="+target.goarch, "CGO_ENABLED=0")
		}
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go list -deps: %s", out)
		for _, dep := range strings.Fields(string(out)) {
			if dep == "net" || strings.HasPrefix(dep, "net/") && dep != "net/netip" {
				t.Errorf("%s/%s: iface depends on %q", target.goos, target.goarch, dep)
			}
			if strings.HasPrefix(dep, "github.com/netkit-go/netkit/") && dep != "github.com/netkit-go/netkit/addr" && dep != "github.com/netkit-go/netkit/iface" {
				t.Errorf("%s/%s: iface depends on sibling %q", target.goos, target.goarch, dep)
			}
		}
	}
}
