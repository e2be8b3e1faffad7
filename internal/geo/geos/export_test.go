package geos

// LiveGeometries returns the number of GEOS geometries that were created on
// pooled contexts and never destroyed: zero unless some path leaks.
func LiveGeometries() int {
	handles.mu.Lock()
	defer handles.mu.Unlock()
	n := handles.leaked
	for _, h := range handles.free {
		n += h.live
	}
	return n
}
