// Package cli is the command line of mineaction: it parses flags and
// environment variables into configuration and delegates to the internal
// packages. Exit codes: 0 success, 1 failure, 2 usage error.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// usageError is a mistake on the command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env bundles the standard streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve the web application and the APIs", runServe},
		{"demo", "create the synthetic national demo database", runDemo},
		{"user", "user add NAME --role ROLE[,ROLE] [--org ORG]: add or replace an account (password on standard input)", runUser},
		{"token", "token create USER [--role ROLE] [--expires DAYS] [--name LABEL]: print a new API token once", runToken},
		{"verify", "check the audit chain, every version hash and every land release identity", runVerify},
		{"backup", "backup FILE: write a consistent copy of the live database", runBackup},
		{"restore", "restore FILE: replace the database with a verified backup", runRestore},
		{"import", "import FILE.geojson [--releases FILE] [--approve]: load a baseline of hazardous areas", runImport},
		{"migrate", "migrate --from DIR --to postgres://...: copy a SQLite database into an empty PostgreSQL database and check the copy", runMigrate},
		{"version", "print the version", runVersion},
	}
}

// Main runs the command line and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel()}))}
	slog.SetDefault(e.log)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := c.run(ctx, e, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "mineaction %s: %s\n", c.name, ue.msg)
			return 2
		case errors.Is(err, flag.ErrHelp):
			return 0
		}
		fmt.Fprintf(stderr, "mineaction %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(stderr, "mineaction: unknown command %q; run \"mineaction help\"\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "mineaction: the national mine action information system")
	fmt.Fprintln(w, "\nUsage: mineaction COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"mineaction COMMAND -h\" for the flags of a command.")
}

func logLevel() slog.Level {
	switch strings.ToLower(os.Getenv("MINEACTION_LOG_LEVEL")) {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// newFlags returns a flag set that reports errors as usage errors.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("mineaction "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line by Main
	fs.Usage = func() {}
	return fs
}

// parse parses flags, allowing them after positional arguments, and turns
// flag errors into usage errors. -h prints the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(os.Stderr)
				fmt.Fprintf(os.Stderr, "Usage of %s:\n", fs.Name())
				fs.PrintDefaults()
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// envOr returns the environment variable MINEACTION_<name> or def.
func envOr(name, def string) string {
	if v := os.Getenv("MINEACTION_" + name); v != "" {
		return v
	}
	return def
}
