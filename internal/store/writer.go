package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wardsec/ward/internal/event"
)

// Defaults and bounds of a Writer.
const (
	// WriterBatch is the most items one sink call carries.
	WriterBatch = 500
	// DefaultWriterCapacity is the buffer of a writer made with capacity 0.
	DefaultWriterCapacity = 4096
	// DefaultFlushEvery is the flush period of a writer made with 0.
	DefaultFlushEvery = time.Second
	// writeTimeout bounds one sink call.
	writeTimeout = 30 * time.Second
)

// Writer writes items to a sink in the background, so that a request
// never waits for the database. Write only buffers; a goroutine hands
// the sink batches of up to WriterBatch items when a batch's worth is
// waiting or every flush period. The goroutine sleeps between those
// moments instead of taking each item as it comes: waking it for every
// item cost the gateway a thread wake-up per request. A full buffer drops the item (counted by Dropped);
// a failed sink call loses its batch (counted by Failed, and reported to
// onFail when the writer has one). The sink must
// not keep the batch after it returns: the writer reuses it.
//
// The buffer is a slice that grows as items wait, not a channel of the
// buffer's capacity: a channel's buffer is allocated whole and, as a
// ring, all of it is touched; the gateway's 10,000 events of 264 bytes
// were a third of its live heap, which the collector scanned every cycle
// and, at GOGC 200, let the heap grow to three times.
type Writer[T any] struct {
	sink       func(context.Context, []T) error
	what       string // names the items in Close's error
	onFail     func(n int, err error)
	flushEvery time.Duration
	capacity   int

	// mu guards closed and the items waiting: queue, where Write
	// appends them, and taken, how many of those the writer goroutine
	// has taken from it and not yet handed to the sink. Together they
	// are what a channel of capacity items held.
	mu      sync.Mutex
	closed  bool
	queue   []T
	taken   int
	nudge   chan struct{} // wakes the writer when nudgeAt items wait
	nudgeAt int
	closing chan struct{} // closed by Close

	dropped atomic.Uint64
	failed  atomic.Uint64

	ctx    context.Context // ends the sink's calls when Close gives up
	cancel context.CancelFunc
	done   chan struct{}
}

// EventWriter writes gateway events to an Events store.
type EventWriter = Writer[event.Event]

// NewEventWriter starts a writer to ev buffering up to capacity events
// (DefaultWriterCapacity when <= 0) and flushing every flushEvery
// (DefaultFlushEvery when <= 0). onFail, when not nil, is told of each
// batch the store refused. Close it to flush and stop.
func NewEventWriter(ev Events, capacity int, flushEvery time.Duration, onFail func(n int, err error)) *EventWriter {
	return newWriter(ev.WriteEvents, "events", capacity, flushEvery, onFail)
}

// NewUsageWriter starts a writer of usage entries to l, with the same
// defaults as NewEventWriter. Each batch is summed per key, team, model
// and minute before it is written (MergeUsage), so a busy gateway adds a
// few ledger rows a second rather than one per request; the events keep
// every request.
func NewUsageWriter(l Ledger, capacity int, flushEvery time.Duration, onFail func(n int, err error)) *Writer[Usage] {
	var merged []Usage // the writer's goroutine is the only caller
	sink := func(ctx context.Context, us []Usage) error {
		merged = MergeUsage(merged[:0], us)
		return l.RecordUsage(ctx, merged)
	}
	return newWriter(sink, "usage entries", capacity, flushEvery, onFail)
}

// MergeUsage appends to dst one entry per key, team, model and UTC minute
// of us, in the order each first occurs, with tokens and cost summed and
// the earliest time. Budget periods start on a minute, so every sum the
// ledger is asked for (spend since a period's start) is unchanged.
func MergeUsage(dst, us []Usage) []Usage {
	type group struct {
		minute           int64
		key, team, model string
	}
	at := make(map[group]int, 8)
	for _, u := range us {
		g := group{u.Time.Truncate(time.Minute).Unix(), u.KeyID, u.Team, u.Model}
		i, ok := at[g]
		if !ok {
			at[g] = len(dst)
			dst = append(dst, u)
			continue
		}
		m := &dst[i]
		m.PromptTokens += u.PromptTokens
		m.CompletionTokens += u.CompletionTokens
		m.CostUSD += u.CostUSD
		if u.Time.Before(m.Time) {
			m.Time = u.Time
		}
	}
	return dst
}

func newWriter[T any](sink func(context.Context, []T) error, what string, capacity int, flushEvery time.Duration, onFail func(int, error)) *Writer[T] {
	if capacity <= 0 {
		capacity = DefaultWriterCapacity
	}
	if flushEvery <= 0 {
		flushEvery = DefaultFlushEvery
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Writer[T]{
		sink: sink, what: what, onFail: onFail, flushEvery: flushEvery, capacity: capacity,
		nudge: make(chan struct{}, 1), nudgeAt: max(1, min(WriterBatch, capacity/2)), closing: make(chan struct{}),
		ctx: ctx, cancel: cancel, done: make(chan struct{}),
	}
	go w.run()
	return w
}

// Write buffers e and returns true, or, when the buffer is full or the
// writer closed, drops e and returns false. It never blocks.
func (w *Writer[T]) Write(e T) bool {
	w.mu.Lock()
	ok := !w.closed && len(w.queue)+w.taken < w.capacity
	if ok {
		w.queue = append(w.queue, e)
	}
	waiting := len(w.queue) + w.taken
	w.mu.Unlock()
	if !ok {
		w.dropped.Add(1)
		return false
	}
	if waiting >= w.nudgeAt {
		select {
		case w.nudge <- struct{}{}:
		default:
		}
	}
	return true
}

// Dropped is how many items Write refused.
func (w *Writer[T]) Dropped() uint64 { return w.dropped.Load() }

// Failed is how many buffered items were lost because the sink failed.
func (w *Writer[T]) Failed() uint64 { return w.failed.Load() }

// Close stops accepting items and waits until what is buffered is
// written, or until ctx ends: then it abandons the rest, cancels the
// write in progress and returns an error. Close is idempotent.
func (w *Writer[T]) Close(ctx context.Context) error {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.closing)
	}
	w.mu.Unlock()
	select {
	case <-w.done:
		w.cancel()
		return nil
	case <-ctx.Done():
		w.cancel()
		w.mu.Lock()
		unwritten := len(w.queue) + w.taken
		w.mu.Unlock()
		return fmt.Errorf("store: close writer: %d %s unwritten: %w", unwritten, w.what, ctx.Err())
	}
}

// run writes what is buffered every flush period, when nudged, and
// once the writer is closed, until it is drained.
func (w *Writer[T]) run() {
	defer close(w.done)
	tick := time.NewTicker(w.flushEvery)
	defer tick.Stop()
	var spare []T // the queue drain emptied, to take the next items
	for {
		select {
		case <-tick.C:
		case <-w.nudge:
		case <-w.closing:
			w.drain(spare) // nothing is added once closed: drain writes all
			return
		}
		spare = w.drain(spare)
	}
}

// drain writes the items waiting, WriterBatch at a time, until none are
// (items that come meanwhile are written too). It puts spare, emptied,
// in place of the queue it takes, and returns that queue emptied.
func (w *Writer[T]) drain(spare []T) []T {
	for {
		w.mu.Lock()
		q := w.queue
		w.queue, w.taken = spare[:0], len(q)
		w.mu.Unlock()
		if len(q) == 0 {
			return q
		}
		for i := 0; i < len(q); i += WriterBatch {
			batch := q[i:min(i+WriterBatch, len(q))]
			w.mu.Lock()
			w.taken -= len(batch) // now the batch being written
			w.mu.Unlock()
			w.flush(batch)
		}
		spare = q[:0] // kept: it is as large as the most items that waited
	}
}

// flush writes batch, if any, and clears it.
func (w *Writer[T]) flush(batch []T) {
	if len(batch) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(w.ctx, writeTimeout)
	defer cancel()
	if err := w.sink(ctx, batch); err != nil {
		w.failed.Add(uint64(len(batch)))
		if w.onFail != nil {
			w.onFail(len(batch), err)
		}
	}
	clear(batch) // drop references held by the items
}
