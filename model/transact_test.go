package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestTransactGolden(t *testing.T) {
	ctx := context.Background()
	r := &recorder{
		transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
			return &dynamodb.TransactWriteItemsOutput{}, nil
		},
		transactGetItems: func(in *dynamodb.TransactGetItemsInput) (*dynamodb.TransactGetItemsOutput, error) {
			return &dynamodb.TransactGetItemsOutput{Responses: make([]types.ItemResponse, len(in.TransactItems))}, nil
		},
	}
	m := newOrders(t, r, WithVersion("version"))
	err := TransactWrite(ctx,
		m.TxPut(&order{Customer: "c1", ID: 1, Status: "new", Version: 4}),
		m.TxCreate(&order{Customer: "c1", ID: 2}),
		m.Update(Key{"c1", 3}).Increment("total", 5).IfVersion(7).Tx(),
		m.TxDelete(Key{"c1", 4}, If(Where("status").Eq("sent"))),
		m.TxCheck(Key{"c2", 1}, Where("total").Lt(100)),
	)
	if err != nil {
		t.Fatal(err)
	}
	var a order
	var b Partial[order]
	found, err := TransactGet(ctx, m.TxGet(Key{"c1", 1}, &a), m.TxGetPartial(Key{"c1", 2}, &b, Project("total")))
	if err != nil || len(found) != 2 || found[0] || found[1] {
		t.Fatalf("TransactGet = %v, %v; want [false false]", found, err)
	}
	golden(t, "transact_write", withoutModelToken(t, r.requests[0]))
	golden(t, "transact_get", r.requests[1])
}

// TestTransactionCancellation maps cancellation reasons, structured or read from the
// message, back to the actions.
func TestTransactionCancellation(t *testing.T) {
	tests := []struct {
		name string
		err  error
	}{
		{"structured", &types.TransactionCanceledException{CancellationReasons: []types.CancellationReason{
			{Code: aws.String("None")}, {Code: aws.String("ConditionalCheckFailed"), Message: aws.String("The conditional request failed")}}}},
		{"from the message", &types.TransactionCanceledException{Message: aws.String("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
				return nil, tt.err
			}}
			m := newOrders(t, r)
			err := TransactWrite(context.Background(), m.TxPut(&order{Customer: "c", ID: 1}), m.TxDelete(Key{"c", 2}, If(Where("status").Eq("new"))))
			var ae *ActionError
			if !errors.As(err, &ae) || ae.Index != 1 || ae.Op != "delete" || ae.Table != "dev_orders" || ae.Code != "ConditionalCheckFailed" {
				t.Fatalf("TransactWrite = %v; want action 1 (delete dev_orders) ConditionalCheckFailed", err)
			}
			if !errors.Is(err, ErrConditionFailed) {
				t.Errorf("errors.Is(ErrConditionFailed) = false for %v", err)
			}
			var tc *types.TransactionCanceledException
			if !errors.As(err, &tc) {
				t.Errorf("the SDK error is not in the chain of %v", err)
			}
			want := "model: transact write cancelled: action 1 (delete dev_orders): ConditionalCheckFailed"
			if err.Error() != want {
				t.Errorf("Error() = %q; want %q", err.Error(), want)
			}
		})
	}
}

// TestTransactWriteToken sends the caller's client request token unchanged, the same on
// every call that gives it (so a retry is deduplicated), and refuses a token DynamoDB would
// refuse, or two tokens, before anything is sent.
func TestTransactWriteToken(t *testing.T) {
	ctx := context.Background()
	r := &recorder{transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
		return &dynamodb.TransactWriteItemsOutput{}, nil
	}}
	m := newOrders(t, r)
	tok := "3f2b8c1e-7d4a-4e19-9a51-0c6d2e8f7b30" // 36 characters, the most allowed
	for range 2 {
		if err := TransactWrite(ctx, m.TxPut(&order{Customer: "c", ID: 1}), TxToken(tok), m.TxDelete(Key{"c", 2})); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.requests) != 2 {
		t.Fatalf("%d requests; want 2", len(r.requests))
	}
	for i, req := range r.requests {
		in := req.(*dynamodb.TransactWriteItemsInput)
		if got := aws.ToString(in.ClientRequestToken); got != tok {
			t.Errorf("request %d: ClientRequestToken = %q; want %q", i, got, tok)
		}
		if len(in.TransactItems) != 2 || in.TransactItems[0].Put == nil || in.TransactItems[1].Delete == nil {
			t.Errorf("request %d: TransactItems = %+v; want the put and the delete only", i, in.TransactItems)
		}
	}

	refused := []struct {
		name    string
		actions []WriteAction
		want    string
	}{
		{"empty token", []WriteAction{TxToken(""), m.TxDelete(Key{"c", 2})}, `client request token "" has 0 characters; DynamoDB takes 1 to 36`},
		{"37 characters", []WriteAction{TxToken(tok + "x"), m.TxDelete(Key{"c", 2})}, "has 37 characters; DynamoDB takes 1 to 36"},
		{"two tokens", []WriteAction{TxToken("a"), m.TxDelete(Key{"c", 2}), TxToken("b")}, "2 TxToken options; a transaction has one token"},
		{"a token alone", []WriteAction{TxToken("a")}, "no actions"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			r.requests = nil
			err := TransactWrite(ctx, tt.actions...)
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("TransactWrite = %v; want an *InputError containing %q", err, tt.want)
			}
			if len(r.requests) != 0 {
				t.Errorf("%d requests sent; want none", len(r.requests))
			}
		})
	}
}
