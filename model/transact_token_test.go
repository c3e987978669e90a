package model

import (
	"context"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// modelToken is the form of the client request tokens the model makes: a random UUID.
var modelToken = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// withoutModelToken checks that a TransactWriteItems request carries a token the model made
// and returns a copy without it, for a golden file or a comparison with a dry run.
func withoutModelToken(t *testing.T, req any) *dynamodb.TransactWriteItemsInput {
	t.Helper()
	in := *req.(*dynamodb.TransactWriteItemsInput)
	if tok := aws.ToString(in.ClientRequestToken); !modelToken.MatchString(tok) {
		t.Errorf("ClientRequestToken = %q; want a random UUID the model made", tok)
	}
	in.ClientRequestToken = nil
	return &in
}

// TestTransactionWithoutTokenSendsAModelToken: a transaction the caller gives no token
// (TransactWrite without TxToken, RunInTransaction without CommitToken) is sent with a
// token the model makes, a new one for each call, so that it can report the token when the
// outcome is unknown; the SDK never makes one. The dry run shows no token (the model makes
// one per send) and is otherwise the request sent.
func TestTransactionWithoutTokenSendsAModelToken(t *testing.T) {
	ctx := context.Background()
	actions := func(m *Model[order]) []WriteAction {
		return []WriteAction{m.TxPut(&order{Customer: "c", ID: 1, Status: "new"}), m.Update(Key{"c", 2}).Increment("count", 1).Tx()}
	}
	tests := []struct {
		name string
		run  func(m *Model[order]) error
	}{
		{"TransactWrite", func(m *Model[order]) error { return TransactWrite(ctx, actions(m)...) }},
		{"RunInTransaction", func(m *Model[order]) error {
			return RunInTransaction(ctx, func(ctx context.Context) error { return TransactWrite(ctx, actions(m)...) })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := committing()
			m := newOrders(t, r)
			for range 2 {
				if err := tt.run(m); err != nil {
					t.Fatal(err)
				}
			}
			if len(r.requests) != 2 {
				t.Fatalf("%d requests; want 2", len(r.requests))
			}
			if a, b := tokenOf(r.requests[0]), tokenOf(r.requests[1]); a == b {
				t.Errorf("two calls sent the same token %q; want one token per call", a)
			}
			dry, err := TransactWriteRequest(ctx, actions(m)...)
			if err != nil {
				t.Fatal(err)
			}
			if dry.ClientRequestToken != nil {
				t.Errorf("dry run ClientRequestToken = %q; want none", *dry.ClientRequestToken)
			}
			if diff := gocmp.Diff(withoutModelToken(t, r.requests[0]), dry, avOpts, cmpopts.IgnoreUnexported(
				dynamodb.TransactWriteItemsInput{}, types.TransactWriteItem{}, types.Put{}, types.Update{})); diff != "" {
				t.Errorf("dry run differs from the request sent, token aside (-sent +dry run):\n%s", diff)
			}
		})
	}
}
