//go:build unix

package guard

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used, so that benchmarks
// can report CPU per operation, which a busy machine does not inflate the
// way it inflates wall-clock ns/op.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
