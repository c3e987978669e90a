//go:build !linux

package localdynamo

import "syscall"

// procAttr puts the server in its own process group, so Stop ends it and its children.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
