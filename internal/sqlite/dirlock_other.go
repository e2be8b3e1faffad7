//go:build !unix

package sqlite

import "errors"

// LockName is the file in a data directory that the process owning the
// directory holds locked.
const LockName = "mineaction.lock"

// ErrDirInUse is returned by LockDir when another process holds the lock.
var ErrDirInUse = errors.New("the data directory is in use by another mineaction process")

// LockDir takes no lock where flock is not available: one process per
// data directory is then up to the operator (docs/DEPLOYMENT.md).
func LockDir(dir string) (unlock func(), err error) { return func() {}, nil }
