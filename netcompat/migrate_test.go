package netcompat_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMigration builds a program written for package net twice — as
// written, and with only its import changed to netcompat — runs both and
// requires the same output, line for line.
func TestMigration(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programs: skipped with -short")
	}
	src, err := os.ReadFile("testdata/migrate/main.go.txt")
	require.NoError(t, err)
	root, err := filepath.Abs("..")
	require.NoError(t, err)

	run := func(name, importLine string) string {
		dir := t.TempDir()
		prog := strings.Replace(string(src), "\t\"net\"\n", "\t"+importLine+"\n", 1)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(prog), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module migrate\n\ngo 1.26.0\n"), 0o644))
		// A workspace with every netkit module, as a user's replace
		// directives or a release would provide.
		work := "go 1.26.0\n\nuse .\n"
		ents, err := os.ReadDir(root)
		require.NoError(t, err)
		for _, e := range ents {
			if _, err := os.Stat(filepath.Join(root, e.Name(), "go.mod")); err == nil {
				work += "use " + filepath.Join(root, e.Name()) + "\n"
			}
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, "go.work"), []byte(work), 0o644))
		bin := filepath.Join(dir, name)
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Dir = dir
		build.Env = append(os.Environ(), "GOWORK="+filepath.Join(dir, "go.work"))
		out, err := build.CombinedOutput()
		require.NoError(t, err, "building the %s version:\n%s", name, out)
		out, err = exec.Command(bin).CombinedOutput()
		require.NoError(t, err, "running the %s version:\n%s", name, out)
		return string(out)
	}
	std := run("std", `"net"`)
	netkit := run("netkit", `net "github.com/netkit-go/netkit/netcompat"`)
	assert.Equal(t, std, netkit, "the program must behave the same with only its import changed")
	assert.Contains(t, netkit, "echo: hello over tcp")
	t.Logf("output of both versions:\n%s", netkit)
}
