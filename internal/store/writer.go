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
// the sink batches of up to WriterBatch items when a batch is full or
// every flush period. A full buffer drops the item (counted by Dropped);
// a failed sink call loses its batch (counted by Failed, and reported to
// onFail when the writer has one). The sink must
// not keep the batch after it returns: the writer reuses it.
type Writer[T any] struct {
	sink       func(context.Context, []T) error
	what       string // names the items in Close's error
	onFail     func(n int, err error)
	flushEvery time.Duration

	mu     sync.RWMutex // guards closed and sending on ch against Close
	closed bool
	ch     chan T

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
// defaults as NewEventWriter.
func NewUsageWriter(l Ledger, capacity int, flushEvery time.Duration, onFail func(n int, err error)) *Writer[Usage] {
	return newWriter(l.RecordUsage, "usage entries", capacity, flushEvery, onFail)
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
		sink: sink, what: what, onFail: onFail, flushEvery: flushEvery, ch: make(chan T, capacity),
		ctx: ctx, cancel: cancel, done: make(chan struct{}),
	}
	go w.run()
	return w
}

// Write buffers e and returns true, or, when the buffer is full or the
// writer closed, drops e and returns false. It never blocks.
func (w *Writer[T]) Write(e T) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if !w.closed {
		select {
		case w.ch <- e:
			return true
		default:
		}
	}
	w.dropped.Add(1)
	return false
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
		close(w.ch)
	}
	w.mu.Unlock()
	select {
	case <-w.done:
		w.cancel()
		return nil
	case <-ctx.Done():
		w.cancel()
		return fmt.Errorf("store: close writer: %d %s unwritten: %w", len(w.ch), w.what, ctx.Err())
	}
}

// run batches buffered items until the buffer is closed and drained.
func (w *Writer[T]) run() {
	defer close(w.done)
	tick := time.NewTicker(w.flushEvery)
	defer tick.Stop()
	batch := make([]T, 0, WriterBatch)
	for {
		select {
		case e, ok := <-w.ch:
			if !ok {
				w.flush(batch)
				return
			}
			batch = append(batch, e)
			if len(batch) == WriterBatch {
				batch = w.flush(batch)
			}
		case <-tick.C:
			batch = w.flush(batch)
		}
	}
}

// flush writes batch, if any, and returns it emptied for reuse.
func (w *Writer[T]) flush(batch []T) []T {
	if len(batch) == 0 {
		return batch
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
	return batch[:0]
}
