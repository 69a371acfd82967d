package poller_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps enforces the layering: poller imports no sibling module and
// never the net package (tests may; they are not in this list).
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./...").CombinedOutput()
	if err != nil {
		t.Skipf("go list unavailable (%v): %s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "net" || strings.HasPrefix(dep, "net/") && dep != "net/netip" {
			t.Errorf("poller depends on %q", dep)
		}
		if strings.HasPrefix(dep, "github.com/netkit-go/netkit/") && !strings.HasPrefix(dep, "github.com/netkit-go/netkit/poller") {
			t.Errorf("poller depends on sibling %q", dep)
		}
	}
}
