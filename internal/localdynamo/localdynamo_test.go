package localdynamo

import (
	"context"
	"fmt"
	"net"
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
	s.Stop() // nothing to stop: returns at once
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

// TestServerSurvivesAbortedRequest checks that a client closing its connection in the middle
// of sending a request (as a cancelled context or a fault-injection test does) does not end
// the server: it answers the next request.
func TestServerSurvivesAbortedRequest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	s, err := Start(context.Background(), nil)
	if err != nil {
		t.Fatalf("Start() = %v", err)
	}
	defer s.Stop()
	for range 3 {
		conn, err := net.Dial("tcp", strings.TrimPrefix(s.Endpoint, "http://"))
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"+
			"Content-Type: application/x-amz-json-1.0\r\nContent-Length: 1000\r\n\r\n{\"Lim")
		time.Sleep(50 * time.Millisecond) // let the server start reading the body
		conn.(*net.TCPConn).SetLinger(0)  // reset, not a clean close
		conn.Close()
	}
	time.Sleep(200 * time.Millisecond)
	if err := s.waitReady(context.Background(), 2*time.Second); err != nil {
		t.Fatalf("after aborted requests, the server does not answer: %v\n%s", err, s.logs.String())
	}
}
