// Command refdb creates the empty database the reference benchmark sets
// are loaded into: no records, one organisation (the national authority)
// and one account, "importer", that enters and approves the import
// (administrator and verifier). Other servers were measured on a table of
// those hazards alone, so the database holds nothing else.
//
//	go run ./bench/refdb --data DIR      (or --db postgres://...)
//	mineaction import hazards_national.geojson --releases releases_national.geojson --approve --user importer --data DIR
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
)

func main() {
	data := flag.String("data", "", "data directory of a new SQLite database")
	db := flag.String("db", "", "postgres://... URL of an empty database")
	flag.Parse()
	if (*data == "") == (*db == "") {
		fmt.Fprintln(os.Stderr, "usage: refdb --data DIR | --db postgres://...")
		os.Exit(2)
	}
	ctx := context.Background()
	var store mineaction.Store
	var err error
	if *data != "" {
		store, err = sqlite.Open(ctx, *data)
	} else {
		store, err = postgres.Open(ctx, *db)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "refdb:", err)
		os.Exit(1)
	}
	defer store.Close()
	err = store.Update(ctx, func(tx mineaction.Tx) error {
		if err := tx.PutOrganisation(ctx, &mineaction.Organisation{Code: "ANAMA", Name: "Mine Action Agency (synthetic benchmark)", Kind: "authority"}); err != nil {
			return err
		}
		return tx.PutUser(ctx, &mineaction.User{Name: "importer", Organisation: "ANAMA", PasswordHash: "-", CreatedAt: time.Now().UTC(),
			Roles: []mineaction.Role{mineaction.RoleAdmin, mineaction.RoleVerifier}})
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "refdb:", err)
		os.Exit(1)
	}
}
