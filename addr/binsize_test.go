package addr_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// binsizeProgram is the same program twice: parse an IP and print it with
// the builtin println, so that nothing but the parser differs.
const binsizeProgram = `package main

import %s

var input = "2001:db8::68"

func main() {
	ip := %s.ParseIP(input)
	if ip == nil {
		panic("bad address")
	}
	println(ip.String())
}
`

// TestBinarySize builds a static, stripped program that only parses an IP
// with addr.ParseIP and the same program with net.ParseIP, and requires
// the first to be no larger than the second.
func TestBinarySize(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping two go builds")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not in PATH: cannot build the two programs")
	}
	here, err := os.Getwd()
	require.NoError(t, err)
	dir := t.TempDir()
	gomod := "module binsize\n\ngo 1.26\n\nrequire github.com/netkit-go/netkit/addr v0.0.0\n\n" +
		"replace github.com/netkit-go/netkit/addr => " + here + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644))
	progs := map[string][2]string{
		"withaddr": {`"github.com/netkit-go/netkit/addr"`, "addr"},
		"withnet":  {`"net"`, "net"},
	}
	size := map[string]int64{}
	for name, p := range progs {
		src := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(src, 0o755))
		text := fmt.Sprintf(binsizeProgram, p[0], p[1])
		require.NoError(t, os.WriteFile(filepath.Join(src, "main.go"), []byte(text), 0o644))
		out := filepath.Join(dir, name+".bin")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./"+name)
		cmd.Dir = dir
		cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=-mod=mod")
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "go build %s: %s", name, b)
		fi, err := os.Stat(out)
		require.NoError(t, err)
		size[name] = fi.Size()
	}
	t.Logf("static stripped binary: addr.ParseIP %d bytes, net.ParseIP %d bytes (%.2fx)",
		size["withaddr"], size["withnet"], float64(size["withaddr"])/float64(size["withnet"]))
	require.LessOrEqual(t, size["withaddr"], size["withnet"], "a binary using addr.ParseIP must be no larger than one using net.ParseIP")
}
