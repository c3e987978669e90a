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

// TestPartialGetSendsProjection: the Partial variants of Get, BatchGet and TxGet send the
// projection and return Partial values naming the attributes read; the whole-item calls,
// which do not take Project (see TestOptionsTypeCheck), send whole reads.
func TestPartialGetSendsProjection(t *testing.T) {
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
		whole   func() error
		partial func(ProjectOption) (Partial[order], error)
	}{
		{"Get",
			func() error { _, err := m.Get(ctx, key); return err },
			func(o ProjectOption) (Partial[order], error) { return m.GetPartial(ctx, key, o) }},
		{"BatchGet",
			func() error { _, err := m.BatchGet(ctx, []Key{key}); return err },
			func(o ProjectOption) (Partial[order], error) {
				ps, err := m.BatchGetPartial(ctx, []Key{key}, o)
				if err != nil || len(ps) != 1 || ps[0] == nil {
					return Partial[order]{}, fmt.Errorf("BatchGetPartial = %v, %v", ps, err)
				}
				return *ps[0], nil
			}},
		{"TxGet",
			func() error {
				var o order
				_, err := TransactGet(ctx, m.TxGet(key, &o))
				return err
			},
			func(o ProjectOption) (Partial[order], error) {
				var p Partial[order]
				_, err := TransactGet(ctx, m.TxGetPartial(key, &p, o))
				return p, err
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r.requests = nil
			if err := tt.whole(); err != nil || len(r.requests) != 1 {
				t.Errorf("without Project = %v after %d requests; want nil after 1", err, len(r.requests))
			}
			p, err := tt.partial(Project("status"))
			if err != nil || p.Item.Customer != "c" || p.Item.ID != 1 || p.Item.Status != "new" || strings.Join(p.Read, ",") != "customer,id,status" {
				t.Errorf("partial = %+v, %v; want the item with Read [customer id status]", p, err)
			}
			if len(r.requests) != 2 {
				t.Fatalf("%d requests sent in all; want 2", len(r.requests))
			}
			if whole, partial := projectionOf(r.requests[0]), projectionOf(r.requests[1]); whole != nil || partial == nil {
				t.Errorf("projections sent = %v, %v; want none, then one", whole, partial)
			}
		})
	}
}

// projectionOf returns the projection expression of a recorded get.
func projectionOf(req any) *string {
	switch in := req.(type) {
	case *dynamodb.GetItemInput:
		return in.ProjectionExpression
	case *dynamodb.BatchGetItemInput:
		for _, ka := range in.RequestItems {
			return ka.ProjectionExpression
		}
	case *dynamodb.TransactGetItemsInput:
		return in.TransactItems[0].Get.ProjectionExpression
	}
	return nil
}
