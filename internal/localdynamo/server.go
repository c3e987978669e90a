package localdynamo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Server is a DynamoDB server: one Start started, or the one DYNAMODB_ENDPOINT names.
type Server struct {
	Name     string // "dynalite 4.0.0", or "the server at URL" for DYNAMODB_ENDPOINT's
	Endpoint string // http://127.0.0.1:PORT

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	logs bytes.Buffer  // what the process printed, for errors
}

// FromEnv returns the server the environment asks for: the one at $DYNAMODB_ENDPOINT if it is
// set (nothing is started), else a new dynalite (see [Start]). It tells progress (nil: nobody)
// which.
func FromEnv(ctx context.Context, progress io.Writer) (*Server, error) {
	if ep := os.Getenv("DYNAMODB_ENDPOINT"); ep != "" {
		say(progress, "localdynamo: using the server at %s (DYNAMODB_ENDPOINT); nothing started", ep)
		return &Server{Name: "the server at " + ep, Endpoint: ep}, nil
	}
	return Start(ctx, progress)
}

// Start installs dynalite (once, into [CacheDir]), starts it on a free loopback port and waits
// until it answers. It tells progress (nil: nobody) what it downloads and when the server is
// ready. Stop it with Stop.
func Start(ctx context.Context, progress io.Writer) (*Server, error) {
	begin := time.Now()
	cli, err := InstallDynalite(ctx, progress)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ { // a free port can be taken before dynalite binds it
		s, err := start(ctx, cli)
		if err == nil {
			say(progress, "localdynamo: %s ready on %s in %s", s.Name, strings.TrimPrefix(s.Endpoint, "http://"), seconds(time.Since(begin)))
			return s, nil
		}
		if attempt == 2 || ctx.Err() != nil {
			return nil, err
		}
	}
}

func start(ctx context.Context, cli string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	guard, err := writeGuard(filepath.Dir(cli))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", "--require", guard, cli, "--port", strconv.Itoa(port), "--host", "127.0.0.1")
	s := &Server{
		Name:     dynalitePackage + " " + dynaliteVersion,
		Endpoint: fmt.Sprintf("http://127.0.0.1:%d", port),
		cmd:      cmd,
		done:     make(chan struct{}),
	}
	cmd.Stdout = &s.logs
	cmd.Stderr = &s.logs
	cmd.SysProcAttr = procAttr()
	started := make(chan error, 1)
	go func() {
		// The kernel's parent-death signal (procAttr) follows the thread that started the
		// process, not the program: keep that thread until the process exits.
		runtime.LockOSThread()
		err := cmd.Start()
		started <- err
		if err == nil {
			cmd.Wait()
		}
		close(s.done)
	}()
	if err := <-started; err != nil {
		return nil, fmt.Errorf("localdynamo: start %s: %w", s.Name, err)
	}
	if err := s.waitReady(ctx, 60*time.Second); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// waitReady polls the endpoint until it answers an HTTP request, the process exits, or the
// timeout passes.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.Endpoint, strings.NewReader("{}"))
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-s.done:
			return fmt.Errorf("localdynamo: %s exited before it answered:\n%s", s.Name, s.logs.String())
		case <-ctx.Done():
			return fmt.Errorf("localdynamo: %s did not answer at %s: %w", s.Name, s.Endpoint, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Exited is closed when a server Start started has exited; it is never closed for the server
// DYNAMODB_ENDPOINT names.
func (s *Server) Exited() <-chan struct{} { return s.done }

// Logs returns what a server Start started printed; call it once the server has exited.
func (s *Server) Logs() string { return s.logs.String() }

// Stop ends a server that Start started (by its process group) and waits for it to exit. It
// does nothing for an external server.
func (s *Server) Stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	pid := s.cmd.Process.Pid
	syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-pid, syscall.SIGKILL)
		<-s.done
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("localdynamo: no free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// guardJS keeps dynalite serving when a client drops a connection mid-request (see the file).
//
//go:embed guard.js
var guardJS []byte

// writeGuard writes guard.js into dir (once per content) and returns its path.
func writeGuard(dir string) (string, error) {
	path := filepath.Join(dir, "dynamodel-guard.js")
	if have, err := os.ReadFile(path); err == nil && bytes.Equal(have, guardJS) {
		return path, nil
	}
	tmp, err := os.CreateTemp(dir, "dynamodel-guard-*.js")
	if err != nil {
		return "", fmt.Errorf("localdynamo: %w", err)
	}
	_, err = tmp.Write(guardJS)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path) // atomic: parallel test binaries may start servers
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("localdynamo: %w", err)
	}
	return path, nil
}
