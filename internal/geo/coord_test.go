package geo

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// The shortcut must write what strconv writes, for every value: those it
// takes (decimals of up to seven places) and those it leaves to strconv.
func TestAppendCoordMatchesStrconv(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		want := strconv.FormatFloat(v, 'f', -1, 64)
		if got := string(AppendCoord(nil, v)); got != want {
			t.Fatalf("AppendCoord(%v) = %q, want %q", v, got, want)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, -0.1, 1e-7, -1e-7, 1.5e-7, 1e-8, 46.9831726, 40.3764496,
		-179.9999999, 180, 90, -90, 9.9999999, 99.99999995, 0.00000005, 123456.7, 4431234.5678901, 67108863.9999999,
		1 << 26, -(1 << 26), 1e21, 1e-300, math.MaxFloat64, math.SmallestNonzeroFloat64, math.Nextafter(46.9831726, 50)} {
		check(v)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		// Decimals of up to nine places, in the ranges of degrees and metres.
		places := r.IntN(10)
		scale := math.Pow10(places)
		for _, limit := range []float64{180, 1e7} {
			v := math.Round((r.Float64()*2-1)*limit*scale) / scale
			check(v)
			check(math.Nextafter(v, math.Inf(1)))
		}
		check(math.Float64frombits(r.Uint64()))
	}
}

func FuzzAppendCoord(f *testing.F) {
	f.Add(46.9831726)
	f.Add(-0.0000001)
	f.Fuzz(func(t *testing.T, v float64) {
		if got, want := string(AppendCoord(nil, v)), strconv.FormatFloat(v, 'f', -1, 64); got != want {
			t.Fatalf("AppendCoord(%v) = %q, want %q", v, got, want)
		}
	})
}

func BenchmarkAppendCoord(b *testing.B) {
	b.Run("shortcut", func(b *testing.B) {
		buf := make([]byte, 0, 32)
		for b.Loop() {
			buf = AppendCoord(buf[:0], 46.9831726)
		}
	})
	b.Run("strconv", func(b *testing.B) {
		buf := make([]byte, 0, 32)
		for b.Loop() {
			buf = strconv.AppendFloat(buf[:0], 46.9831726, 'f', -1, 64)
		}
	})
}
