package geo

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactSum against math/big: sums of values of wildly different sizes, with
// cancellation, must come out as the correctly rounded exact sum (to within
// one unit in the last place).
func TestExactSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 100 {
		var s exactSum
		// 53-bit terms spread over 2^±60 fit exactly in 256 bits.
		exact := new(big.Float).SetPrec(256)
		n := 1 + rng.IntN(5000)
		for range n {
			// Large terms that cancel in pairs, plus small ones, as the
			// edge areas of a small polygon far from the equator do.
			x := math.Ldexp(rng.Float64()-0.5, rng.IntN(120)-60)
			s.add(x)
			exact.Add(exact, new(big.Float).SetFloat64(x))
			if rng.IntN(2) == 0 {
				s.add(-x)
				exact.Sub(exact, new(big.Float).SetFloat64(x))
			}
		}
		want, _ := exact.Float64()
		if got := s.value(); math.Abs(got-want) > math.Abs(want)*0x1p-52 {
			t.Fatalf("trial %d (%d terms): sum %.17g, exact %.17g", trial, n, got, want)
		}
	}
}

func TestExactSumCancellation(t *testing.T) {
	var s exactSum
	for _, x := range []float64{1e20, 1, -1e20, 1e-20, 3} {
		s.add(x)
	}
	if got := s.value(); got != 4 {
		t.Errorf("1e20 + 1 - 1e20 + 1e-20 + 3 = %v, want 4", got)
	}
	s.negate()
	if got := s.value(); got != -4 {
		t.Errorf("negated sum = %v, want -4", got)
	}
	// The remainder keeps the part below the unit of the large term.
	var r exactSum
	r.add(11)
	r.add(1e-15)
	r.remainder(4)
	if got := r.value(); got != -1+1e-15 {
		t.Errorf("(11 + 1e-15) rem 4 = %.17g, want %.17g", got, -1+1e-15)
	}
}
