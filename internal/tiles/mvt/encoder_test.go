package mvt

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"mineaction/internal/geo"
)

// An Encoder reused across tiles gives the bytes a fresh encoding gives:
// nothing of one tile (keys, values, layer names) leaks into the next, and
// the slices it returned earlier are not overwritten.
func TestEncoderReuse(t *testing.T) {
	var enc Encoder
	var kept [][]byte
	var want [][]byte
	tr := TileRange(denseArea, 10)
	for i, seed := range []uint64{1, 2, 3, 1} {
		layers := []Layer{
			{Name: "hazards", Features: hazards(seed, 300, denseArea)},
			{Name: "finds", Features: []Feature{{ID: seed, Geometry: geo.Point{X: 46.85, Y: 39.8}, Properties: map[string]any{"seed": int64(seed)}}}},
		}
		x, y := tr.MinX+i%2, tr.MinY+i/2
		fresh, err := Encode(10, x, y, layers, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		got, err := enc.Encode(10, x, y, layers, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if len(fresh) == 0 {
			t.Fatalf("tile %d is empty", i)
		}
		if !bytes.Equal(got, fresh) {
			t.Fatalf("tile %d: reused encoder differs from a fresh one", i)
		}
		kept, want = append(kept, got), append(want, bytes.Clone(fresh))
	}
	for i := range kept {
		if !bytes.Equal(kept[i], want[i]) {
			t.Errorf("tile %d was overwritten by later encodings", i)
		}
	}
	// An error leaves the encoder usable.
	if _, err := enc.Encode(10, 0, 0, []Layer{{Name: "x"}, {Name: "x"}}, DefaultOptions()); err == nil {
		t.Error("duplicate layer names accepted")
	}
	if b, err := enc.Encode(10, 0, 0, []Layer{{Name: "x"}}, DefaultOptions()); err != nil || len(b) != 0 {
		t.Errorf("after an error: %v, %v", b, err)
	}
}

func TestRound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vs := []float64{0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 4160, -64.5}
	for i := 0; i < 10000; i++ {
		vs = append(vs, (rng.Float64()-0.5)*10000, float64(rng.IntN(8000)-4000)+0.5)
	}
	for _, v := range vs {
		if got, want := round(v), int32(math.Round(v)); got != want {
			t.Errorf("round(%v) = %d, want %d", v, got, want)
		}
	}
}
