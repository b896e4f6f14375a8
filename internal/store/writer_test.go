package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/event"
)

// sink is an Events that records batches, and can block or fail.
type sink struct {
	mu      sync.Mutex
	batches [][]event.Event
	block   chan struct{} // when set, WriteEvents waits for it to close (or ctx)
	fail    error
}

func (s *sink) WriteEvents(ctx context.Context, es []event.Event) error {
	if s.block != nil {
		select {
		case <-s.block:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if s.fail != nil {
		return s.fail
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches = append(s.batches, append([]event.Event(nil), es...))
	return nil
}

func (s *sink) RecentEvents(context.Context, time.Time, int) ([]event.Event, error) {
	return nil, errors.New("not implemented")
}

func (s *sink) DeleteEventsBefore(context.Context, time.Time, int) (int, error) {
	return 0, errors.New("not implemented")
}

// events is everything written, in order, and the batch sizes.
func (s *sink) events() ([]event.Event, []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []event.Event
	var sizes []int
	for _, b := range s.batches {
		all = append(all, b...)
		sizes = append(sizes, len(b))
	}
	return all, sizes
}

// numbered is event i of a test.
func numbered(i int) event.Event { return event.Event{RequestID: fmt.Sprint(i), Time: base} }

// closeWithin closes w, failing the test after d.
func closeWithin(t *testing.T, w *EventWriter, d time.Duration) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return w.Close(ctx)
}

func TestEventWriterBlockedSinkNeverBlocksWrite(t *testing.T) {
	t.Parallel()
	s := &sink{block: make(chan struct{})}
	w := NewEventWriter(s, 8, time.Millisecond, nil)
	const n = 20000
	accepted, slowest := 0, time.Duration(0)
	for i := range n {
		start := time.Now()
		if w.Write(numbered(i)) {
			accepted++
		}
		slowest = max(slowest, time.Since(start))
	}
	if slowest > 100*time.Millisecond {
		t.Errorf("slowest Write took %v with a blocked sink", slowest)
	}
	if w.Dropped() == 0 || uint64(accepted)+w.Dropped() != n {
		t.Errorf("accepted %d, dropped %d of %d; want drops, all counted", accepted, w.Dropped(), n)
	}
	close(s.block)
	if err := closeWithin(t, w, 10*time.Second); err != nil {
		t.Fatalf("Close: %v", err)
	}
	got, _ := s.events()
	if len(got) != accepted || w.Failed() != 0 {
		t.Errorf("sink got %d events (%d failed), want the %d accepted", len(got), w.Failed(), accepted)
	}
}

func TestEventWriterCloseFlushes(t *testing.T) {
	t.Parallel()
	s := &sink{}
	w := NewEventWriter(s, 2000, time.Hour, nil) // no tick before Close
	const n = 1234
	for i := range n {
		if !w.Write(numbered(i)) {
			t.Fatalf("Write %d refused", i)
		}
	}
	if err := closeWithin(t, w, 10*time.Second); err != nil {
		t.Fatalf("Close: %v", err)
	}
	got, sizes := s.events()
	if len(got) != n {
		t.Fatalf("sink got %d events, want %d", len(got), n)
	}
	for i, e := range got {
		if e.RequestID != fmt.Sprint(i) {
			t.Fatalf("event %d is %s: order lost", i, e.RequestID)
		}
	}
	for _, size := range sizes {
		if size > WriterBatch {
			t.Errorf("batch of %d events, want at most %d", size, WriterBatch)
		}
	}
	if w.Write(numbered(n)) || w.Dropped() != 1 {
		t.Errorf("Write after Close accepted, or not counted (dropped %d)", w.Dropped())
	}
	if err := closeWithin(t, w, time.Second); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestEventWriterFlushesPeriodically(t *testing.T) {
	t.Parallel()
	s := &sink{}
	w := NewEventWriter(s, 0, 5*time.Millisecond, nil)
	defer closeWithin(t, w, time.Second)
	for i := range 3 {
		w.Write(numbered(i))
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got, _ := s.events(); len(got) == 3 {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Error("3 events not flushed within 5s without Close")
}

func TestEventWriterCloseGivesUp(t *testing.T) {
	t.Parallel()
	s := &sink{block: make(chan struct{})} // never released; honours ctx
	w := NewEventWriter(s, 100, time.Millisecond, nil)
	for i := range 50 {
		w.Write(numbered(i))
	}
	start := time.Now()
	err := closeWithin(t, w, 50*time.Millisecond)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("Close with a stuck sink = %v after %v; want a deadline error, promptly", err, time.Since(start))
	}
}

func TestEventWriterCountsFailures(t *testing.T) {
	t.Parallel()
	s := &sink{fail: errors.New("disk full")}
	told := 0 // onFail runs on the writer's goroutine, which Close waits for
	w := NewEventWriter(s, 100, time.Hour, func(n int, err error) {
		if err != s.fail {
			t.Errorf("onFail got %v, want the sink's error", err)
		}
		told += n
	})
	for i := range 42 {
		w.Write(numbered(i))
	}
	if err := closeWithin(t, w, 5*time.Second); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if w.Failed() != 42 || w.Dropped() != 0 {
		t.Errorf("failed %d, dropped %d; want 42, 0", w.Failed(), w.Dropped())
	}
	if told != 42 {
		t.Errorf("onFail told of %d events, want 42", told)
	}
}

func TestEventWriterConcurrentWriteAndClose(t *testing.T) {
	t.Parallel()
	s := &sink{}
	w := NewEventWriter(s, 64, time.Millisecond, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := 0
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				if w.Write(numbered(g*1000 + i)) {
					mu.Lock()
					accepted++
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(time.Millisecond)
	if err := closeWithin(t, w, 10*time.Second); err != nil {
		t.Fatalf("Close: %v", err)
	}
	wg.Wait()
	got, _ := s.events()
	if len(got) != accepted || uint64(accepted)+w.Dropped() != 8*500 {
		t.Errorf("sink got %d, accepted %d, dropped %d of %d", len(got), accepted, w.Dropped(), 8*500)
	}
}

// TestEventWriterFlushesWhenABatchWaits: the writer sleeps between flush
// periods, but a batch's worth of waiting events wakes it, so a busy
// gateway neither waits a whole period nor fills the buffer.
func TestEventWriterFlushesWhenABatchWaits(t *testing.T) {
	t.Parallel()
	s := &sink{}
	w := NewEventWriter(s, 4*WriterBatch, time.Hour, nil)
	defer closeWithin(t, w, time.Second)
	for i := range WriterBatch - 1 {
		w.Write(numbered(i))
	}
	time.Sleep(20 * time.Millisecond)
	if got, _ := s.events(); len(got) != 0 {
		t.Fatalf("%d events flushed before a batch's worth waited and before the period", len(got))
	}
	w.Write(numbered(WriterBatch))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got, _ := s.events(); len(got) == WriterBatch {
			return
		}
		time.Sleep(time.Millisecond)
	}
	got, _ := s.events()
	t.Errorf("%d of %d events flushed within 5s of the batch filling, with an hour's flush period", len(got), WriterBatch)
}

func TestMergeUsage(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 10, 0, 30, 0, time.UTC)
	us := []Usage{
		{Time: t0, KeyID: "wk_a", Team: "ml", Model: "gpt-4o", PromptTokens: 10, CompletionTokens: 5, CostUSD: 0.25},
		{Time: t0.Add(-20 * time.Second), KeyID: "wk_a", Team: "ml", Model: "gpt-4o", PromptTokens: 1, CompletionTokens: 2, CostUSD: 0.5},
		{Time: t0.Add(10 * time.Second), KeyID: "wk_a", Team: "ml", Model: "gpt-4o-mini", CostUSD: 1},
		{Time: t0.Add(30 * time.Second), KeyID: "wk_a", Team: "ml", Model: "gpt-4o", CostUSD: 2}, // next minute
		{Time: t0, KeyID: "wk_b", Team: "ml", Model: "gpt-4o", CostUSD: 4},
	}
	got := MergeUsage(nil, us)
	want := []Usage{
		{Time: t0.Add(-20 * time.Second), KeyID: "wk_a", Team: "ml", Model: "gpt-4o", PromptTokens: 11, CompletionTokens: 7, CostUSD: 0.75},
		{Time: t0.Add(10 * time.Second), KeyID: "wk_a", Team: "ml", Model: "gpt-4o-mini", CostUSD: 1},
		{Time: t0.Add(30 * time.Second), KeyID: "wk_a", Team: "ml", Model: "gpt-4o", CostUSD: 2},
		{Time: t0, KeyID: "wk_b", Team: "ml", Model: "gpt-4o", CostUSD: 4},
	}
	if len(got) != len(want) {
		t.Fatalf("MergeUsage = %d entries %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if !got[i].Time.Equal(want[i].Time) || got[i].KeyID != want[i].KeyID || got[i].Model != want[i].Model ||
			got[i].PromptTokens != want[i].PromptTokens || got[i].CompletionTokens != want[i].CompletionTokens ||
			got[i].CostUSD != want[i].CostUSD {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	var total float64
	for _, u := range got {
		total += u.CostUSD
	}
	if total != 7.75 {
		t.Errorf("merged cost %v, want the 7.75 put in", total)
	}
}
