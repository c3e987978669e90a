package dynamodel

import (
	"context"
	"errors"
	"testing"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type txAccount struct {
	ID      string `dynamo:"id"`
	Balance int    `dynamo:"balance"`
}

// TestTransactionOfOneClientsModels: the models NewModel binds to one Client share its
// DynamoDB client, so a transaction may mix them; models of two Clients (here two
// endpoints) are refused before anything is sent (a dry run here: nothing is sent anyway).
func TestTransactionOfOneClientsModels(t *testing.T) {
	ctx := context.Background()
	s := schema.Must(schema.For[txAccount](schema.Attr("id", schema.HashKey()), schema.Attr("balance")))
	open := func(endpoint string) *Client {
		c, err := Open(ctx, WithEndpoint(endpoint), WithRegion("us-east-1"))
		if err != nil {
			t.Fatalf("Open(%s) = %v", endpoint, err)
		}
		return c
	}
	bind := func(c *Client, name string) *model.Model[txAccount] {
		m, err := NewModel[txAccount](c, name, s)
		if err != nil {
			t.Fatalf("NewModel(%s) = %v", name, err)
		}
		return m
	}
	one, other := open("http://127.0.0.1:1"), open("http://127.0.0.1:2")
	tests := []struct {
		name   string
		a, b   *model.Model[txAccount]
		refuse bool
	}{
		{"one Client", bind(one, "accounts"), bind(one, "ledger"), false},
		{"two Clients", bind(one, "accounts"), bind(other, "ledger"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := model.TransactWriteRequest(ctx, tt.a.Update(model.Key{Hash: "a"}).Decrement("balance", 5).Tx(),
				tt.b.TxPut(&txAccount{ID: "a", Balance: 5}))
			if refused := errors.Is(err, model.ErrDifferentClients); refused != tt.refuse || (err != nil && !refused) {
				t.Errorf("TransactWriteRequest = %v; want refused (model.ErrDifferentClients): %v", err, tt.refuse)
			}
		})
	}
}
