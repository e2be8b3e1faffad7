package postgres

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// OpenConfigured is Open with configure given the pool's settings first.
func OpenConfigured(ctx context.Context, url string, configure func(*pgxpool.Config)) (*Store, error) {
	return open(ctx, url, configure)
}
