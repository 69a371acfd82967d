package pipe_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeps enforces the layering: pipe may import only the addr module
// among its siblings, and nothing from x/sys.
func TestDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not in PATH: cannot run go list -deps")
	}
	for _, goos := range []string{"", "darwin", "windows"} {
		cmd := exec.Command("go", "list", "-deps", ".")
		if goos != "" {
			cmd.Env = append(cmd.Environ(), "GOOS="+goos, "GOARCH=arm64")
		}
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go list -deps: %s", out)
		deps := strings.Fields(string(out))
		require.Contains(t, deps, "github.com/netkit-go/netkit/addr")
		for _, dep := range deps {
			if strings.HasPrefix(dep, "github.com/netkit-go/netkit/") &&
				dep != "github.com/netkit-go/netkit/addr" && dep != "github.com/netkit-go/netkit/pipe" {
				t.Errorf("GOOS=%s: pipe depends on sibling %q", goos, dep)
			}
			if strings.HasPrefix(dep, "golang.org/x/") {
				t.Errorf("GOOS=%s: pipe depends on %q", goos, dep)
			}
		}
	}
}
