package conn_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeps enforces conn's place in the layers (DESIGN.md, "Layers"):
// conn may build on addr, poller, sockopt, iface and resolver, never on
// pipe, netcompat or examples, on every platform it builds for.
func TestDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not in PATH: cannot run go list -deps")
	}
	allowed := map[string]bool{"addr": true, "poller": true, "sockopt": true, "iface": true, "resolver": true, "conn": true}
	for _, target := range []struct{ goos, goarch string }{
		{"", ""}, {"linux", "386"}, {"darwin", "arm64"}, {"freebsd", "amd64"},
	} {
		cmd := exec.Command("go", "list", "-deps", ".")
		if target.goos != "" {
			cmd.Env = append(cmd.Environ(), "GOOS="+target.goos, "GOARCH="+target.goarch)
		}
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go list -deps: %s", out)
		for _, dep := range strings.Fields(string(out)) {
			if sib, ok := strings.CutPrefix(dep, "github.com/netkit-go/netkit/"); ok {
				if !allowed[strings.SplitN(sib, "/", 2)[0]] {
					t.Errorf("%s/%s: conn depends on %q", target.goos, target.goarch, dep)
				}
			}
		}
	}
}

// TestNetUsage: conn imports the standard library's net only for its
// interface types and net.ErrClosed, never for I/O, parsing or
// resolution.
func TestNetUsage(t *testing.T) {
	allowed := map[string]bool{"Conn": true, "Addr": true, "Listener": true, "PacketConn": true, "Error": true, "ErrClosed": true}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		netName := ""
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "net" {
				netName = "net"
				if imp.Name != nil {
					netName = imp.Name.Name
				}
			}
		}
		if netName == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == netName && id.Obj == nil {
				assert.True(t, allowed[sel.Sel.Name], "%s: uses net.%s", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}
