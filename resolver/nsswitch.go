package resolver

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// NSSConf is a parsed nsswitch.conf(5): for each database ("hosts",
// "passwd", ...) its sources in order.
type NSSConf struct {
	// Sources maps a database name to its sources in order.
	Sources map[string][]NSSSource
	// Err is the error met reading or parsing the file, if any.
	Err error

	mtime time.Time
}

// NSSSource is one source of a database ("files", "dns", "myhostname",
// "mdns4_minimal", ...) with its [STATUS=ACTION] criteria.
type NSSSource struct {
	Source   string
	Criteria []NSSCriterion
}

// NSSCriterion is one STATUS=ACTION pair, e.g. [!UNAVAIL=return].
type NSSCriterion struct {
	Negate bool   // "!" before the status
	Status string // lower case: "success", "notfound", "unavail", "tryagain"
	Action string // lower case: "return", "continue", "merge"
}

// standardCriteria reports whether the criteria only restate glibc's
// defaults (a trailing "=return" is allowed, as in "files [NOTFOUND=return]").
// Sources with other criteria make the standard library defer to cgo.
func (s NSSSource) standardCriteria() bool {
	for i, c := range s.Criteria {
		if !c.standard(i == len(s.Criteria)-1) {
			return false
		}
	}
	return true
}

// notFoundReturn reports whether the source has [NOTFOUND=return].
func (s NSSSource) notFoundReturn() bool {
	for _, c := range s.Criteria {
		if !c.Negate && c.Status == "notfound" && c.Action == "return" {
			return true
		}
	}
	return false
}

func (c NSSCriterion) standard(last bool) bool {
	if c.Negate {
		return false
	}
	var def string
	switch c.Status {
	case "success":
		def = "return"
	case "notfound", "unavail", "tryagain":
		def = "continue"
	default:
		return false
	}
	if last && c.Action == "return" {
		return true
	}
	return c.Action == def
}

// ParseNSSConf parses nsswitch.conf text. A line without a colon or with a
// malformed criterion sets Err (and stops parsing), as the standard library
// does; the returned error is only ever a read error.
func ParseNSSConf(r io.Reader) (*NSSConf, error) {
	conf := &NSSConf{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		colon := strings.IndexByte(line, ':')
		if colon == -1 {
			conf.Err = errors.New("no colon on line")
			return conf, nil
		}
		db := strings.TrimSpace(line[:colon])
		srcs := line[colon+1:]
		for {
			srcs = strings.TrimSpace(srcs)
			if srcs == "" {
				break
			}
			var src string
			if sp := strings.IndexAny(srcs, " \t"); sp == -1 {
				src, srcs = srcs, ""
			} else {
				src, srcs = srcs[:sp], strings.TrimSpace(srcs[sp+1:])
			}
			var criteria []NSSCriterion
			if len(srcs) > 0 && srcs[0] == '[' {
				bclose := strings.IndexByte(srcs, ']')
				if bclose == -1 {
					conf.Err = errors.New("unclosed criterion bracket")
					return conf, nil
				}
				var err error
				if criteria, err = parseCriteria(srcs[1:bclose]); err != nil {
					conf.Err = errors.New("invalid criteria: " + srcs[1:bclose])
					return conf, nil
				}
				srcs = srcs[bclose+1:]
			}
			if conf.Sources == nil {
				conf.Sources = map[string][]NSSSource{}
			}
			conf.Sources[db] = append(conf.Sources[db], NSSSource{Source: src, Criteria: criteria})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return conf, nil
}

func parseCriteria(x string) ([]NSSCriterion, error) {
	var c []NSSCriterion
	for _, f := range strings.Fields(x) {
		not := false
		if f[0] == '!' {
			not = true
			f = f[1:]
		}
		if len(f) < 3 {
			return nil, errors.New("criterion too short")
		}
		eq := strings.IndexByte(f, '=')
		if eq == -1 {
			return nil, errors.New("criterion lacks equal sign")
		}
		f = lowerASCII(f)
		c = append(c, NSSCriterion{Negate: not, Status: f[:eq], Action: f[eq+1:]})
	}
	return c, nil
}

// loadNSSConf reads an nsswitch.conf file; read errors land in Err.
func loadNSSConf(path string) *NSSConf {
	f, err := os.Open(path)
	if err != nil {
		return &NSSConf{Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return &NSSConf{Err: err}
	}
	conf, err := ParseNSSConf(f)
	if err != nil {
		return &NSSConf{Err: err, mtime: fi.ModTime()}
	}
	conf.mtime = fi.ModTime()
	return conf
}

// reloading holds a configuration read from a file, checked for changes at
// most every 5 seconds (by modification time), like the standard library.
type reloading[T any] struct {
	path  string
	load  func(path string) T
	mtime func(T) time.Time
	keep  func(T) bool // true: never reload (resolv.conf no-reload)

	once    sync.Once
	mu      sync.Mutex
	checked time.Time
	ptr     atomic.Pointer[T]
}

func (r *reloading[T]) get() T {
	r.once.Do(func() {
		v := r.load(r.path)
		r.ptr.Store(&v)
		r.checked = time.Now()
	})
	cur := *r.ptr.Load()
	if r.keep != nil && r.keep(cur) {
		return cur
	}
	if !r.mu.TryLock() {
		return cur
	}
	defer r.mu.Unlock()
	now := time.Now()
	if r.checked.After(now.Add(-5 * time.Second)) {
		return cur
	}
	r.checked = now
	var mtime time.Time
	if fi, err := os.Stat(r.path); err == nil {
		mtime = fi.ModTime()
	}
	if mtime.Equal(r.mtime(cur)) {
		return cur
	}
	v := r.load(r.path)
	r.ptr.Store(&v)
	return v
}
