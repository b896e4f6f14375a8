package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wardsec/ward/internal/event"
)

// Defaults and bounds of an EventWriter.
const (
	// WriterBatch is the most events one WriteEvents call carries.
	WriterBatch = 500
	// DefaultWriterCapacity is the buffer of a writer made with capacity 0.
	DefaultWriterCapacity = 4096
	// DefaultFlushEvery is the flush period of a writer made with 0.
	DefaultFlushEvery = time.Second
	// writeTimeout bounds one WriteEvents call.
	writeTimeout = 30 * time.Second
)

// EventWriter writes events to an Events sink in the background, so that
// a request never waits for the database. Write only buffers; a
// goroutine writes batches of up to WriterBatch events when a batch is
// full or every flush period. A full buffer drops the event (counted by
// Dropped); a failed write loses its batch (counted by Failed).
type EventWriter struct {
	ev         Events
	flushEvery time.Duration

	mu     sync.RWMutex // guards closed and sending on ch against Close
	closed bool
	ch     chan event.Event

	dropped atomic.Uint64
	failed  atomic.Uint64

	ctx    context.Context // ends the sink's calls when Close gives up
	cancel context.CancelFunc
	done   chan struct{}
}

// NewEventWriter starts a writer to ev buffering up to capacity events
// (DefaultWriterCapacity when <= 0) and flushing every flushEvery
// (DefaultFlushEvery when <= 0). Close it to flush and stop.
func NewEventWriter(ev Events, capacity int, flushEvery time.Duration) *EventWriter {
	if capacity <= 0 {
		capacity = DefaultWriterCapacity
	}
	if flushEvery <= 0 {
		flushEvery = DefaultFlushEvery
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &EventWriter{
		ev: ev, flushEvery: flushEvery, ch: make(chan event.Event, capacity),
		ctx: ctx, cancel: cancel, done: make(chan struct{}),
	}
	go w.run()
	return w
}

// Write buffers e and returns true, or, when the buffer is full or the
// writer closed, drops e and returns false. It never blocks.
func (w *EventWriter) Write(e event.Event) bool {
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

// Dropped is how many events Write refused.
func (w *EventWriter) Dropped() uint64 { return w.dropped.Load() }

// Failed is how many buffered events were lost because the sink failed.
func (w *EventWriter) Failed() uint64 { return w.failed.Load() }

// Close stops accepting events and waits until what is buffered is
// written, or until ctx ends: then it abandons the rest, cancels the
// write in progress and returns an error. Close is idempotent.
func (w *EventWriter) Close(ctx context.Context) error {
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
		return fmt.Errorf("store: close event writer: %d events unwritten: %w", len(w.ch), ctx.Err())
	}
}

// run batches buffered events until the buffer is closed and drained.
func (w *EventWriter) run() {
	defer close(w.done)
	tick := time.NewTicker(w.flushEvery)
	defer tick.Stop()
	batch := make([]event.Event, 0, WriterBatch)
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
func (w *EventWriter) flush(batch []event.Event) []event.Event {
	if len(batch) == 0 {
		return batch
	}
	ctx, cancel := context.WithTimeout(w.ctx, writeTimeout)
	defer cancel()
	if err := w.ev.WriteEvents(ctx, batch); err != nil {
		w.failed.Add(uint64(len(batch)))
	}
	clear(batch) // drop references to the events' slices
	return batch[:0]
}
