package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"mineaction/internal/mineaction"
)

func runUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return usagef("usage: mineaction user add NAME --role ROLE[,ROLE] [--org ORG] (password on standard input)")
	}
	fs := newFlags(e, "user add")
	var sf storeFlags
	sf.register(fs)
	role := fs.String("role", "", "roles, comma-separated: admin, verifier, editor, viewer, victim_assistance")
	org := fs.String("org", "", "organisation code (required for editors)")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("give exactly one user name")
	}
	roles, err := mineaction.ParseRoles(*role)
	if err != nil {
		return usagef("--role: %s", strings.TrimPrefix(err.Error(), "invalid input: "))
	}
	password, err := readPassword(e, "Password for "+rest[0]+": ")
	if err != nil {
		return err
	}
	store, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	_, accounts := services(store)
	if err := accounts.AddUser(ctx, "system", rest[0], *org, roles, password); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "user %s saved with roles %s\n", rest[0], *role)
	return nil
}

// readPassword reads one line from standard input, without echo on a terminal.
func readPassword(e *env, prompt string) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", usagef("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func runToken(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return usagef("usage: mineaction token create USER [--role ROLE[,ROLE]] [--expires DAYS] [--name LABEL]")
	}
	fs := newFlags(e, "token create")
	var sf storeFlags
	sf.register(fs)
	role := fs.String("role", "", "scope: roles of the user the token may use (default: all of them)")
	days := fs.Int("expires", 90, "days until the token expires (0: never)")
	name := fs.String("name", "cli", "a label for the token")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("give exactly one user name")
	}
	var roles []mineaction.Role
	if *role != "" {
		if roles, err = mineaction.ParseRoles(*role); err != nil {
			return usagef("--role: %v", err)
		}
	}
	if *days < 0 {
		return usagef("--expires must not be negative")
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	_, accounts := services(store)
	secret, tok, err := accounts.CreateToken(ctx, "system", rest[0], *name, roles, time.Duration(*days)*24*time.Hour)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, secret)
	if tok.ExpiresAt != nil {
		fmt.Fprintf(e.stderr, "token %d for %s expires %s; it is shown only once\n", tok.ID, tok.User, tok.ExpiresAt.Format("2006-01-02"))
	}
	return nil
}
