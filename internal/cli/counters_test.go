package cli

import (
	"context"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/gateway"
	"github.com/wardsec/ward/internal/store"
)

// TestRedisDownFailsFast: with the counters' Redis unreachable, a
// request's limit check fails within a fraction of a second (one quick
// retry), so fail-open and fail-closed answers come quickly.
func TestRedisDownFailsFast(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	e := &env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv: func(string) string { return "" }}
	var o gateway.Options
	var closers []func()
	if err := e.counters(context.Background(), &config.Gateway{Counters: "redis://" + addr + "/0"}, nil, &o, &closers); err != nil {
		t.Fatal(err)
	}
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	start := time.Now()
	if _, _, err := o.Limiter.Take(context.Background(), "r:test", 10, 1, start); err == nil {
		t.Fatal("a limit was counted with Redis down")
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("the limit check took %v with Redis down, want well under a second", d)
	}
}

// TestStoreReady: the readiness check passes on a working store and fails
// once the store is closed.
func TestStoreReady(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ward.db"))
	if err != nil {
		t.Fatal(err)
	}
	ready := storeReady(st, nil)
	if err := ready(ctx); err != nil {
		t.Fatalf("an open store is not ready: %v", err)
	}
	st.Close()
	if err := ready(ctx); err == nil {
		t.Error("a closed store is ready")
	}
}
