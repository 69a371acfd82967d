package conn_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var wrkRPS = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)

// TestWrkHello serves the net/http hello world on a netkit listener and on
// a standard library listener and loads each with wrk (Debian package
// wrk), alternating three 3-second runs, then logs requests/s and the
// netkit/std ratio of the medians. It runs when NETKIT_WRK=1
// (`NETKIT_WRK=1 go test -run TestWrkHello -v .`; make bench measures the
// same comparison with scripts/bench-http.sh and examples/httphello); it
// fails on wrk errors, not on the ratio, which a busy machine makes
// unreliable.
func TestWrkHello(t *testing.T) {
	if os.Getenv("NETKIT_WRK") == "" {
		t.Skip("set NETKIT_WRK=1 to load the hello-world server with wrk")
	}
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		t.Skip("wrk not installed (Debian package wrk)")
	}
	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "Hello, World!\n")
	})
	rps := map[string][]float64{}
	for round := 0; round < 3; round++ {
		for _, im := range impls {
			ln, err := im.listen("tcp4", "127.0.0.1:0")
			require.NoError(t, err)
			srv := &http.Server{Handler: hello, ReadHeaderTimeout: 5 * time.Second}
			go srv.Serve(ln)
			out, err := exec.Command(wrk, "-t2", "-c64", "-d3s", "http://"+ln.Addr().String()+"/").CombinedOutput()
			srv.Close()
			require.NoError(t, err, "wrk: %s", out)
			require.NotContains(t, string(out), "Non-2xx", "%s", out)
			require.NotContains(t, string(out), "Socket errors", "%s", out)
			m := wrkRPS.FindSubmatch(out)
			require.NotNil(t, m, "no Requests/sec in wrk output: %s", out)
			v, _ := strconv.ParseFloat(string(m[1]), 64)
			rps[im.name] = append(rps[im.name], v)
			t.Logf("round %d %s: %.0f req/s", round, im.name, v)
		}
	}
	median := func(v []float64) float64 {
		sort.Float64s(v)
		return v[len(v)/2]
	}
	nk, std := median(rps["netkit"]), median(rps["std"])
	t.Logf("wrk -t2 -c64 -d3s, median of 3: netkit %.0f req/s, std %.0f req/s, ratio netkit/std %.2f", nk, std, nk/std)
}
