package cli

import (
	"github.com/wardsec/ward/internal/testenv"

	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/store"
)

// storeWithEvents makes a SQLite store holding one event per age (its
// request id is the age), and returns its path.
func storeWithEvents(t *testing.T, ages ...time.Duration) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ward.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	var es []event.Event
	for _, age := range ages {
		es = append(es, event.Event{Time: now.Add(-age), RequestID: age.String(), Decision: event.Allow, Status: 200})
	}
	if err := st.WriteEvents(context.Background(), es); err != nil {
		t.Fatal(err)
	}
	return path
}

// storedRequestIDs are the request ids of the events in the store at
// path, sorted.
func storedRequestIDs(t *testing.T, path string) []string {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	es, err := st.RecentEvents(context.Background(), time.Time{}, store.MaxEventLimit)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range es {
		ids = append(ids, e.RequestID)
	}
	slices.Sort(ids)
	return ids
}

func TestEventsPrune(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	path := storeWithEvents(t, time.Minute, 29*day, 31*day, 400*day)
	r := run(t, "", "", nil, "events", "prune", "--store", path) // default: 30 days
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "deleted 2 events older than ") {
		t.Fatalf("prune: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	want := []string{(29 * day).String(), time.Minute.String()}
	slices.Sort(want)
	if got := storedRequestIDs(t, path); !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	r = run(t, "", "", nil, "events", "prune", "--older-than", "72h", "--store", path)
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "deleted 1 events") {
		t.Errorf("prune --older-than 72h: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	for _, bad := range []string{"30m", "forever", "0", "soon"} {
		r := run(t, "", "", nil, "events", "prune", "--older-than", bad, "--store", path)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "--older-than") {
			t.Errorf("--older-than %s: exit %d %q, want 2", bad, r.code, r.stderr)
		}
	}
	if got := storedRequestIDs(t, path); !slices.Equal(got, []string{time.Minute.String()}) {
		t.Errorf("after the refused prunes: kept %v", got)
	}
}

// TestGatewayPrunesEvents: a gateway started with events_retention
// deletes the older events at start, and logs it.
func TestGatewayPrunesEvents(t *testing.T) {
	t.Parallel()
	path := storeWithEvents(t, time.Minute, 3*time.Hour, 50*time.Hour)
	cfg := filepath.Join(t.TempDir(), "ward.yaml")
	write(t, filepath.Dir(cfg), "ward.yaml", fmt.Sprintf("gateway:\n  store: %s\n  events_retention: 2h\n", path))
	var stderr testenv.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	root := e.rootCmd()
	root.SetArgs([]string{"gateway", "--config", cfg, "--upstream", "http://127.0.0.1:1", "--listen", "127.0.0.1:0"})
	done := make(chan int)
	go func() { done <- e.exitCode(root.ExecuteContext(ctx)) }()
	waitListening(t, &stderr)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), `"msg":"pruned events","deleted":2`) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("gateway exited %d", code)
	}
	if !strings.Contains(stderr.String(), `"msg":"pruned events","deleted":2`) {
		t.Errorf("no pruning logged:\n%s", stderr.String())
	}
	if got := storedRequestIDs(t, path); !slices.Equal(got, []string{time.Minute.String()}) {
		t.Errorf("kept %v, want [1m0s]", got)
	}
}
