package poller

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

// TestErrUnsupported checks the error the stub platforms return: it wraps
// errors.ErrUnsupported and names the operation and the platform.
func TestErrUnsupported(t *testing.T) {
	err := errUnsupported("Poller")
	if !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("errors.Is(%v, errors.ErrUnsupported) = false", err)
	}
	for _, want := range []string{"Poller", runtime.GOOS + "/" + runtime.GOARCH} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not name %q", err, want)
		}
	}
}
