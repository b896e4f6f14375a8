package store

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// PruneBatch is how many events one transaction of PruneEvents deletes:
// small enough that a write waiting behind it (SQLite has one writer)
// waits milliseconds, not the length of the whole prune.
const PruneBatch = 2000

// checkDeleteLimit rejects a batch size DeleteEventsBefore cannot use.
func checkDeleteLimit(limit int) error {
	if limit <= 0 {
		return fmt.Errorf("store: delete events: limit %d is not positive", limit)
	}
	return nil
}

// PruneEvents deletes every event older than before, oldest first,
// PruneBatch at a time, each batch in its own transaction. It returns how
// many it deleted, and stops early, with what it deleted so far, when ctx
// ends or a batch fails. Only events are pruned: the usage ledger is kept
// whole, because budgets (a total one above all) are seeded from it.
func PruneEvents(ctx context.Context, ev Events, before time.Time) (int64, error) {
	var total int64
	for {
		if err := ctx.Err(); err != nil {
			return total, fmt.Errorf("store: prune events: %w", err)
		}
		n, err := ev.DeleteEventsBefore(ctx, before, PruneBatch)
		total += int64(n)
		if err != nil || n < PruneBatch {
			return total, err
		}
	}
}

// Pruner deletes old events in the background: see StartPruner.
type Pruner struct {
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// StartPruner deletes the events older than keep at once and then every
// every (an hour when <= 0), until Stop. report, when not nil, is told
// each round's count and error (a round cut short by Stop is not
// reported). keep must be positive.
func StartPruner(ev Events, keep, every time.Duration, report func(deleted int64, err error)) *Pruner {
	if every <= 0 {
		every = time.Hour
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Pruner{cancel: cancel, done: make(chan struct{})}
	go p.run(ctx, ev, keep, every, report)
	return p
}

func (p *Pruner) run(ctx context.Context, ev Events, keep, every time.Duration, report func(int64, error)) {
	defer close(p.done)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		n, err := PruneEvents(ctx, ev, time.Now().Add(-keep))
		if ctx.Err() != nil {
			return // stopped: whatever went wrong was the stop
		}
		if report != nil {
			report(n, err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Stop cancels a round in progress and waits for the pruner to end. It
// is idempotent.
func (p *Pruner) Stop() {
	p.once.Do(p.cancel)
	<-p.done
}
