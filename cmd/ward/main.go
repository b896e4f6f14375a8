// Command ward is the DevSecOps toolkit for teams shipping AI-powered
// software. Everything lives in internal/cli; main only wires the process.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/wardsec/ward/internal/cli"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// Ward's live heap is small and steady (compiled rules, a file per
		// worker): collecting at 1.5x rather than 2x of it keeps peak
		// memory down for the same CPU.
		debug.SetGCPercent(50)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal (the gateway then drains its streams), a
		// second one stops Ward at once.
		<-ctx.Done()
		stop()
	}()
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
