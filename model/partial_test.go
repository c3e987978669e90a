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

// TestPartialReadRefusedByAll refuses, before sending, All and Page of a query or scan
// whose items would lack attributes (Project, an index that does not project them all,
// chosen or named), naming why; reads of whole items are not refused; AllPartial and
// PagePartial send the same request and yield Partial values.
func TestPartialReadRefusedByAll(t *testing.T) {
	s, err := schema.For[order](
		schema.Attr("customer", schema.HashKey()),
		schema.Attr("id", schema.RangeKey()),
		schema.Attr("status", schema.Index(schema.IndexName("byStatus"), schema.KeysOnly())),
		schema.Attr("placed", schema.Index(schema.IndexName("byPlaced"), schema.Project("total"))),
		schema.Attr("total", schema.Index(schema.IndexName("byTotal"))),
	)
	if err != nil {
		t.Fatal(err)
	}
	item := map[string]types.AttributeValue{
		"customer": &types.AttributeValueMemberS{Value: "c"}, "id": &types.AttributeValueMemberN{Value: "1"},
		"status": &types.AttributeValueMemberS{Value: "new"},
	}
	r := &recorder{
		query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) {
			return &dynamodb.QueryOutput{Items: []map[string]types.AttributeValue{item}}, nil
		},
		scan: func(*dynamodb.ScanInput) (*dynamodb.ScanOutput, error) {
			return &dynamodb.ScanOutput{Items: []map[string]types.AttributeValue{item}}, nil
		},
	}
	m, err := New[order](r, "orders", s)
	if err != nil {
		t.Fatal(err)
	}
	type reader interface {
		all() error
		page() error
		allPartial() (Partial[order], error)
	}
	tests := []struct {
		name string
		r    reader
		want string // "" when the items are whole
	}{
		{"query with Project", q{m.Query(Where("customer").Eq("c")).Project("status")}, "Project(status) reads only some attributes"},
		{"scan with Project", sc{m.Scan().Project("status", "total")}, "Project(status, total) reads only some attributes"},
		{"query of a KEYS_ONLY index, named", q{m.Query(Where("status").Eq("new")).Index("byStatus")}, `index "byStatus" (KEYS_ONLY) does not project total, tags, lines, ship, placed, version, count,`},
		{"query of a KEYS_ONLY index, chosen", q{m.Query(Where("status").Eq("new"))}, `index "byStatus" (KEYS_ONLY) does not project total, tags, lines, ship, placed, version, count,`},
		{"scan of an INCLUDE index", sc{m.Scan().Index("byPlaced")}, `index "byPlaced" (INCLUDE) does not project status`},
		{"query of the table", q{m.Query(Where("customer").Eq("c"))}, ""},
		{"query of an ALL index", q{m.Query(Where("total").Eq(3))}, ""},
		{"scan of the table", sc{m.Scan()}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, read := range []func() error{tt.r.all, tt.r.page} {
				r.requests = nil
				err := read()
				if tt.want == "" {
					if err != nil || len(r.requests) != 1 {
						t.Errorf("read = %v after %d requests; want nil after 1", err, len(r.requests))
					}
					continue
				}
				var ie *InputError
				if !errors.As(err, &ie) || !errors.Is(err, ErrPartialRead) || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("read = %v; want an *InputError matching ErrPartialRead containing %q", err, tt.want)
				}
				if len(r.requests) != 0 {
					t.Errorf("%d requests sent; want none", len(r.requests))
				}
			}
			p, err := tt.r.allPartial()
			if err != nil || p.Item.Customer != "c" || p.Item.ID != 1 || strings.Join(p.Read, ",") != "customer,id,status" {
				t.Errorf("AllPartial = %+v, %v; want the item with Read [customer id status]", p, err)
			}
		})
	}
}

type q struct{ q Query[order] }

func (q q) all() error {
	for _, err := range q.q.All(context.Background()) {
		return err
	}
	return nil
}
func (q q) page() error { _, err := q.q.Page(context.Background(), ""); return err }
func (q q) allPartial() (Partial[order], error) {
	for p, err := range q.q.AllPartial(context.Background()) {
		return p, err
	}
	return Partial[order]{}, errors.New("no item")
}

type sc struct{ s Scan[order] }

func (s sc) all() error {
	for _, err := range s.s.All(context.Background()) {
		return err
	}
	return nil
}
func (s sc) page() error { _, err := s.s.Page(context.Background(), ""); return err }
func (s sc) allPartial() (Partial[order], error) {
	for p, err := range s.s.AllPartial(context.Background()) {
		return p, err
	}
	return Partial[order]{}, errors.New("no item")
}

// TestPartialGetRefused refuses, before sending, Get, BatchGet and TxGet with Project,
// naming the Partial variant to call; the Partial variants send the request and return
// Partial values naming the attributes read; without Project the whole-item calls send.
func TestPartialGetRefused(t *testing.T) {
	ctx := context.Background()
	item := map[string]types.AttributeValue{
		"customer": &types.AttributeValueMemberS{Value: "c"}, "id": &types.AttributeValueMemberN{Value: "1"},
		"status": &types.AttributeValueMemberS{Value: "new"},
	}
	r := &recorder{
		getItem: func(*dynamodb.GetItemInput) (*dynamodb.GetItemOutput, error) {
			return &dynamodb.GetItemOutput{Item: item}, nil
		},
		batchGetItem: func(in *dynamodb.BatchGetItemInput) (*dynamodb.BatchGetItemOutput, error) {
			out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
			for table := range in.RequestItems {
				out.Responses[table] = []map[string]types.AttributeValue{item}
			}
			return out, nil
		},
		transactGetItems: func(*dynamodb.TransactGetItemsInput) (*dynamodb.TransactGetItemsOutput, error) {
			return &dynamodb.TransactGetItemsOutput{Responses: []types.ItemResponse{{Item: item}}}, nil
		},
	}
	m := newOrders(t, r)
	key := Key{"c", 1}
	tests := []struct {
		name    string
		whole   func(opts ...CallOption) error
		partial func(opts ...CallOption) (Partial[order], error)
		instead string
	}{
		{"Get",
			func(opts ...CallOption) error { _, err := m.Get(ctx, key, opts...); return err },
			func(opts ...CallOption) (Partial[order], error) { return m.GetPartial(ctx, key, opts...) },
			"use GetPartial"},
		{"BatchGet",
			func(opts ...CallOption) error { _, err := m.BatchGet(ctx, []Key{key}, opts...); return err },
			func(opts ...CallOption) (Partial[order], error) {
				ps, err := m.BatchGetPartial(ctx, []Key{key}, opts...)
				if err != nil || len(ps) != 1 || ps[0] == nil {
					return Partial[order]{}, fmt.Errorf("BatchGetPartial = %v, %v", ps, err)
				}
				return *ps[0], nil
			},
			"use BatchGetPartial"},
		{"TxGet",
			func(opts ...CallOption) error {
				var o order
				_, err := TransactGet(ctx, m.TxGet(key, &o, opts...))
				return err
			},
			func(opts ...CallOption) (Partial[order], error) {
				var p Partial[order]
				_, err := TransactGet(ctx, m.TxGetPartial(key, &p, opts...))
				return p, err
			},
			"use TxGetPartial"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r.requests = nil
			err := tt.whole(Project("status"))
			var ie *InputError
			want := "Project(status) reads only some attributes"
			if !errors.As(err, &ie) || !errors.Is(err, ErrPartialRead) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), tt.instead) {
				t.Errorf("with Project = %v; want an *InputError matching ErrPartialRead containing %q and %q", err, want, tt.instead)
			}
			if len(r.requests) != 0 {
				t.Errorf("%d requests sent; want none", len(r.requests))
			}
			if err := tt.whole(); err != nil || len(r.requests) != 1 {
				t.Errorf("without Project = %v after %d requests; want nil after 1", err, len(r.requests))
			}
			p, err := tt.partial(Project("status"))
			if err != nil || p.Item.Customer != "c" || p.Item.ID != 1 || p.Item.Status != "new" || strings.Join(p.Read, ",") != "customer,id,status" {
				t.Errorf("partial = %+v, %v; want the item with Read [customer id status]", p, err)
			}
			if len(r.requests) != 2 {
				t.Errorf("%d requests sent in all; want 2", len(r.requests))
			}
		})
	}
}
