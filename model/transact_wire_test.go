package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/google/go-cmp/cmp"
)

// The transaction path at the level of HTTP: a real SDK client against a server that answers
// with responses recorded from DynamoDB, so that what the SDK decodes from the wire is what
// the model maps. The local test server (dynalite) has no transactions, so these are what
// fail when that path breaks.

// recordedServer answers every request with status and body, and keeps the operation and
// the body of each request.
type recordedServer struct {
	status int
	body   string
	ops    []string
	bodies []map[string]any
}

func (s *recordedServer) client(t *testing.T) *dynamodb.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Errorf("request body %q: %v", raw, err)
		}
		s.ops = append(s.ops, r.Header.Get("X-Amz-Target"))
		s.bodies = append(s.bodies, body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.WriteHeader(s.status)
		io.WriteString(w, s.body)
	}))
	t.Cleanup(srv.Close)
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint:                    aws.String(srv.URL),
		Region:                          "us-east-1",
		Credentials:                     aws.AnonymousCredentials{},
		RetryMaxAttempts:                1,
		DisableValidateResponseChecksum: true,
	})
}

// A TransactionCanceledException as DynamoDB sends it: the reasons in order of the actions,
// "None" for an action that did not fail, the item for a failed condition that asked for it.
const canceledTwo = `{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
 "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None, ConditionalCheckFailed]",
 "CancellationReasons":[
  {"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"},
  {"Code":"None"},
  {"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"customer":{"S":"c"},"id":{"N":"3"},"status":{"S":"new"}}}]}`

func TestTransactWriteRecordedCancellation(t *testing.T) {
	tests := []struct {
		name          string
		body          string
		want          []ActionError
		conditionFail bool
		message       string
	}{
		{
			name: "a conflict and a failed condition",
			body: canceledTwo,
			want: []ActionError{
				{Index: 0, Op: "put", Table: "dev_orders", Code: "TransactionConflict", Message: "Transaction is ongoing for the item"},
				{Index: 2, Op: "delete", Table: "dev_orders", Code: "ConditionalCheckFailed", Message: "The conditional request failed"},
			},
			conditionFail: true,
			message:       "model: transact write cancelled: action 0 (put dev_orders): TransactionConflict; action 2 (delete dev_orders): ConditionalCheckFailed",
		},
		{
			name: "a validation error, reasons only in the message",
			body: `{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
 "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError, None]"}`,
			want:    []ActionError{{Index: 1, Op: "update", Table: "dev_orders", Code: "ValidationError"}},
			message: "model: transact write cancelled: action 1 (update dev_orders): ValidationError",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &recordedServer{status: http.StatusBadRequest, body: tt.body}
			m := newOrders(t, nil)
			m.db = srv.client(t)
			err := TransactWrite(context.Background(),
				m.TxPut(&order{Customer: "c", ID: 1, Status: "new"}),
				m.Update(Key{"c", 2}).Set("status", "paid").Tx(),
				m.TxDelete(Key{"c", 3}, If(Where("status").Eq("sent"))),
			)
			var te *TransactionError
			if !errors.As(err, &te) {
				t.Fatalf("TransactWrite = %v; want a *TransactionError", err)
			}
			got := make([]ActionError, len(te.Actions))
			for i, a := range te.Actions {
				got[i] = *a
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("TransactWrite actions mismatch (-want +got):\n%s", diff)
			}
			if errors.Is(err, ErrConditionFailed) != tt.conditionFail {
				t.Errorf("errors.Is(%v, ErrConditionFailed) = %v; want %v", err, !tt.conditionFail, tt.conditionFail)
			}
			if err.Error() != tt.message {
				t.Errorf("Error() = %q; want %q", err.Error(), tt.message)
			}
			if len(srv.ops) != 1 || srv.ops[0] != "DynamoDB_20120810.TransactWriteItems" {
				t.Fatalf("requests %v; want one TransactWriteItems", srv.ops)
			}
			items, _ := srv.bodies[0]["TransactItems"].([]any)
			var kinds []string
			for _, it := range items {
				for k := range it.(map[string]any) {
					kinds = append(kinds, k)
				}
			}
			if fmt.Sprint(kinds) != "[Put Update Delete]" {
				t.Errorf("TransactItems sent = %v; want [Put Update Delete]", kinds)
			}
		})
	}
}

func TestTransactGetRecordedResponse(t *testing.T) {
	srv := &recordedServer{status: http.StatusOK, body: `{"Responses":[
  {"Item":{"customer":{"S":"c"},"id":{"N":"1"},"status":{"S":"paid"},"total":{"N":"12.5"}}},
  {},
  {"Item":{"total":{"N":"7"}}}]}`}
	m := newOrders(t, nil)
	m.db = srv.client(t)
	var a, missing order
	var b Partial[order]
	found, err := TransactGet(context.Background(),
		m.TxGet(Key{"c", 1}, &a), m.TxGet(Key{"c", 2}, &missing), m.TxGetPartial(Key{"c", 3}, &b, Project("total")))
	if err != nil {
		t.Fatalf("TransactGet = %v", err)
	}
	if fmt.Sprint(found) != "[true false true]" {
		t.Errorf("TransactGet found = %v; want [true false true]", found)
	}
	want := []order{{Customer: "c", ID: 1, Status: "paid", Total: 12.5}, {}, {Total: 7}}
	if diff := cmp.Diff(want, []order{a, missing, b.Item}); diff != "" {
		t.Errorf("TransactGet items mismatch (-want +got):\n%s", diff)
	}
	if fmt.Sprint(b.Read) != "[total]" {
		t.Errorf("TxGetPartial Read = %v; want [total]", b.Read)
	}
	if len(srv.ops) != 1 || srv.ops[0] != "DynamoDB_20120810.TransactGetItems" {
		t.Fatalf("requests %v; want one TransactGetItems", srv.ops)
	}
	items, _ := srv.bodies[0]["TransactItems"].([]any)
	if len(items) != 3 {
		t.Fatalf("TransactItems sent = %v; want 3", items)
	}
	third := items[2].(map[string]any)["Get"].(map[string]any)
	if third["ProjectionExpression"] == nil || third["TableName"] != "dev_orders" {
		t.Errorf("third Get sent = %v; want a projection on dev_orders", third)
	}
}

func TestTransactGetRecordedCancellation(t *testing.T) {
	srv := &recordedServer{status: http.StatusBadRequest, body: `{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
 "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]",
 "CancellationReasons":[{"Code":"None"},{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"}]}`}
	m := newOrders(t, nil)
	m.db = srv.client(t)
	var a, b order
	_, err := TransactGet(context.Background(), m.TxGet(Key{"c", 1}, &a), m.TxGet(Key{"c", 2}, &b))
	var ae *ActionError
	if !errors.As(err, &ae) || ae.Index != 1 || ae.Op != "get" || ae.Code != "TransactionConflict" {
		t.Fatalf("TransactGet = %v; want action 1 (get) TransactionConflict", err)
	}
	if errors.Is(err, ErrConditionFailed) {
		t.Errorf("errors.Is(%v, ErrConditionFailed) = true; want false for a conflict", err)
	}
}

// TestTransactWriteRefusedBeforeSending checks that what DynamoDB would refuse is refused
// before any request.
func TestTransactWriteRefusedBeforeSending(t *testing.T) {
	r := &recorder{}
	m := newOrders(t, r)
	var many []WriteAction
	for i := range MaxTransactionActions + 1 {
		many = append(many, m.TxPut(&order{Customer: "m", ID: i}))
	}
	tests := []struct {
		name    string
		actions []WriteAction
	}{
		{"over 100", many},
		{"same item twice", []WriteAction{m.Update(Key{"c", 1}).Increment("count", 1).Tx(), m.TxCheck(Key{"c", 1}, Where("status").Exists())}},
		{"invalid item", []WriteAction{m.TxPut(&order{Customer: "c", ID: 1, Status: "lost"})}},
		{"no actions", nil},
		{"zero action", []WriteAction{{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := TransactWrite(context.Background(), tt.actions...)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("TransactWrite = %v; want an *InputError", err)
			}
		})
	}
	if len(r.requests) != 0 {
		t.Errorf("requests sent: %d; want none", len(r.requests))
	}
}
