package model

import (
	"context"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestIdempotentUpdateRequest sends an idempotent update as a transaction of one Update
// action with the caller's token (golden file), makes a new token for each Exec of
// Idempotent(), retries a conflict with the same token, and refuses what a transaction
// cannot do before sending.
func TestIdempotentUpdateRequest(t *testing.T) {
	ctx := context.Background()
	ok := func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
		return &dynamodb.TransactWriteItemsOutput{}, nil
	}
	t.Run("caller's token", func(t *testing.T) {
		r := &recorder{transactWriteItems: ok}
		m := newOrders(t, r)
		got, err := m.Update(Key{"c1", 3}).Increment("count", 1).Append("lines", []string{"x"}).IdempotencyToken("req-42").Exec(ctx)
		if err != nil || got.Customer != "" {
			t.Fatalf("Exec = %+v, %v; want the zero order, nil", got, err)
		}
		if len(r.requests) != 1 {
			t.Fatalf("%d requests; want 1", len(r.requests))
		}
		golden(t, "update_idempotent", r.requests[0])
	})
	t.Run("a new token for each Exec", func(t *testing.T) {
		r := &recorder{transactWriteItems: ok}
		m := newOrders(t, r)
		u := m.Update(Key{"c1", 3}).Increment("count", 1).Idempotent()
		for range 2 {
			if _, err := u.Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		a, b := tokenOf(r.requests[0]), tokenOf(r.requests[1])
		if !modelToken.MatchString(a) || !modelToken.MatchString(b) || a == b {
			t.Errorf("tokens %q and %q; want two different random UUIDs", a, b)
		}
	})
	t.Run("a conflict is retried with the same token", func(t *testing.T) {
		calls := 0
		r := &recorder{transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
			if calls++; calls < 3 {
				return nil, &types.TransactionCanceledException{CancellationReasons: []types.CancellationReason{{Code: aws.String("TransactionConflict")}}}
			}
			return &dynamodb.TransactWriteItemsOutput{}, nil
		}}
		m := newOrders(t, r)
		if _, err := m.Update(Key{"c1", 3}).Increment("count", 1).Idempotent().Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if len(r.requests) != 3 || tokenOf(r.requests[0]) != tokenOf(r.requests[2]) {
			t.Errorf("%d requests, tokens %q ... %q; want 3 with one token", len(r.requests), tokenOf(r.requests[0]), tokenOf(r.requests[len(r.requests)-1]))
		}
	})
	t.Run("a failed condition is not retried", func(t *testing.T) {
		r := &recorder{transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
			return nil, &types.TransactionCanceledException{CancellationReasons: []types.CancellationReason{{Code: aws.String("ConditionalCheckFailed")}}}
		}}
		m := newOrders(t, r)
		_, err := m.Update(Key{"c1", 3}).Increment("count", 1).MustExist().Idempotent().Exec(ctx)
		if !errors.Is(err, ErrConditionFailed) || len(r.requests) != 1 {
			t.Errorf("Exec = %v after %d requests; want ErrConditionFailed after 1", err, len(r.requests))
		}
	})
	refused := []struct {
		name string
		u    func(m *Model[order]) Update[order]
		want string
	}{
		{"Return", func(m *Model[order]) Update[order] {
			return m.Update(Key{"c1", 3}).Increment("count", 1).Return(ReturnAllNew).Idempotent()
		}, "Return does not apply to an idempotent update"},
		{"empty token", func(m *Model[order]) Update[order] {
			return m.Update(Key{"c1", 3}).Increment("count", 1).IdempotencyToken("")
		}, "DynamoDB takes 1 to 36"},
		{"long token", func(m *Model[order]) Update[order] {
			return m.Update(Key{"c1", 3}).Increment("count", 1).IdempotencyToken(strings.Repeat("t", 37))
		}, "has 37 characters"},
	}
	for _, tt := range refused {
		t.Run("refused: "+tt.name, func(t *testing.T) {
			r := &recorder{transactWriteItems: ok}
			_, err := tt.u(newOrders(t, r)).Exec(ctx)
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) || len(r.requests) != 0 {
				t.Errorf("Exec = %v after %d requests; want an *InputError containing %q, nothing sent", err, len(r.requests), tt.want)
			}
		})
	}
}

func tokenOf(req any) string {
	return aws.ToString(req.(*dynamodb.TransactWriteItemsInput).ClientRequestToken)
}

// lostOnce is an HTTP client that answers the first request with a 500, as when the server
// applied a write and its response was lost, and every later one with an empty success,
// keeping the bodies it received.
type lostOnce struct {
	mu     sync.Mutex
	bodies []map[string]any
}

func (l *lostOnce) Do(req *http.Request) (*http.Response, error) {
	raw, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.bodies = append(l.bodies, body)
	first := len(l.bodies) == 1
	l.mu.Unlock()
	status, answer := 200, "{}"
	if first {
		status, answer = 500, `{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"lost"}`
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(answer))), 10))
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(answer)), Request: req}, nil
}

// TestIdempotentUpdateResendKeepsToken checks, through the SDK's own client and retryer,
// that the resend after a lost response carries the same client request token as the first
// attempt, so that DynamoDB applies the increment once.
func TestIdempotentUpdateResendKeepsToken(t *testing.T) {
	for _, tt := range []struct {
		name  string
		token string
	}{{"Idempotent", ""}, {"IdempotencyToken", "req-7"}} {
		t.Run(tt.name, func(t *testing.T) {
			var hc lostOnce
			db := dynamodb.New(dynamodb.Options{
				Region:       "us-east-1",
				BaseEndpoint: aws.String("http://localhost:8000"),
				Credentials:  credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
				HTTPClient:   &hc,
			})
			m, err := New[order](db, "orders", orderSchema(t))
			if err != nil {
				t.Fatal(err)
			}
			u := m.Update(Key{"c1", 3}).Increment("count", 1).Idempotent()
			if tt.token != "" {
				u = u.IdempotencyToken(tt.token)
			}
			if _, err := u.Exec(context.Background()); err != nil {
				t.Fatal(err)
			}
			if len(hc.bodies) != 2 {
				t.Fatalf("%d attempts; want 2 (the lost one and the resend)", len(hc.bodies))
			}
			first, second := hc.bodies[0]["ClientRequestToken"], hc.bodies[1]["ClientRequestToken"]
			if first == nil || first == "" || first != second || tt.token != "" && first != tt.token {
				t.Errorf("tokens %v then %v; want one token (%q if given) on both attempts", first, second, tt.token)
			}
		})
	}
}
