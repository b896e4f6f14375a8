package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/store"
)

func (e *env) eventsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "events",
		Short: "Manage the gateway's stored events",
		Long: `Manage the events 'ward gateway' writes to its store, one per request. The
commands work on the store directly (the same default store as 'ward gateway').`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(e.eventsPruneCmd())
	return cmd
}

func (e *env) eventsPruneCmd() *cobra.Command {
	var storeURL, olderThan string
	cmd := &cobra.Command{
		Use:   "prune [--older-than 30d]",
		Short: "Delete events older than a given age",
		Long: `Delete the events older than --older-than, oldest first, a few thousand per
transaction so that a running gateway's writes wait milliseconds at most.
The usage ledger is kept whole: budgets are counted from it. A running
gateway does the same at start and hourly with gateway.events_retention.

  ward events prune --older-than 720h
  ward events prune --older-than 90d --store postgres://ward@db/ward`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			keep, err := config.ParseRetention(olderThan)
			if err == nil && keep == 0 {
				err = errors.New("0 and forever keep every event: there is nothing to prune")
			}
			if err != nil {
				return usageErr(fmt.Errorf("--older-than: %w", err), "ward events prune --older-than 30d")
			}
			return e.pruneEvents(storeURL, time.Now().Add(-keep))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&storeURL, "store", "", "the gateway's store: a SQLite path or postgres:// URL (default: $XDG_DATA_HOME/ward/ward.db)")
	fl.StringVar(&olderThan, "older-than", config.DefaultEventsRetention, "delete events older than this: a duration such as 720h, or days such as 30d")
	return cmd
}

// pruneEvents deletes the events before cutoff from the store at
// storeURL and says how many went.
func (e *env) pruneEvents(storeURL string, cutoff time.Time) error {
	st, err := openStore(e.ctx, storeURL)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := store.PruneEvents(e.ctx, st, cutoff)
	fmt.Fprintf(e.stdout, "deleted %d events older than %s\n", n, cutoff.UTC().Format(time.RFC3339))
	if err != nil {
		return runtimeErr(err)
	}
	return nil
}

// startEventPruner deletes the events older than keep from st at once
// and then hourly, logging what it deleted and what failed; Stop it
// before closing st.
func startEventPruner(st store.Events, keep time.Duration, log *slog.Logger) *store.Pruner {
	return store.StartPruner(st, keep, time.Hour, func(n int64, err error) {
		if err != nil {
			log.Error("prune events", "deleted", n, "older_than", keep.String(), "err", err)
			return
		}
		if n > 0 {
			log.Info("pruned events", "deleted", n, "older_than", keep.String())
		}
	})
}
