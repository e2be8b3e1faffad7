package demo

import (
	"hash/fnv"
	"math"
)

// rng is the demo's own pseudo-random generator (SplitMix64). It is written
// here rather than taken from math/rand so that a seed gives the same data
// set, byte for byte, whatever the Go release.
type rng struct{ s uint64 }

// newRNG returns a generator for one named stream of the seed. Each part of
// the data set draws from its own stream, so that changing how one part is
// drawn does not shift the others.
func newRNG(seed int64, stream string) *rng {
	h := fnv.New64a()
	h.Write([]byte(stream))
	r := &rng{s: uint64(seed) ^ h.Sum64()}
	r.next()
	return r
}

// fork returns an independent generator derived from r and a number, for
// drawing the details of one item without disturbing the main stream.
func (r *rng) fork(n int) *rng {
	f := &rng{s: r.s ^ (uint64(n)+1)*0x9e3779b97f4a7c15}
	f.next()
	f.next()
	return f
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// between returns a number in [a, b).
func (r *rng) between(a, b float64) float64 { return a + (b-a)*r.float() }

// intn returns an integer in [0, n).
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.next() % uint64(n))
}

// intBetween returns an integer in [a, b].
func (r *rng) intBetween(a, b int) int { return a + r.intn(b-a+1) }

// chance returns true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// normal returns a standard normal deviate (Box-Muller).
func (r *rng) normal() float64 {
	u := 1 - r.float()
	v := r.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*v)
}

// logNormal returns exp(mu + sigma*N(0,1)).
func (r *rng) logNormal(mu, sigma float64) float64 { return math.Exp(mu + sigma*r.normal()) }

// weighted returns an index drawn with the given weights.
func (r *rng) weighted(w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	t := r.float() * total
	for i, x := range w {
		if t < x {
			return i
		}
		t -= x
	}
	return len(w) - 1
}

// pick returns one of the strings with the given weights.
func (r *rng) pick(items []string, w []float64) string { return items[r.weighted(w)] }

// some returns a non-empty subset of items, in their order, each kept with
// probability p (the first drawn is kept if none was).
func (r *rng) some(items []string, p float64) []string {
	var out []string
	for _, it := range items {
		if r.chance(p) {
			out = append(out, it)
		}
	}
	if len(out) == 0 {
		out = append(out, items[r.intn(len(items))])
	}
	return out
}
