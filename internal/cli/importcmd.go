package cli

import "context"

func runImport(ctx context.Context, e *env, args []string) error {
	return usagef("import is not available yet")
}
