//go:build unix

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockName is the file in a data directory that the process owning the
// directory holds locked.
const LockName = "mineaction.lock"

// ErrDirInUse is returned by LockDir when another process holds the lock.
var ErrDirInUse = errors.New("the data directory is in use by another mineaction process")

// LockDir takes the exclusive lock of the data directory dir, for a
// process that must be its only user: the server (whose caches assume no
// other server writes behind it) and the commands that replace the
// database file (restore, demo --force), which a running server would
// otherwise go on writing to after it was unlinked. Commands that only
// read or add rows through SQLite (user, token, import, verify, backup)
// take no lock: SQLite serialises them with the server.
//
// The lock is an advisory flock, released by the kernel when the process
// ends however it ends, so a crash leaves no stale lock. The holder's
// process id is written into the file for the error message. unlock
// releases it.
func LockDir(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder := ""
		if b, rerr := os.ReadFile(path); rerr == nil {
			if pid, perr := strconv.Atoi(strings.TrimSpace(string(b))); perr == nil {
				holder = fmt.Sprintf(" (process %d)", pid)
			}
		}
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w%s: %s; stop it first", ErrDirInUse, holder, dir)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() {
		f.Truncate(0)
		f.Close() // closing the descriptor releases the lock
	}, nil
}
