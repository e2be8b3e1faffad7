package cql2

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// jval is a decoded JSON value that remembers the byte offset where it
// starts, so that cql2-json errors can point into the request body.
type jval struct {
	kind jkind
	off  int
	str  string // string value, or number as written
	b    bool
	arr  []*jval
	keys []string
	vals []*jval
}

type jkind int

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

func (v *jval) get(key string) *jval {
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// String names the kind for error messages.
func (k jkind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// maxJSONDepth allows MaxDepth operators, each an object holding an args
// array, plus the nesting of a GeoJSON multipolygon.
const maxJSONDepth = 2*MaxDepth + 8

// decodeTree reads exactly one JSON value from b.
func decodeTree(b []byte) (*jval, *Error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := readValue(dec, b, 0)
	if err != nil {
		return nil, err
	}
	end := skipSep(b, int(dec.InputOffset()))
	if _, e := dec.Token(); e != io.EOF {
		return nil, errAt(end, "unexpected data after the end of the JSON filter")
	}
	return v, nil
}

// skipSep moves past the whitespace, ':' and ',' that precede a value.
func skipSep(b []byte, off int) int {
	for off < len(b) {
		switch b[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
			continue
		}
		break
	}
	return off
}

func tokenError(err error, b []byte, off int) *Error {
	// Go releases differ in how a truncated document is reported (io.EOF,
	// io.ErrUnexpectedEOF, or a SyntaxError at the end of the input); all
	// of them mean the same thing to the client.
	var se *json.SyntaxError
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) ||
		(errors.As(err, &se) && int(se.Offset) >= len(b)) {
		return errAt(len(b), "the JSON filter ends too early")
	}
	if se != nil {
		return errAt(int(se.Offset), "invalid JSON: %s", se.Error())
	}
	return errAt(off, "invalid JSON: %s", err.Error())
}

func readValue(dec *json.Decoder, b []byte, depth int) (*jval, *Error) {
	off := skipSep(b, int(dec.InputOffset()))
	tok, err := dec.Token()
	if err != nil {
		return nil, tokenError(err, b, off)
	}
	v := &jval{off: off}
	switch t := tok.(type) {
	case nil:
		v.kind = jNull
	case bool:
		v.kind, v.b = jBool, t
	case json.Number:
		v.kind, v.str = jNumber, string(t)
	case string:
		if len(t) > MaxStringBytes {
			return nil, errAt(off, "string longer than %d bytes", MaxStringBytes)
		}
		v.kind, v.str = jString, t
	case json.Delim:
		if depth >= maxJSONDepth {
			return nil, errAt(off, "the filter is nested more than %d levels deep", MaxDepth)
		}
		if t == '[' {
			v.kind = jArray
			for dec.More() {
				e, err := readValue(dec, b, depth+1)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, e)
			}
		} else {
			v.kind = jObject
			seen := map[string]bool{}
			for dec.More() {
				koff := skipSep(b, int(dec.InputOffset()))
				k, err := dec.Token()
				if err != nil {
					return nil, tokenError(err, b, koff)
				}
				key := k.(string)
				if seen[key] {
					return nil, errAt(koff, "member %q appears twice", key)
				}
				e, perr := readValue(dec, b, depth+1)
				if perr != nil {
					return nil, perr
				}
				seen[key] = true
				v.keys = append(v.keys, key)
				v.vals = append(v.vals, e)
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, tokenError(err, b, off)
		}
	}
	return v, nil
}
