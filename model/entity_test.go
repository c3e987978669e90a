package model

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/schema"
)

type customer struct {
	Customer string `dynamo:"customer"`
	ID       int    `dynamo:"id"`
	Name     string `dynamo:"name,omitempty"`
}

func customerSchema(t testing.TB) *schema.Schema[customer] {
	t.Helper()
	s, err := schema.For[customer](schema.Attr("customer", schema.HashKey()), schema.Attr("id", schema.RangeKey()))
	if err != nil {
		t.Fatalf("schema.For[customer] = %v", err)
	}
	return s
}

// TestEntityGolden compares the requests of a model with an entity type with
// testdata/entity_*.json: the entity attribute written, the guard of writes, the filter of
// reads.
func TestEntityGolden(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		run  func(m *Model[order]) error
	}{
		{"put", func(m *Model[order]) error { return m.Put(ctx, &order{Customer: "c1", ID: 7, Status: "new"}) }},
		{"update", func(m *Model[order]) error {
			_, err := m.Update(Key{Hash: "c1", Range: 7}).Set("status", "paid").Exec(ctx)
			return err
		}},
		{"delete", func(m *Model[order]) error { return m.Delete(ctx, Key{Hash: "c1", Range: 7}) }},
		{"query", func(m *Model[order]) error {
			_, err := m.Query(Where("customer").Eq("c1")).Project("total").PagePartial(ctx, "")
			return err
		}},
		{"query_gsi", func(m *Model[order]) error {
			_, err := m.Query(Where("status").Eq("new")).Count(ctx)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{
				putItem: func(*dynamodb.PutItemInput) (*dynamodb.PutItemOutput, error) { return &dynamodb.PutItemOutput{}, nil },
				deleteItem: func(*dynamodb.DeleteItemInput) (*dynamodb.DeleteItemOutput, error) {
					return &dynamodb.DeleteItemOutput{}, nil
				},
				updateItem: func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
					return &dynamodb.UpdateItemOutput{}, nil
				},
				query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) { return &dynamodb.QueryOutput{}, nil },
			}
			if err := tt.run(newOrders(t, r, WithEntity("type", "order"))); err != nil {
				t.Fatalf("%s = %v", tt.name, err)
			}
			if len(r.requests) != 1 {
				t.Fatalf("%s sent %d requests; want 1", tt.name, len(r.requests))
			}
			golden(t, "entity_"+tt.name, r.requests[0])
		})
	}
}

func TestEntityRefused(t *testing.T) {
	s := orderSchema(t)
	r := &recorder{}
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"no name", []Option{WithEntity("type", "")}, "needs an attribute and a name"},
		{"key attribute", []Option{WithEntity("customer", "order")}, "is a key of the table"},
		{"nested attribute", []Option{WithEntity("ship.city", "order")}, "not a top-level attribute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New[order](r, "orders", s, tt.opts...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New(%s) = %v; want an error saying %q", tt.name, err, tt.want)
			}
		})
	}
	t.Run("declared attribute the schema does not fill", func(t *testing.T) {
		// The schema declares status, which the item leaves empty: nothing is sent.
		m := newOrders(t, r, WithEntity("status", "paid"))
		err := m.Put(context.Background(), &order{Customer: "c1", ID: 1, Status: "new"})
		var ie *InputError
		if !errors.As(err, &ie) || len(r.requests) != 0 {
			t.Errorf("Put(status new) = %v after %d requests; want an *InputError and none", err, len(r.requests))
		}
	})
}

// TestTableDecode reads a table query's answer of three entities offline: each item goes to
// its model, and an item of no known entity comes back as an *UnknownItem.
func TestTableDecode(t *testing.T) {
	r := &recorder{query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) {
		s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
		n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
		return &dynamodb.QueryOutput{Items: []map[string]types.AttributeValue{
			{"customer": s("c1"), "id": n("0"), "type": s("customer"), "name": s("Ada")},
			{"customer": s("c1"), "id": n("1"), "type": s("order"), "total": n("12.5")},
			{"customer": s("c1"), "id": n("2"), "type": s("invoice"), "amount": n("3")},
			{"customer": s("c1"), "id": n("3")},
		}}, nil
	}}
	orders := newOrders(t, r, WithEntity("type", "order"))
	customers, err := New[customer](r, "orders", customerSchema(t), WithTablePrefix("dev_"), WithEntity("type", "customer"))
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := NewTable(customers, orders)
	if err != nil {
		t.Fatalf("NewTable = %v", err)
	}
	var got []string
	for item, err := range tbl.Query(Where("customer").Eq("c1")).All(context.Background()) {
		if err != nil {
			t.Fatalf("All: %v", err)
		}
		switch v := item.(type) {
		case *customer:
			got = append(got, "customer "+v.Name)
		case *order:
			got = append(got, "order "+v.Customer)
		case *UnknownItem:
			got = append(got, "unknown "+v.Entity)
		default:
			got = append(got, "other")
		}
	}
	if want := "customer Ada|order c1|unknown invoice|unknown "; strings.Join(got, "|") != want {
		t.Errorf("Table.Query.All = %q; want %q", strings.Join(got, "|"), want)
	}

	t.Run("refusals", func(t *testing.T) {
		plain := newOrders(t, r)
		other, _ := New[customer](r, "customers", customerSchema(t), WithTablePrefix("dev_"), WithEntity("type", "customer"))
		twin, _ := New[customer](r, "orders", customerSchema(t), WithTablePrefix("dev_"), WithEntity("type", "order"))
		tests := []struct {
			name     string
			entities []Entity
			want     string
		}{
			{"none", nil, "no entities"},
			{"model without entity", []Entity{orders, plain}, "has no WithEntity"},
			{"two tables", []Entity{orders, other}, `is stored in "dev_customers"`},
			{"one name twice", []Entity{orders, twin}, "have one name"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := NewTable(tt.entities...)
				var ce *ConfigError
				if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidModel) || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("NewTable(%s) = %v; want a *ConfigError saying %q", tt.name, err, tt.want)
				}
			})
		}
	})
}

// TestTablePartialIndexRead refuses, before sending, All and Page of a Table query of an
// index that does not project every attribute of one of its models, naming the model and
// the attributes; AllPartial yields each model's item as a Partial[T], not the *T that Put
// takes.
func TestTablePartialIndexRead(t *testing.T) {
	ctx := context.Background()
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	r := &recorder{query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) {
		return &dynamodb.QueryOutput{Items: []map[string]types.AttributeValue{
			{"customer": s("c1"), "id": n("1"), "type": s("order"), "status": s("new")},
			{"customer": s("c1"), "id": n("0"), "type": s("customer"), "status": s("new")},
		}}, nil
	}}
	os, err := schema.For[order](
		schema.Attr("customer", schema.HashKey()), schema.Attr("id", schema.RangeKey()),
		schema.Attr("status", schema.Index(schema.IndexName("byStatus"), schema.KeysOnly())),
	)
	if err != nil {
		t.Fatal(err)
	}
	orders, err := New[order](r, "orders", os, WithEntity("type", "order"))
	if err != nil {
		t.Fatal(err)
	}
	customers, err := New[customer](r, "orders", customerSchema(t), WithEntity("type", "customer"))
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := NewTable(customers, orders)
	if err != nil {
		t.Fatalf("NewTable = %v", err)
	}
	query := tbl.Query(Where("status").Eq("new")).Index("byStatus")
	_, err = query.Page(ctx, "")
	var ie *InputError
	want := `index "byStatus" (KEYS_ONLY) does not project name of "customer" (*model.customer); total, tags, lines, ship, placed, version, count of "order" (*model.order)`
	if !errors.As(err, &ie) || !errors.Is(err, ErrPartialRead) || !strings.Contains(err.Error(), want) {
		t.Errorf("Page = %v; want an *InputError matching ErrPartialRead containing %q", err, want)
	}
	if len(r.requests) != 0 {
		t.Errorf("%d requests sent; want none", len(r.requests))
	}
	var got []string
	for p, err := range query.AllPartial(ctx) {
		if err != nil {
			t.Fatalf("AllPartial: %v", err)
		}
		switch v := p.Item.(type) {
		case Partial[order]:
			got = append(got, "order "+v.Item.Customer+" "+strings.Join(v.Read, ","))
		case Partial[customer]:
			got = append(got, "customer "+v.Item.Customer)
		default:
			got = append(got, fmt.Sprintf("%T", v))
		}
	}
	if want := "order c1 customer,id,status,type|customer c1"; strings.Join(got, "|") != want {
		t.Errorf("AllPartial = %q; want %q", strings.Join(got, "|"), want)
	}
	if _, err := tbl.Query(Where("customer").Eq("c1")).Page(ctx, ""); err != nil {
		t.Errorf("Page of the table = %v; want nil", err)
	}
}
