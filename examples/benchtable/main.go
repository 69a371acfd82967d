// Command benchtable pairs side-by-side benchmark results into a ratio table.
//
// It reads `go test -bench` output in which each comparison is a pair of
// sub-benchmarks ending in /netkit and /std (run in the same process, one
// after the other), takes the median of each over -count runs, and writes a
// Markdown table of netkit/std ratios (time, and allocations side by side)
// and an SVG bar chart of the time ratios (below 1.0 means netkit is faster).
// Where a benchmark also reports "cpu-ns/op" (CPU time per operation, which
// varies less than wall time on a shared machine), the table adds its ratio.
//
//	go run ./benchtable -in raw.txt -md summary.md -svg ratios.svg
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// result holds every run of one sub-benchmark.
type result struct {
	ns     []float64
	cpuNs  []float64 // "cpu-ns/op": per-thread CPU time, steadier than wall time on a shared machine
	allocs []float64
}

// pair is one netkit/std comparison.
type pair struct {
	name        string
	netkit, std result
}

func main() {
	in := flag.String("in", "-", "benchmark output to read (- for stdin)")
	md := flag.String("md", "", "Markdown table to write (stdout when empty)")
	svg := flag.String("svg", "", "SVG chart to write (none when empty)")
	flag.Parse()

	r := io.Reader(os.Stdin)
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		r = f
	}
	pairs, err := parse(r)
	if err != nil {
		log.Fatal(err)
	}
	table := markdown(pairs)
	if *md == "" {
		fmt.Print(table)
	} else if err := os.WriteFile(*md, []byte(table), 0o644); err != nil {
		log.Fatal(err)
	}
	if *svg != "" {
		if err := os.WriteFile(*svg, []byte(chart(pairs)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// parse reads benchmark lines such as
//
//	BenchmarkParseIP/v4/netkit-2   	 1000000	        25.1 ns/op	      16 B/op	       1 allocs/op
//
// and groups them by the name before the final /netkit or /std.
func parse(r io.Reader) ([]pair, error) {
	byName := map[string]*pair{}
	var order []string
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "pkg: ") {
			pkg = strings.TrimPrefix(line, "pkg: ")
			pkg = pkg[strings.LastIndex(pkg, "/")+1:]
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		var side string
		switch {
		case strings.HasSuffix(name, "/netkit"):
			side, name = "netkit", strings.TrimSuffix(name, "/netkit")
		case strings.HasSuffix(name, "/std"):
			side, name = "std", strings.TrimSuffix(name, "/std")
		default:
			continue
		}
		key := pkg + "." + strings.TrimPrefix(name, "Benchmark")
		p := byName[key]
		if p == nil {
			p = &pair{name: key}
			byName[key] = p
			order = append(order, key)
		}
		res := &p.netkit
		if side == "std" {
			res = &p.std
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				res.ns = append(res.ns, v)
			case "cpu-ns/op":
				res.cpuNs = append(res.cpuNs, v)
			case "allocs/op":
				res.allocs = append(res.allocs, v)
			}
		}
	}
	var pairs []pair
	for _, k := range order {
		p := byName[k]
		if len(p.netkit.ns) > 0 && len(p.std.ns) > 0 {
			pairs = append(pairs, *p)
		}
	}
	return pairs, sc.Err()
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func markdown(pairs []pair) string {
	var b strings.Builder
	b.WriteString("| benchmark | netkit ns/op | std ns/op | time ratio netkit/std | CPU ratio netkit/std | allocs/op netkit | allocs/op std |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, p := range pairs {
		n, s := median(p.netkit.ns), median(p.std.ns)
		cpu := "–"
		if len(p.netkit.cpuNs) > 0 && len(p.std.cpuNs) > 0 {
			cpu = fmt.Sprintf("%.3g", median(p.netkit.cpuNs)/median(p.std.cpuNs))
		}
		fmt.Fprintf(&b, "| %s | %.4g | %.4g | %.3g | %s | %s | %s |\n", p.name, n, s, n/s, cpu,
			fmtAllocs(p.netkit.allocs), fmtAllocs(p.std.allocs))
	}
	return b.String()
}

func fmtAllocs(v []float64) string {
	if len(v) == 0 {
		return "–"
	}
	return strconv.FormatFloat(median(v), 'f', -1, 64)
}

// chart draws one horizontal bar per pair on a log2 axis centred on 1.0.
func chart(pairs []pair) string {
	const rowH, left, width = 18, 360, 420
	h := rowH*len(pairs) + 60
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">`+"\n", left+width+80, h)
	fmt.Fprintf(&b, `<text x="10" y="16" font-size="13">netkit / stdlib time ratio (log scale; left of the line = netkit faster)</text>`+"\n")
	mid := left + width/2
	scale := float64(width/2) / 3 // ±3 doublings
	for i, p := range pairs {
		y := 30 + i*rowH
		ratio := median(p.netkit.ns) / median(p.std.ns)
		x := math.Log2(ratio) * scale
		x = math.Max(-float64(width/2), math.Min(float64(width/2), x))
		color := "#2e7d32"
		if ratio > 1.05 {
			color = "#c62828"
		}
		x0, w := float64(mid), x
		if x < 0 {
			x0, w = float64(mid)+x, -x
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", left-6, y+12, escape(p.name))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>`+"\n", x0, y+2, math.Max(w, 1), rowH-4, color)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%.2f</text>`+"\n", left+width+6, y+12, ratio)
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="26" x2="%d" y2="%d" stroke="black"/>`+"\n", mid, mid, h-20)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">1.0</text>`+"\n", mid, h-6)
	b.WriteString("</svg>\n")
	return b.String()
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
