package model

import (
	"errors"
	"strings"
	"testing"
)

// TestTableOfModelsOnDifferentClientsIsRefused: NewTable refuses models bound to different
// clients (a table's query or scan is one request, sent through one client) with a
// *ConfigError that names the two entities and matches both ErrInvalidModel and
// ErrDifferentClients; models of one client, or of wrappers alike of one client, make a
// table. Clients are compared as for a transaction (sameClient).
func TestTableOfModelsOnDifferentClientsIsRefused(t *testing.T) {
	r, r2 := &recorder{}, &recorder{}
	orders := func(db DB) Entity {
		m, err := New[order](db, "orders", orderSchema(t), WithTablePrefix("dev_"), WithEntity("type", "order"))
		if err != nil {
			t.Fatalf("New[order] = %v", err)
		}
		return m
	}
	customers := func(db DB) Entity {
		m, err := New[customer](db, "orders", customerSchema(t), WithTablePrefix("dev_"), WithEntity("type", "customer"))
		if err != nil {
			t.Fatalf("New[customer] = %v", err)
		}
		return m
	}
	invoices := func(db DB) Entity {
		m, err := New[order](db, "orders", orderSchema(t), WithTablePrefix("dev_"), WithEntity("type", "invoice"))
		if err != nil {
			t.Fatalf("New[order] = %v", err)
		}
		return m
	}
	const both = `entities "order" (*model.order) and "customer" (*model.customer) are on models of different clients`
	tests := []struct {
		name     string
		entities []Entity
		want     string // what the refusal says; "" when the table is made
	}{
		{"one client", []Entity{orders(r), customers(r)}, ""},
		{"wrappers alike of one client", []Entity{orders(valueDB{r}), customers(valueDB{r})}, ""},
		{"two clients", []Entity{orders(r), customers(r2)}, both},
		{"a client and its wrapper", []Entity{orders(r), customers(valueDB{r})}, both},
		{"the third entity's client", []Entity{orders(r), customers(r), invoices(r2)},
			`entities "order" (*model.order) and "invoice" (*model.order) are on models of different clients`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl, err := NewTable(tt.entities...)
			if tt.want == "" {
				if err != nil || tbl == nil {
					t.Fatalf("NewTable = %v, %v; want a table", tbl, err)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidModel) || !errors.Is(err, ErrDifferentClients) ||
				!strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewTable = %v; want a *ConfigError matching ErrInvalidModel and ErrDifferentClients saying %q", err, tt.want)
			}
		})
	}
	t.Run("other problems do not match ErrDifferentClients", func(t *testing.T) {
		if _, err := NewTable(orders(r), orders(r)); err == nil || errors.Is(err, ErrDifferentClients) {
			t.Errorf("NewTable(one name twice) = %v; want a refusal not matching ErrDifferentClients", err)
		}
	})
}
