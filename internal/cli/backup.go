package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/sqlite"
)

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup")
	var sf storeFlags
	sf.register(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("usage: mineaction backup FILE")
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Backup(ctx, rest[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written to %s; verifying it\n", rest[0])
	copyStore, err := sqlite.OpenFile(ctx, rest[0])
	if err != nil {
		return err
	}
	defer copyStore.Close()
	return verifyStore(ctx, e, copyStore)
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "restore")
	data := fs.String("data", envOr("DATA", "./mineaction-data"), "data directory to restore into (MINEACTION_DATA)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("usage: mineaction restore FILE [--data DIR] (stop the server first)")
	}
	// Verify the backup before it replaces anything.
	src, err := sqlite.OpenFile(ctx, rest[0])
	if err != nil {
		return err
	}
	err = verifyStore(ctx, e, src)
	src.Close()
	if err != nil {
		return fmt.Errorf("the backup does not verify; nothing was restored: %w", err)
	}
	// A server on the directory would go on writing to the replaced file,
	// and what it acknowledged would be lost.
	release, err := sqlite.LockDir(*data)
	if err != nil {
		return err
	}
	defer release()
	target := filepath.Join(*data, sqlite.FileName)
	tmp := target + ".restore"
	if err := copyFile(rest[0], tmp); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(target + suffix)
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	// The restored chain records the restore, so that the history says
	// why what was approved after the backup is gone.
	dst, err := sqlite.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer dst.Close()
	err = dst.Update(ctx, func(tx mineaction.Tx) error {
		return mineaction.AppendAudit(ctx, tx, &mineaction.AuditEntry{At: time.Now(), Actor: systemCaller.User,
			Action: mineaction.AuditRestore, Detail: "restored from the backup " + filepath.Base(rest[0])})
	})
	if err != nil {
		return fmt.Errorf("restored, but the audit entry of the restore failed: %w", err)
	}
	fmt.Fprintf(e.stdout, "restored %s into %s\n", rest[0], target)
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
