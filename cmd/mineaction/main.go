// Command mineaction is the national mine action information system: one
// binary that serves the web application and the APIs, builds the demo
// data set, manages accounts, imports and exports, and verifies the
// database. Run "mineaction help" for the commands.
package main

import (
	"os"

	"mineaction/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
