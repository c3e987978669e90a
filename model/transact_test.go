package model

import (
	"context"
	"errors"
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
	var a, b order
	found, err := TransactGet(ctx, m.TxGet(Key{"c1", 1}, &a), m.TxGet(Key{"c1", 2}, &b, Project("total")))
	if err != nil || len(found) != 2 || found[0] || found[1] {
		t.Fatalf("TransactGet = %v, %v; want [false false]", found, err)
	}
	golden(t, "transact_write", r.requests[0])
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
