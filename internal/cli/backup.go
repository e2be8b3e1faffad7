package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

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
	store, err := sf.open(ctx)
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
	if err := os.MkdirAll(*data, 0o750); err != nil {
		return err
	}
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
