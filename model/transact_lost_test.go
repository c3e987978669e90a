package model

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/dynamodeltest/fault"
	"github.com/dynamodel/dynamodel/internal/awserr"
)

// transactServer answers the requests it gets with its answers in turn (status, body), and
// keeps the client request token of each.
type transactServer struct {
	mu      sync.Mutex
	answers [][2]any
	tokens  []string
	delay   time.Duration // before each answer
}

func (s *transactServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body struct{ ClientRequestToken string }
	json.Unmarshal(raw, &body)
	s.mu.Lock()
	n := len(s.tokens)
	s.tokens = append(s.tokens, body.ClientRequestToken)
	s.mu.Unlock()
	time.Sleep(s.delay)
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	if n >= len(s.answers) {
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"no answer scripted"}`)
		return
	}
	w.WriteHeader(s.answers[n][0].(int))
	io.WriteString(w, s.answers[n][1].(string))
}

// sent returns the tokens of the requests the server got so far.
func (s *transactServer) sent() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.tokens)
}

const (
	txApplied   = `{}`
	txThrottled = `{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"slow down"}`
	txCancelled = `{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
 "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]",
 "CancellationReasons":[{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"}]}`
)

// TestTransactionLostResponseIsOutcomeUnknown: a transaction whose response was lost after
// the server had it (a reset connection, a 500 in its place), and whose resends by the SDK
// did not settle it, is reported as ErrOutcomeUnknown, never as a plain failure: it may
// have been applied. A cancellation, 4xx answers with nothing lost, and a connection that
// was never made are reported as they are. The same holds for TransactWrite, the commit of
// a unit of work and an idempotent update, which all send TransactWriteItems.
func TestTransactionLostResponseIsOutcomeUnknown(t *testing.T) {
	type call struct {
		name string
		run  func(ctx context.Context, m *Model[order]) error
	}
	calls := []call{
		{"TransactWrite", func(ctx context.Context, m *Model[order]) error {
			return TransactWrite(ctx, m.TxPut(&order{Customer: "c", ID: 1, Status: "new"}),
				m.Update(Key{"c", 2}).Set("status", "paid").Tx())
		}},
		{"TransactWrite with TxToken", func(ctx context.Context, m *Model[order]) error {
			return TransactWrite(ctx, TxToken("tok-1"), m.TxDelete(Key{"c", 1}))
		}},
		{"RunInTransaction", func(ctx context.Context, m *Model[order]) error {
			return RunInTransaction(ctx, func(ctx context.Context) error {
				if err := m.Put(ctx, &order{Customer: "c", ID: 1, Status: "new"}); err != nil {
					return err
				}
				_, err := m.Update(Key{"c", 2}).Increment("count", 1).Exec(ctx)
				return err
			}, CommitToken("unit-1"))
		}},
		{"RunInTransaction without CommitToken", func(ctx context.Context, m *Model[order]) error {
			return RunInTransaction(ctx, func(ctx context.Context) error {
				return m.Delete(ctx, Key{"c", 1}, If(Where("status").Eq("new")))
			})
		}},
		{"Update.IdempotencyToken", func(ctx context.Context, m *Model[order]) error {
			_, err := m.Update(Key{"c", 2}).Increment("count", 1).IdempotencyToken("inc-1").Exec(ctx)
			return err
		}},
	}
	tests := []struct {
		name     string
		fault    fault.Kind
		faults   int // the first faults requests lose their response; -1: every one
		attempts int // the SDK's attempts
		answers  [][2]any
		refused  bool // nothing listens: the connection is never made
		noCreds  bool // the request cannot be signed: nothing is sent
		canceled bool // the context ends before the call
		timeout  bool // the context ends while the server holds the request
		unknown  bool
		check    func(t *testing.T, err error)
	}{
		{name: "lost (reset), then throttled until the SDK gives up", fault: fault.LostReset, faults: 1, attempts: 3,
			answers: [][2]any{{200, txApplied}, {400, txThrottled}, {400, txThrottled}}, unknown: true},
		{name: "every response lost (500 in its place)", fault: fault.Lost500, faults: -1, attempts: 3,
			answers: [][2]any{{200, txApplied}, {200, txApplied}, {200, txApplied}}, unknown: true},
		{name: "the only attempt lost (reset)", fault: fault.LostReset, faults: 1, attempts: 1,
			answers: [][2]any{{200, txApplied}}, unknown: true},
		{name: "timed out while the server had it", attempts: 3, timeout: true,
			answers: [][2]any{{200, txApplied}}, unknown: true},
		{name: "lost, then the resend answered", fault: fault.LostReset, faults: 1, attempts: 3,
			answers: [][2]any{{200, txApplied}, {200, txApplied}}},
		{name: "lost, then cancelled", fault: fault.Lost500, faults: 1, attempts: 3,
			answers: [][2]any{{200, txApplied}, {400, txCancelled}},
			check: func(t *testing.T, err error) {
				var te *TransactionError
				if !errors.As(err, &te) || !errors.Is(err, ErrConditionFailed) {
					t.Errorf("err = %v; want a *TransactionError matching ErrConditionFailed", err)
				}
			}},
		{name: "throttled, nothing lost", attempts: 3,
			answers: [][2]any{{400, txThrottled}, {400, txThrottled}, {400, txThrottled}},
			check: func(t *testing.T, err error) {
				if !awserr.Is(err, awserr.Throttled) {
					t.Errorf("err = %v; want the throttling error", err)
				}
			}},
		{name: "connection refused", attempts: 3, refused: true},
		{name: "no credentials to sign with", attempts: 3, noCreds: true, answers: [][2]any{}},
		{name: "context cancelled before the call", attempts: 3, canceled: true, answers: [][2]any{}},
	}
	for _, c := range calls {
		for _, tt := range tests {
			t.Run(c.name+"/"+tt.name, func(t *testing.T) {
				srv := &transactServer{answers: tt.answers}
				if tt.timeout {
					srv.delay = 400 * time.Millisecond
				}
				hs := httptest.NewServer(srv)
				t.Cleanup(hs.Close)
				if tt.refused {
					hs.Close()
				}
				var rt http.RoundTripper = http.DefaultTransport
				if tt.faults != 0 {
					rt = fault.New(nil, fault.Options{Rate: 1, Kinds: []fault.Kind{tt.fault}, Max: max(tt.faults, 0)})
				}
				m := newOrders(t, nil)
				m.db = dynamodb.New(dynamodb.Options{
					BaseEndpoint:                    aws.String(hs.URL),
					Region:                          "us-east-1",
					Credentials:                     signer(tt.noCreds),
					HTTPClient:                      &http.Client{Transport: rt},
					DisableValidateResponseChecksum: true,
					Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
						o.MaxAttempts = tt.attempts
						o.MaxBackoff = time.Millisecond
					}),
				})
				ctx, cancel := context.WithCancel(context.Background())
				if tt.canceled {
					cancel()
				}
				defer cancel()
				if tt.timeout {
					var stop context.CancelFunc
					ctx, stop = context.WithTimeout(ctx, 150*time.Millisecond)
					defer stop()
				}
				err := c.run(ctx, m)
				tokens := srv.sent()
				if tt.answers != nil && len(tokens) != len(tt.answers) {
					t.Fatalf("%d requests reached the server; want %d", len(tokens), len(tt.answers))
				}
				for i, tok := range tokens {
					if tok == "" || tok != tokens[0] {
						t.Errorf("request %d token %q; want every attempt with the first's, %q", i, tok, tokens[0])
					}
				}
				if got := errors.Is(err, ErrOutcomeUnknown); got != tt.unknown {
					t.Fatalf("errors.Is(%v, ErrOutcomeUnknown) = %v; want %v", err, got, tt.unknown)
				}
				if tt.unknown {
					if errors.Is(err, ErrConditionFailed) || awserr.Transient(err) || awserr.Is(err, awserr.Throttled) {
						t.Errorf("err = %v; must match nothing a retry loop retries on", err)
					}
					var oe *OpError
					if !errors.As(err, &oe) || strings.Count(err.Error(), "model: "+oe.Op) != 1 || !strings.Contains(err.Error(), "same token") {
						t.Errorf("err = %q; want an *OpError naming the operation once and the same token as the way to settle it", err)
					}
					var ue *OutcomeUnknownError
					switch {
					case !errors.As(err, &ue):
						t.Errorf("err = %v; want an *OutcomeUnknownError", err)
					case len(tokens) == 0 || ue.Token != tokens[0]:
						t.Errorf("OutcomeUnknownError.Token = %q; want the token of every attempt sent, %q", ue.Token, tokens)
					case !strings.Contains(err.Error(), strconv.Quote(ue.Token)):
						t.Errorf("err = %q; want it to name the token %q", err, ue.Token)
					}
					return
				}
				if tt.check != nil {
					tt.check(t, err)
				}
				if (tt.refused || tt.noCreds || tt.canceled) && err == nil {
					t.Errorf("err = nil; want the error that stopped the request")
				}
				if len(tt.answers) > 0 && tt.answers[len(tt.answers)-1][1] == txApplied && err != nil {
					t.Errorf("err = %v; want nil", err)
				}
			})
		}
	}
}

// signer returns anonymous credentials, or with none a provider that fails.
func signer(none bool) aws.CredentialsProvider {
	if none {
		return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{}, errors.New("no credentials")
		})
	}
	return aws.AnonymousCredentials{}
}

// TestIdempotentUpdateLostThenInProgressSettles: an idempotent update whose first response
// was lost and whose resend found the first attempt still in progress sends again with the
// same token, which settles it, instead of reporting ErrOutcomeUnknown at once.
func TestIdempotentUpdateLostThenInProgressSettles(t *testing.T) {
	srv := &transactServer{answers: [][2]any{
		{200, txApplied},
		{400, `{"__type":"com.amazonaws.dynamodb.v20120810#TransactionInProgressException","message":"in progress"}`},
		{200, txApplied},
	}}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	m := newOrders(t, nil)
	m.db = dynamodb.New(dynamodb.Options{
		BaseEndpoint: aws.String(hs.URL), Region: "us-east-1", Credentials: aws.AnonymousCredentials{},
		HTTPClient:                      &http.Client{Transport: fault.New(nil, fault.Options{Rate: 1, Kinds: []fault.Kind{fault.LostReset}, Max: 1})},
		DisableValidateResponseChecksum: true,
		Retryer:                         retry.NewStandard(func(o *retry.StandardOptions) { o.MaxBackoff = time.Millisecond }),
	})
	if _, err := m.Update(Key{"c", 2}).Increment("count", 1).IdempotencyToken("inc-2").Exec(context.Background()); err != nil {
		t.Fatalf("Exec = %v; want nil", err)
	}
	if tokens := srv.sent(); len(tokens) != 3 || tokens[0] != "inc-2" || tokens[2] != "inc-2" {
		t.Errorf("tokens sent %q; want inc-2 three times", tokens)
	}
}
