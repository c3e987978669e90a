package dynamodelcli

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestStderrHidesSecrets: with a server that echoes the canonical request in its error (as
// AWS's signature mismatch does), the session token was printed on stderr, and an endpoint's
// user:password in every error naming the URL. Both are redacted; the secret key never shows.
func TestStderrHidesSecrets(t *testing.T) {
	const (
		secretKey = "wJalrXUtnFEMIcliSECRETkey"
		token     = "IQoJb3JpZ2luX2VjEcliTOKEN+/x=="
		password  = "cliPa55word"
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var canonical strings.Builder
		for k, vs := range r.Header {
			fmt.Fprintf(&canonical, "%s:%s\n", strings.ToLower(k), strings.Join(vs, ","))
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":"com.amazon.coral.service#InvalidSignatureException","message":%q}`,
			"The Canonical String for this request should have been\n'POST\n/\n\n"+canonical.String()+"\n"+string(body)+"'")
	}))
	defer srv.Close()
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDCLITEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", secretKey)
	t.Setenv("AWS_SESSION_TOKEN", token)
	t.Setenv("AWS_REGION", "eu-west-1")
	tests := []struct {
		name, endpoint, marker string
	}{
		{"echoed session token", strings.Replace(srv.URL, "http://", "http://user:"+password+"@", 1), "x-amz-security-token:[redacted]"},
		{"endpoint password", "http://user:" + password + "@127.0.0.1:notaport", "user:xxxxx@127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli(t, "get", "-endpoint", tt.endpoint, "-table", "accounts", "-key", `{"id":"a"}`)
			if r.code != exitError {
				t.Fatalf("get = %d, stderr %q; want exit code %d", r.code, r.stderr, exitError)
			}
			for _, secret := range []string{secretKey, token, password} {
				if strings.Contains(r.stderr+r.stdout, secret) {
					t.Errorf("get printed the secret %q:\n%s", secret, r.stderr)
				}
			}
			if !strings.Contains(r.stderr, tt.marker) {
				t.Errorf("get stderr = %q; want the error, redacted (%q)", r.stderr, tt.marker)
			}
		})
	}
}
