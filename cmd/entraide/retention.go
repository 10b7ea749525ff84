package main

import (
	"context"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

// enableHandledPurge trims the adapters' record of handled events at start
// and then daily; a failure is logged and retried the next day.
func enableHandledPurge(_ context.Context, a *app) error {
	a.hub.Go(func(ctx context.Context) error {
		for {
			n, err := a.db.PurgeHandled(ctx, time.Now().Add(-bot.HandledRetention))
			switch {
			case err != nil && ctx.Err() == nil:
				a.log.Error("purging old handled-event records failed", "err", err)
			case n > 0:
				a.log.Info("purged old handled-event records", "count", n)
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(24 * time.Hour):
			}
		}
	})
	return nil
}
