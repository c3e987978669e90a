package bench

import (
	"syscall"
	"time"
	"unsafe"
)

// processCPU returns the CPU time the process has used on all its threads (the collector's
// included), or false when the clock cannot be read.
func processCPU() (time.Duration, bool) {
	const clockProcessCPUTimeID = 2 // CLOCK_PROCESS_CPUTIME_ID
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
