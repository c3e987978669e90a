//go:build !linux

package bench

import "time"

// processCPU is only read on Linux.
func processCPU() (time.Duration, bool) { return 0, false }
