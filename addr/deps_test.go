package addr_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// forbiddenDeps are the packages addr must never pull in (DESIGN.md,
// "Layers"): addr is the part people embed alone in small binaries, WASM
// and TinyGo.
var forbiddenDeps = []string{"net", "os", "syscall", "fmt", "reflect"}

func TestDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not in PATH: cannot run go list -deps")
	}
	for _, target := range []struct{ goos, goarch string }{
		{"", ""}, {"js", "wasm"}, {"wasip1", "wasm"}, {"windows", "amd64"},
	} {
		cmd := exec.Command("go", "list", "-deps", ".")
		if target.goos != "" {
			cmd.Env = append(cmd.Environ(), "GOOS="+target.goos, "GOARCH="+target.goarch)
		}
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go list -deps: %s", out)
		for _, dep := range strings.Fields(string(out)) {
			for _, bad := range forbiddenDeps {
				if dep == bad {
					t.Errorf("%s/%s: addr depends on %q", target.goos, target.goarch, dep)
				}
			}
			if strings.HasPrefix(dep, "golang.org/x/sys") {
				t.Errorf("%s/%s: addr depends on %q", target.goos, target.goarch, dep)
			}
			if strings.HasPrefix(dep, "github.com/netkit-go/netkit/") && dep != "github.com/netkit-go/netkit/addr" {
				t.Errorf("%s/%s: addr depends on sibling %q", target.goos, target.goarch, dep)
			}
		}
	}
}
