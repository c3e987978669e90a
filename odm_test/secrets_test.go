package odm_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/tablesync"
)

// Credentials of the secrets tests: none may appear in an error, except as redacted.
const (
	testAccessKey    = "AKIDSECRETSTEST"
	testSecretKey    = "wJalrXUtnFEMIsecretKEYnever0shown"
	testSessionToken = "IQoJb3JpZ2luX2VjEsessionTOKEN+/never0shown=="
	testPassword     = "pa55wordNeverShown"
)

// echoServer answers every request as AWS answers a request whose signature does not match:
// a 400 whose message echoes the canonical request, every header (the session token
// included) and the body.
func echoServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		names := make([]string, 0, len(r.Header))
		for k := range r.Header {
			names = append(names, k)
		}
		sort.Strings(names)
		var canonical strings.Builder
		for _, k := range names {
			fmt.Fprintf(&canonical, "%s:%s\n", strings.ToLower(k), strings.Join(r.Header[k], ","))
		}
		msg := "The request signature we calculated does not match the signature you provided. " +
			"The Canonical String for this request should have been\n'POST\n/\n\n" + canonical.String() + "\n" + string(body) +
			"'\nHeaders: " + fmt.Sprint(r.Header)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":"com.amazon.coral.service#InvalidSignatureException","message":%q}`, msg)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// checkNoSecrets fails when msg shows a credential or the endpoint's password.
func checkNoSecrets(t *testing.T, what, msg string) {
	t.Helper()
	for _, secret := range []string{testSecretKey, testSessionToken, testPassword} {
		if strings.Contains(msg, secret) {
			t.Errorf("%s shows the secret %q:\n%s", what, secret, msg)
		}
	}
}

// TestErrorsHideSecrets: a server that echoes the canonical request (as AWS's signature
// mismatch does) put the session token into the library's errors, and an endpoint's
// user:password into every error that names the URL. Both are redacted in the errors of
// model operations, batches, transactions and tablesync; the secret key never appears.
func TestErrorsHideSecrets(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv := echoServer(t)
	open := func(endpoint string) *model.Model[Account] {
		c, err := dynamodel.Open(ctx, dynamodel.WithEndpoint(endpoint), dynamodel.WithRegion("eu-west-1"),
			dynamodel.WithStaticCredentials(testAccessKey, testSecretKey, testSessionToken))
		if err != nil {
			t.Fatalf("Open(%s) = %v", endpoint, err)
		}
		m, err := model.New[Account](c.DynamoDB(), "accounts", accountSchema)
		if err != nil {
			t.Fatalf("model.New = %v", err)
		}
		return m
	}
	echo := open(strings.Replace(srv.URL, "http://", "http://user:"+testPassword+"@", 1))
	badURL := open("http://user:" + testPassword + "@127.0.0.1:notaport")
	key := model.Key{Hash: "a"}
	tests := []struct {
		name   string
		marker string // what the redacted message shows in place of the secret
		run    func() error
	}{
		{"Get", "x-amz-security-token:[redacted]", func() error { _, err := echo.Get(ctx, key); return err }},
		{"Put", "x-amz-security-token:[redacted]", func() error { return echo.Put(ctx, &Account{ID: "a"}) }},
		{"Update", "x-amz-security-token:[redacted]", func() error {
			_, err := echo.Update(key).Increment("balance", 1).Exec(ctx)
			return err
		}},
		{"Query", "x-amz-security-token:[redacted]", func() error {
			_, err := echo.Query(model.Where("id").Eq("a")).Page(ctx, "")
			return err
		}},
		{"BatchPut", "x-amz-security-token:[redacted]", func() error { return echo.BatchPut(ctx, []*Account{{ID: "a"}}) }},
		{"TransactWrite", "x-amz-security-token:[redacted]", func() error { return model.TransactWrite(ctx, echo.TxPut(&Account{ID: "a"})) }},
		{"tablesync", "x-amz-security-token:[redacted]", func() error {
			c, _ := dynamodel.Open(ctx, dynamodel.WithEndpoint(srv.URL), dynamodel.WithRegion("eu-west-1"),
				dynamodel.WithStaticCredentials(testAccessKey, testSecretKey, testSessionToken))
			_, err := tablesync.Sync(ctx, c.DynamoDB(), tablesync.Verify, tablesync.FromSchema("accounts", accountSchema))
			return err
		}},
		{"endpoint password", "user:xxxxx@127.0.0.1", func() error { _, err := badURL.Get(ctx, key); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if err == nil {
				t.Fatalf("%s = nil; want the server's error", tt.name)
			}
			msg := err.Error()
			checkNoSecrets(t, tt.name+"'s error", msg)
			if !strings.Contains(msg, tt.marker) {
				t.Errorf("%s = %v; want the echo, redacted (%q)", tt.name, err, tt.marker)
			}
		})
	}
}
