package netcompat_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeps keeps netcompat's import graph to the standard library, the
// netkit modules and the two x/ modules DESIGN.md allows.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, p := range strings.Fields(string(out)) {
		first := strings.SplitN(p, "/", 2)[0]
		if !strings.Contains(first, ".") {
			continue // standard library
		}
		ok := strings.HasPrefix(p, "github.com/netkit-go/netkit/") ||
			strings.HasPrefix(p, "golang.org/x/sys/") ||
			strings.HasPrefix(p, "golang.org/x/net/")
		require.True(t, ok, "netcompat depends on %s, which DESIGN.md does not allow", p)
	}
}
