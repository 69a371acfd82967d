//go:build unix

package resolver

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolvConfReload(t *testing.T) {
	path := t.TempDir() + "/resolv.conf"
	require.NoError(t, os.WriteFile(path, []byte("nameserver 127.0.0.2\n"), 0o644))
	r := reloading[*Config]{
		path:  path,
		load:  func(p string) *Config { c := LoadResolvConf(p); return &c },
		mtime: func(c *Config) time.Time { return c.mtime },
		keep:  func(c *Config) bool { return c.NoReload },
	}
	assert.Equal(t, []string{"127.0.0.2:53"}, r.get().Servers)
	require.NoError(t, os.WriteFile(path, []byte("nameserver 127.0.0.3\noptions no-reload\n"), 0o644))
	require.NoError(t, os.Chtimes(path, time.Now().Add(time.Minute), time.Now().Add(time.Minute)))
	assert.Equal(t, []string{"127.0.0.2:53"}, r.get().Servers, "checked at most every 5 seconds")
	r.checked = time.Time{}
	assert.Equal(t, []string{"127.0.0.3:53"}, r.get().Servers, "a changed file is re-read")
	require.NoError(t, os.WriteFile(path, []byte("nameserver 127.0.0.4\n"), 0o644))
	require.NoError(t, os.Chtimes(path, time.Now().Add(2*time.Minute), time.Now().Add(2*time.Minute)))
	r.checked = time.Time{}
	assert.Equal(t, []string{"127.0.0.3:53"}, r.get().Servers, "options no-reload freezes it")
}

func TestParseServerZone(t *testing.T) {
	s := parseServer("[fe80::1%lo]:53")
	require.NoError(t, s.err)
	assert.Equal(t, "lo", s.zone)
	assert.Positive(t, zoneIndex("lo"), "the loopback interface has an index")
	assert.Equal(t, 7, zoneIndex("7"))
	assert.Equal(t, 0, zoneIndex("no-such-interface-xyz"))
	assert.Error(t, parseServer("bogus").err)
}
