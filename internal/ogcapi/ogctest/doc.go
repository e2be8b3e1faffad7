// Package ogctest holds the end-to-end tests of the OGC API: the abstract
// test checklists of OGC API Features Parts 1 to 4 written as Go tests
// against a real HTTP server on every store, GDAL (ogrinfo, ogr2ogr and
// its MVT driver) as an independent client, and a load test that cancels
// clients mid-request. It has no code of its own.
package ogctest
