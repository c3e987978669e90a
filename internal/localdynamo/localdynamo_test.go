package localdynamo

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestFromEnvEndpointStartsNothing(t *testing.T) {
	t.Setenv("DYNAMODB_ENDPOINT", "http://127.0.0.1:1")
	s, err := FromEnv(context.Background(), nil)
	if err != nil {
		t.Fatalf("FromEnv() = %v", err)
	}
	if s.Name != "the server at http://127.0.0.1:1" || s.Endpoint != "http://127.0.0.1:1" || s.cmd != nil {
		t.Errorf("FromEnv() = %+v; want the external endpoint and no process", s)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("Stop() = %v; want nil for an external server", err)
	}
}

func TestCacheDir(t *testing.T) {
	t.Setenv("DYNAMODEL_CACHE", "/somewhere/cache")
	if got, err := CacheDir(); got != "/somewhere/cache" || err != nil {
		t.Errorf("CacheDir() = %q, %v; want /somewhere/cache", got, err)
	}
	t.Setenv("DYNAMODEL_CACHE", "")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	if got, err := CacheDir(); got != "/xdg/dynamodel" || err != nil {
		t.Errorf("CacheDir() = %q, %v; want /xdg/dynamodel", got, err)
	}
}

// TestStartStop starts dynalite, checks that it answers, that it said so, and that Stop ends
// its process.
func TestStartStop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	var progress strings.Builder
	s, err := Start(context.Background(), &progress)
	if err != nil {
		t.Fatalf("Start() = %v", err)
	}
	ready := regexp.MustCompile(`(?m)^localdynamo: dynalite 4\.0\.0 ready on 127\.0\.0\.1:[0-9]+ in [0-9]+\.[0-9] s$`)
	if !ready.MatchString(progress.String()) {
		t.Errorf("Start() said %q; want a line matching %s", progress.String(), ready)
	}
	if !strings.HasPrefix(s.Endpoint, "http://127.0.0.1:") {
		t.Errorf("Endpoint = %q; want a loopback URL", s.Endpoint)
	}
	if err := s.waitReady(context.Background(), time.Second); err != nil {
		t.Errorf("waitReady after Start = %v", err)
	}
	s.Stop()
	select {
	case <-s.done:
	default:
		t.Fatalf("process %d still running after Stop", s.cmd.Process.Pid)
	}
	if err := s.waitReady(context.Background(), 300*time.Millisecond); err == nil {
		t.Errorf("waitReady after Stop = nil; want no answer")
	}
}
