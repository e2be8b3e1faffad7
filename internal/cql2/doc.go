// Package cql2 parses, checks, prints and evaluates filter expressions of the
// OGC Common Query Language (CQL2, OGC 21-065r2) as used by OGC API - Features
// Part 3 (filter, filter-lang).
//
// Three encodings are read: cql2-text (ParseText), cql2-json (ParseJSON), and
// the pre-standard "cql-text" that GDAL 3.6's OAPIF driver sends
// (ParseCQLText). All three produce the same tree of Expr nodes. A tree can be
// written back as cql2-text (Expr.String) or cql2-json (Expr.MarshalJSON),
// checked against a collection's queryables (Check), inspected for the
// conformance classes it needs (Conformance), and evaluated in memory against
// a feature (Eval, EvalWith).
//
// Nothing in the tree is SQL: a store translates nodes to SQL with bound
// parameters. Literal values are typed Go values (string, float64/int64,
// bool, time.Time, geo.Geometry) and property names are plain strings that
// the store must map to its own columns through an allow-list (the
// queryables), never by pasting them into SQL.
//
// Supported: AND, OR, NOT; = <> < <= > >=; LIKE, BETWEEN, IN; IS [NOT] NULL;
// CASEI and ACCENTI; the eight S_ spatial predicates with WKT/GeoJSON POINT,
// LINESTRING, POLYGON, MULTIPOINT, MULTIPOLYGON and BBOX literals; the fifteen
// T_ temporal predicates with DATE, TIMESTAMP and INTERVAL literals; the four
// A_ array predicates; arithmetic (+ - * / % div ^); property-property
// comparisons.
//
// Not supported, each rejected with an explanatory error: MULTILINESTRING and
// GEOMETRYCOLLECTION literals (package geo has no such types), EMPTY
// geometries, and custom functions (the "functions" conformance class).
//
// Parsers refuse hostile input: see MaxInputBytes, MaxDepth, MaxNodes,
// MaxStringBytes and MaxPoints.
package cql2
