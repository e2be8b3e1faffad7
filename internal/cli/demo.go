package cli

import "context"

func runDemo(ctx context.Context, e *env, args []string) error {
	return usagef("demo is not available yet")
}
