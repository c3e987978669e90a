package localdynamo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Kind names a local server implementation.
type Kind string

const (
	DynamoDBLocal Kind = "dynamodb-local" // the official emulator (Java)
	Dynalite      Kind = "dynalite"       // the Node.js implementation
	External      Kind = "external"       // a server given by DYNAMODB_ENDPOINT
)

// Server is a running local server.
type Server struct {
	Kind     Kind
	Endpoint string // http://127.0.0.1:PORT

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	logs bytes.Buffer  // what the process printed, for errors
}

// KindFromEnv returns the server DYNAMODB_SERVER asks for (DynamoDB Local when unset).
func KindFromEnv() (Kind, error) {
	switch k := Kind(os.Getenv("DYNAMODB_SERVER")); k {
	case "", DynamoDBLocal:
		return DynamoDBLocal, nil
	case Dynalite:
		return Dynalite, nil
	default:
		return "", fmt.Errorf("localdynamo: DYNAMODB_SERVER=%q; want %q or %q", k, DynamoDBLocal, Dynalite)
	}
}

// FromEnv returns the server the environment asks for: the endpoint in DYNAMODB_ENDPOINT if it
// is set (nothing is started), else a new server of the kind DYNAMODB_SERVER names.
func FromEnv(ctx context.Context) (*Server, error) {
	if ep := os.Getenv("DYNAMODB_ENDPOINT"); ep != "" {
		kind := External
		if k := Kind(os.Getenv("DYNAMODB_SERVER")); k != "" {
			kind = k // set by a runner that started the server itself
		}
		return &Server{Kind: kind, Endpoint: ep}, nil
	}
	kind, err := KindFromEnv()
	if err != nil {
		return nil, err
	}
	return Start(ctx, kind)
}

// Start installs (once) and starts a server of the given kind on a free loopback port and
// waits until it answers. Stop it with Stop.
func Start(ctx context.Context, kind Kind) (*Server, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ { // a free port can be taken before we bind it
		s, err := start(ctx, kind)
		if err == nil {
			return s, nil
		}
		lastErr = err
		if ctx.Err() != nil {
			break
		}
	}
	return nil, lastErr
}

func start(ctx context.Context, kind Kind) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	var cmd *exec.Cmd
	switch kind {
	case DynamoDBLocal:
		if err := checkJava(); err != nil {
			return nil, err
		}
		dir, err := InstallDynamoDBLocal(ctx)
		if err != nil {
			return nil, err
		}
		cmd = exec.Command("java",
			"-Djava.library.path="+filepath.Join(dir, "DynamoDBLocal_lib"),
			"-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-jar", filepath.Join(dir, "DynamoDBLocal.jar"),
			"-inMemory", "-disableTelemetry", "-port", strconv.Itoa(port))
		cmd.Dir = dir
	case Dynalite:
		cli, err := InstallDynalite(ctx)
		if err != nil {
			return nil, err
		}
		cmd = exec.Command("node", cli, "--port", strconv.Itoa(port), "--host", "127.0.0.1")
	default:
		return nil, fmt.Errorf("localdynamo: cannot start a server of kind %q", kind)
	}
	s := &Server{Kind: kind, Endpoint: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, done: make(chan struct{})}
	cmd.Stdout = &s.logs
	cmd.Stderr = &s.logs
	cmd.SysProcAttr = procAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("localdynamo: start %s: %w", kind, err)
	}
	go func() { cmd.Wait(); close(s.done) }()
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
			return fmt.Errorf("localdynamo: %s exited before it answered:\n%s", s.Kind, s.logs.String())
		case <-ctx.Done():
			return fmt.Errorf("localdynamo: %s did not answer at %s: %w", s.Kind, s.Endpoint, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Stop ends a server that Start started (by its process group) and waits for it to exit. It
// does nothing for an external server.
func (s *Server) Stop() error {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	pid := s.cmd.Process.Pid
	syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-pid, syscall.SIGKILL)
		<-s.done
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("localdynamo: no free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

var javaVersion = regexp.MustCompile(`version "(\d+)`)

const javaHelp = "install it (Debian: apt-get install -y openjdk-17-jre-headless), " +
	"or set DYNAMODB_SERVER=dynalite, or set DYNAMODB_ENDPOINT to a running server"

func checkJava() error {
	if _, err := exec.LookPath("java"); err != nil {
		return errors.New("localdynamo: DynamoDB Local needs Java 17 or newer and no java is on PATH; " + javaHelp)
	}
	out, err := exec.Command("java", "-version").CombinedOutput()
	if err != nil {
		return fmt.Errorf("localdynamo: java -version: %w\n%s", err, out)
	}
	m := javaVersion.FindSubmatch(out)
	if m == nil {
		return nil // an unusual version string: let the JVM decide
	}
	if v, _ := strconv.Atoi(string(m[1])); v < 17 {
		return fmt.Errorf("localdynamo: DynamoDB Local needs Java 17 or newer and java is version %d; %s", v, javaHelp)
	}
	return nil
}
