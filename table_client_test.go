package dynamodel

import (
	"context"
	"errors"
	"testing"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type tableAccount struct {
	ID      string `dynamo:"id"`
	Balance int    `dynamo:"balance"`
}

// TestTableOfOneClientsModels: the models NewModel binds to one Client make a Table; models
// of two Clients (here two endpoints) are refused when the table is made, matching
// model.ErrDifferentClients, since a table's queries go through one client.
func TestTableOfOneClientsModels(t *testing.T) {
	ctx := context.Background()
	s := schema.Must(schema.For[tableAccount](schema.Attr("id", schema.HashKey()), schema.Attr("balance")))
	open := func(endpoint string) *Client {
		c, err := Open(ctx, WithEndpoint(endpoint), WithRegion("us-east-1"))
		if err != nil {
			t.Fatalf("Open(%s) = %v", endpoint, err)
		}
		return c
	}
	bind := func(c *Client, entity string) *model.Model[tableAccount] {
		m, err := NewModel[tableAccount](c, "accounts", s, model.WithEntity("type", entity))
		if err != nil {
			t.Fatalf("NewModel(%s) = %v", entity, err)
		}
		return m
	}
	one, other := open("http://127.0.0.1:1"), open("http://127.0.0.1:2")
	tests := []struct {
		name   string
		a, b   *model.Model[tableAccount]
		refuse bool
	}{
		{"one Client", bind(one, "checking"), bind(one, "savings"), false},
		{"two Clients", bind(one, "checking"), bind(other, "savings"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := model.NewTable(tt.a, tt.b)
			if refused := errors.Is(err, model.ErrDifferentClients); refused != tt.refuse || (err != nil && !refused) {
				t.Errorf("NewTable = %v; want refused (model.ErrDifferentClients): %v", err, tt.refuse)
			}
		})
	}
}
