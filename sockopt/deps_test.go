package sockopt_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDependencies enforces the layering rule: sockopt imports no sibling
// module but addr, and never the standard library's net package.
func TestDependencies(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found in PATH: %v", err)
	}
	for _, target := range []string{"linux/amd64", "darwin/arm64", "freebsd/amd64", "windows/amd64"} {
		goos, goarch, _ := strings.Cut(target, "/")
		cmd := exec.Command(goBin, "list", "-deps", ".")
		cmd.Env = append(cmd.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go list -deps (%s): %s", target, out)
		for _, dep := range strings.Fields(string(out)) {
			if dep == "net" || strings.HasPrefix(dep, "net/") && dep != "net/netip" {
				t.Errorf("%s: sockopt depends on %s", target, dep)
			}
			if sib, ok := strings.CutPrefix(dep, "github.com/netkit-go/netkit/"); ok {
				mod, _, _ := strings.Cut(sib, "/")
				if mod != "sockopt" && mod != "addr" {
					t.Errorf("%s: sockopt depends on sibling module %s", target, dep)
				}
			}
		}
	}
}
