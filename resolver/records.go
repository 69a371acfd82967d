package resolver

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// An SRV represents a single DNS SRV record.
type SRV struct {
	Target   string
	Port     uint16
	Priority uint16
	Weight   uint16
}

// An MX represents a single DNS MX record.
type MX struct {
	Host string
	Pref uint16
}

// An NS represents a single DNS NS record.
type NS struct {
	Host string
}

// sortSRV orders addrs by priority and, within one priority, randomly by
// weight as RFC 2782 describes.
func sortSRV(addrs []*SRV) {
	slices.SortFunc(addrs, func(a, b *SRV) int {
		if r := cmp.Compare(a.Priority, b.Priority); r != 0 {
			return r
		}
		return cmp.Compare(a.Weight, b.Weight)
	})
	i := 0
	for j := 1; j <= len(addrs); j++ {
		if j == len(addrs) || addrs[i].Priority != addrs[j].Priority {
			shuffleByWeight(addrs[i:j])
			i = j
		}
	}
}

// shuffleByWeight picks each position with a probability proportional to the
// weights of the records still unplaced (RFC 2782, "Usage rules").
func shuffleByWeight(addrs []*SRV) {
	sum := 0
	for _, a := range addrs {
		sum += int(a.Weight)
	}
	for sum > 0 && len(addrs) > 1 {
		n := rand.IntN(sum)
		s := 0
		for i := range addrs {
			s += int(addrs[i].Weight)
			if s > n {
				addrs[0], addrs[i] = addrs[i], addrs[0]
				break
			}
		}
		sum -= int(addrs[0].Weight)
		addrs = addrs[1:]
	}
}

// sortMX orders mxs by preference, randomly within one preference.
func sortMX(mxs []*MX) {
	rand.Shuffle(len(mxs), func(i, j int) { mxs[i], mxs[j] = mxs[j], mxs[i] })
	slices.SortStableFunc(mxs, func(a, b *MX) int { return cmp.Compare(a.Pref, b.Pref) })
}
