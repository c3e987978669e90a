package localdynamo

import "syscall"

// procAttr puts the server in its own process group (so Stop ends it and its children) and
// has the kernel kill it if the process that started it dies first.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
