package localdynamo

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeTarball(t *testing.T, files map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		hdr := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pkg.tgz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUntar(t *testing.T) {
	tgz := writeTarball(t, map[string]string{
		"package/emulator/DynamoDBLocal.jar":         "jar",
		"package/emulator/DynamoDBLocal_lib/a.so":    "lib",
		"package/index.js":                           "not under the prefix",
		"package/emulator/../../../../tmp/escape.sh": "",
	})
	dest := t.TempDir()
	err := untar(tgz, "package/emulator/", dest)
	if err == nil || !strings.Contains(err.Error(), "unsafe path") {
		t.Fatalf("untar(with ../ entry) = %v; want an unsafe path error", err)
	}

	tgz = writeTarball(t, map[string]string{
		"package/emulator/DynamoDBLocal.jar":      "jar",
		"package/emulator/DynamoDBLocal_lib/a.so": "lib",
		"package/index.js":                        "not under the prefix",
	})
	dest = t.TempDir()
	if err := untar(tgz, "package/emulator/", dest); err != nil {
		t.Fatalf("untar() = %v", err)
	}
	for name, want := range map[string]string{"DynamoDBLocal.jar": "jar", "DynamoDBLocal_lib/a.so": "lib"} {
		got, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil || string(got) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "index.js")); !os.IsNotExist(err) {
		t.Errorf("Stat(index.js) = %v; want not extracted", err)
	}
}

func TestVerifyJar(t *testing.T) {
	path := filepath.Join(t.TempDir(), "DynamoDBLocal.jar")
	if err := os.WriteFile(path, []byte("not the jar"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := verifyJar(path)
	if err == nil || !strings.Contains(err.Error(), jarSHA256) {
		t.Errorf("verifyJar(wrong content) = %v; want a mismatch naming the expected hash", err)
	}
	if err := verifyJar(filepath.Join(t.TempDir(), "missing.jar")); err == nil {
		t.Errorf("verifyJar(missing) = nil; want an error")
	}
}

func TestKindFromEnv(t *testing.T) {
	tests := []struct {
		env     string
		want    Kind
		wantErr bool
	}{
		{"", DynamoDBLocal, false},
		{"dynamodb-local", DynamoDBLocal, false},
		{"dynalite", Dynalite, false},
		{"localstack", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			t.Setenv("DYNAMODB_SERVER", tt.env)
			got, err := KindFromEnv()
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("KindFromEnv() = %q, %v; want %q, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestFromEnvEndpointStartsNothing(t *testing.T) {
	t.Setenv("DYNAMODB_ENDPOINT", "http://127.0.0.1:1")
	t.Setenv("DYNAMODB_SERVER", "")
	s, err := FromEnv(context.Background())
	if err != nil {
		t.Fatalf("FromEnv() = %v", err)
	}
	if s.Kind != External || s.Endpoint != "http://127.0.0.1:1" || s.cmd != nil {
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

// TestStartStop starts the server DYNAMODB_SERVER names, checks that it answers and that Stop
// ends its process.
func TestStartStop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	kind, err := KindFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Start(context.Background(), kind)
	if err != nil {
		t.Fatalf("Start(%s) = %v", kind, err)
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
