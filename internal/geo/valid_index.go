package geo

import (
	"math"
	"slices"
)

// vldIndex is a static packed R-tree over the bounding boxes of segments,
// built once with the sort-tile-recursive method. Validate queries it once
// per segment, so finding the pairs of segments whose boxes meet costs
// O(n log n + k) for n segments and k such pairs, instead of the O(n²) of
// comparing every pair.
type vldIndex struct {
	boxes  []BBox  // leaves (one per item, in packed order), then each upper level
	ref    []int32 // for a leaf its item; for a node the position of its first child
	levels []int   // end position of each level in boxes
}

const vldNodeSize = 16

func vldNewIndex(items []BBox) *vldIndex {
	n := len(items)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	cx := func(i int32) float64 { return items[i].MinX + items[i].MaxX }
	cy := func(i int32) float64 { return items[i].MinY + items[i].MaxY }
	by := func(key func(int32) float64) func(a, b int32) int {
		return func(a, b int32) int {
			ka, kb := key(a), key(b)
			switch {
			case ka < kb:
				return -1
			case ka > kb:
				return 1
			}
			return int(a - b)
		}
	}
	// Vertical slices of about √(n/M) leaves each, sorted by y within.
	slices.SortFunc(order, by(cx))
	leaves := (n + vldNodeSize - 1) / vldNodeSize
	slice := vldNodeSize * int(math.Ceil(math.Sqrt(float64(leaves))))
	for s := 0; s < n; s += slice {
		slices.SortFunc(order[s:min(s+slice, n)], by(cy))
	}
	ix := &vldIndex{boxes: make([]BBox, 0, n+n/(vldNodeSize-1)+2), ref: make([]int32, 0, n+n/(vldNodeSize-1)+2)}
	for _, i := range order {
		ix.boxes = append(ix.boxes, items[i])
		ix.ref = append(ix.ref, i)
	}
	ix.levels = append(ix.levels, n)
	for start, end := 0, n; end-start > 1; start, end = end, len(ix.boxes) {
		for i := start; i < end; i += vldNodeSize {
			b := EmptyBBox()
			for _, c := range ix.boxes[i:min(i+vldNodeSize, end)] {
				b = b.Union(c)
			}
			ix.boxes = append(ix.boxes, b)
			ix.ref = append(ix.ref, int32(i))
		}
		ix.levels = append(ix.levels, len(ix.boxes))
	}
	return ix
}

// search appends to dst the items whose boxes meet q and returns it.
func (ix *vldIndex) search(q BBox, dst []int32) []int32 {
	if len(ix.boxes) == 0 {
		return dst
	}
	type frame struct{ pos, level int }
	stack := []frame{{len(ix.boxes) - 1, len(ix.levels) - 1}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !ix.boxes[f.pos].Intersects(q) {
			continue
		}
		if f.level == 0 {
			dst = append(dst, ix.ref[f.pos])
			continue
		}
		first := int(ix.ref[f.pos])
		for c := first; c < min(first+vldNodeSize, ix.levels[f.level-1]); c++ {
			stack = append(stack, frame{c, f.level - 1})
		}
	}
	return dst
}
