// Command ward is the DevSecOps toolkit for teams shipping AI-powered
// software. Everything lives in internal/cli; main only wires the process.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/wardsec/ward/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
