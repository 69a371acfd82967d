//go:build unix

package poller

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestConsumeIovecs checks Writev's bookkeeping of short writes against a
// plain byte-slice model, for random buffer layouts and write sizes.
func TestConsumeIovecs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 2000 {
		var iov [][]byte
		var all []byte
		for range rng.IntN(6) + 1 {
			b := make([]byte, rng.IntN(5)+1)
			for i := range b {
				b[i] = byte(rng.IntN(256))
			}
			iov = append(iov, b)
			all = append(all, b...)
		}
		rest := all
		for len(iov) > 0 {
			n := rng.IntN(len(rest) + 1)
			iov = consumeIovecs(iov, n)
			rest = rest[n:]
			if got := bytes.Join(iov, nil); !bytes.Equal(got, rest) {
				t.Fatalf("round %d: after consuming %d: %v, want %v", round, n, got, rest)
			}
			for i, b := range iov {
				if len(b) == 0 && i == 0 && len(rest) > 0 {
					t.Fatalf("round %d: empty leading buffer left", round)
				}
			}
		}
		if len(rest) != 0 {
			t.Fatalf("round %d: %d bytes never consumed", round, len(rest))
		}
	}
}
