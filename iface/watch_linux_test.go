package iface_test

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/netkit-go/netkit/iface"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ipBatch(t testing.TB, ns, batch string) {
	t.Helper()
	cmd := exec.Command("ip", "-n", ns, "-batch", "-")
	cmd.Stdin = strings.NewReader(batch)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "ip -batch: %s", out)
}

// TestWatch creates and deletes an interface and addresses in a namespace
// and observes the events in order; also with bind(2) refused, where Watch
// subscribes with NETLINK_ADD_MEMBERSHIP.
func TestWatch(t *testing.T) {
	t.Run("bind", func(t *testing.T) { testWatch(t) })
	t.Run("add-membership", func(t *testing.T) {
		restore := iface.SetDenyForTest(iface.DenyBind)
		defer restore()
		testWatch(t)
	})
}

func testWatch(t *testing.T) {
	ns := newNetns(t, "link set lo up\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var events <-chan iface.Event
	inNetns(t, ns, func() {
		var err error
		events, err = iface.Watch(ctx)
		require.NoError(t, err)
	})
	// Each step runs ip commands, then waits for the events it causes, in
	// order. IPv6 announces an address from a work queue, once its link
	// is running: the steps wait for those before going on. The last step
	// makes only synchronous changes, whose events come in the order of
	// the commands.
	steps := []struct {
		batch string
		want  []string
	}{
		{"link add w0 type ifb\nlink set w0 up\n", []string{"LinkUpdated w0", "LinkUpdated w0 running"}},
		{"addr add 2001:db8:5::1/64 dev w0 nodad\n", []string{"AddrAdded 2001:db8:5::1/64"}},
		{`addr add 198.18.5.1/24 dev w0
addr add 198.18.5.2/24 dev w0
link set w0 mtu 1400
addr del 198.18.5.2/24 dev w0
addr del 2001:db8:5::1/64 dev w0
link del w0
`, []string{
			"AddrAdded 198.18.5.1/24",
			"AddrAdded 198.18.5.2/24",
			"LinkUpdated w0 mtu 1400",
			"AddrRemoved 198.18.5.2/24",
			"AddrRemoved 2001:db8:5::1/64",
			"AddrRemoved 198.18.5.1/24", // by the link's removal
			"LinkRemoved w0 mtu 1400",
		}},
	}
	var got []string
	index := 0
	timeout := time.After(20 * time.Second)
	for _, step := range steps {
		ipBatch(t, ns, step.batch)
		for next := 0; next < len(step.want); {
			select {
			case ev, ok := <-events:
				require.True(t, ok, "channel closed early; got %v", got)
				var s string
				switch ev.Type {
				case iface.LinkUpdated, iface.LinkRemoved:
					if ev.Link.Name != "w0" {
						continue
					}
					if index == 0 {
						index = ev.Link.Index
					}
					require.Equal(t, index, ev.Link.Index)
					assert.Equal(t, "ifb", ev.Link.Kind)
					s = ev.Type.String() + " w0"
					if ev.Link.MTU == 1400 {
						s += " mtu 1400"
					} else if ev.Link.Flags&iface.FlagRunning != 0 {
						s += " running"
					}
				case iface.AddrAdded, iface.AddrRemoved:
					if ev.Address.Index != index || ev.Address.Prefix.Addr().IsLinkLocalUnicast() {
						continue
					}
					s = ev.Type.String() + " " + ev.Address.Prefix.String()
				default:
					t.Fatalf("unexpected event %v", ev.Type)
				}
				got = append(got, s)
				// A link may change more than once (repeated LinkUpdated);
				// the wanted events must come in order.
				if s == step.want[next] {
					next++
				} else if strings.HasPrefix(s, "Addr") {
					t.Fatalf("address event %q out of order: wanted %q next; got %v", s, step.want[next], got)
				}
			case <-timeout:
				t.Fatalf("timed out: wanted %v in order, got %v", step.want, got)
			}
		}
	}
	t.Logf("events: %v", got)
	cancel()
	for range events { // closed once the reader has stopped
	}
}

// TestWatchOverflow lets events pile up unread behind a tiny receive
// buffer: the consumer is told with an Overflow event, and nothing blocks.
func TestWatchOverflow(t *testing.T) {
	ns := newNetns(t, "link set lo up\nlink add w0 type ifb\n")
	restore := iface.SetWatchBufferForTest(2048)
	defer restore()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var events <-chan iface.Event
	inNetns(t, ns, func() {
		var err error
		events, err = iface.Watch(ctx)
		require.NoError(t, err)
	})
	var b strings.Builder
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&b, "addr add 198.18.%d.%d/32 dev w0\n", i/200, i%200+1)
	}
	ipBatch(t, ns, b.String())
	overflow := false
	deadline := time.After(10 * time.Second)
loop:
	for !overflow {
		select {
		case ev := <-events:
			overflow = ev.Type == iface.Overflow
		case <-deadline:
			break loop
		}
	}
	require.True(t, overflow, "no Overflow event after 400 unread events behind a 2 KiB buffer")
	cancel()
	for range events {
	}
}

// TestWatchRefused: when neither bind(2) nor NETLINK_ADD_MEMBERSHIP is
// allowed, Watch says so.
func TestWatchRefused(t *testing.T) {
	restore := iface.SetDenyForTest(iface.DenyBind | iface.DenySocket)
	defer restore()
	events, err := iface.Watch(context.Background())
	require.Error(t, err)
	require.Nil(t, events)
	var fe *iface.FallbackError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "changes", fe.What)
	assert.Contains(t, err.Error(), "bind")
	assert.Contains(t, err.Error(), "setsockopt")
}

// TestWatchCancel checks that a Watch nobody reads ends with its context.
func TestWatchCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	events, err := iface.Watch(ctx)
	require.NoError(t, err)
	cancel()
	select {
	case _, ok := <-events:
		for ok {
			_, ok = <-events
		}
	case <-time.After(5 * time.Second):
		t.Fatal("channel not closed 5 s after cancel")
	}
}
