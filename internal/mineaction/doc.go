// Package mineaction is the domain of the national mine action database: the
// records (hazardous areas, activities, explosive ordnance finds, accidents,
// victims, risk education sessions, quality management visits, tasks), the
// reference data they point at, the enumerations with their stable codes,
// the review workflow of reports, versions and the audit chain, and the
// Store interface that the storage packages implement.
//
// It imports nothing of this module but geo, and no database driver.
package mineaction
