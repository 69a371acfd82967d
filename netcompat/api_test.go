package netcompat_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAPICoverage type-checks every item of the documented API lists
// (seed: the Go 1.5 net API; modern: the Go 1.6–1.26 additions) against
// netcompat with the project's API checker, which lives in the shared
// folder beside the checkout.
func TestAPICoverage(t *testing.T) {
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	script := filepath.Join(root, "..", "shared", "tools", "apicheck", "run.sh")
	if _, err := os.Stat(script); err != nil {
		t.Skipf("API checker not found at %s (it comes with the shared folder beside the checkout): %v", script, err)
	}
	for _, tc := range []struct{ list, want string }{
		{"seed-api.txt", "api: 302/302 API items present"},
		{"modern-api.txt", "api: 75/75 API items present"},
	} {
		t.Run(tc.list, func(t *testing.T) {
			cmd := exec.Command(script, "netkit", root)
			cmd.Env = append(os.Environ(), "API="+filepath.Join(root, "..", "shared", "spec", tc.list))
			out, _ := cmd.CombinedOutput()
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			require.Equal(t, tc.want, lines[len(lines)-1], "%s", out)
		})
	}
}
