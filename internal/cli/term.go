package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/wardsec/ward/internal/scan"
)

// isTerminal reports whether w is a character device.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// useColor follows NO_COLOR (https://no-color.org) and colours only
// terminals.
func (e *env) useColor(w io.Writer) bool {
	return e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb" && isTerminal(w)
}

// progress prints a one-line status on a terminal for scans that last
// over a second. stop clears it.
func (e *env) progress(p *scan.Progress, enabled bool) (stop func()) {
	if !enabled || !isTerminal(e.stderr) {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(e.stderr, "\r\x1b[K")
				}
				return
			case <-t.C:
				if time.Since(start) < time.Second {
					continue
				}
				shown = true
				mb := float64(p.Bytes.Load()) / (1 << 20)
				fmt.Fprintf(e.stderr, "\r\x1b[Kscanning: %d files, %.1f MiB, %s", p.Files.Load(), mb, time.Since(start).Round(time.Second))
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
