package odm_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/dynamodel/dynamodel/attr"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type keyed struct {
	PK   string `dynamo:"pk"`
	SK   int    `dynamo:"sk"`
	G    string `dynamo:"g"`
	GS   int    `dynamo:"gs"`
	LS   int    `dynamo:"ls"`
	Name string `dynamo:"name"`
}

var keyedSchema = schema.Must(schema.For[keyed](
	schema.Attr("pk", schema.HashKey()),
	schema.Attr("sk", schema.RangeKey()),
	schema.Attr("g", schema.Index(schema.IndexName("byG"), schema.IndexRangeKey("gs"))),
	schema.Attr("ls", schema.Index(schema.Local(), schema.IndexName("byL"))),
))

// TestPlannerSendsOnlyWhatTheServerAccepts runs every condition operator on every key role
// (the hash and range key of the table and of the index queried, and keys of another index)
// against the server: each query either runs, or is refused before sending with a typed
// error. DynamoDB refuses a filter on a key attribute of the table or index queried, so a
// range-key condition that cannot be a key condition (<>, IN, attribute_exists, a second
// range condition) must never be sent as a filter.
func TestPlannerSendsOnlyWhatTheServerAccepts(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	m, _ := newModel[keyed](t, ctx, keyedSchema, "keyed")
	for i := range 3 {
		if err := m.Put(ctx, &keyed{PK: "p", SK: i, G: "g", GS: i, LS: i, Name: fmt.Sprint("n", i)}); err != nil {
			t.Fatalf("Put = %v", err)
		}
	}
	ops := []struct {
		name string
		cond func(path string) model.Condition
	}{
		{"<>", func(p string) model.Condition { return model.Where(p).Ne(1) }},
		{"IN", func(p string) model.Condition { return model.Where(p).In(1, 2) }},
		{"attribute_exists", func(p string) model.Condition { return model.Where(p).Exists() }},
		{"attribute_not_exists", func(p string) model.Condition { return model.Where(p).NotExists() }},
		{"attribute_type", func(p string) model.Condition { return model.Where(p).IsType(attr.N) }},
		{"size", func(p string) model.Condition { return model.Size(p).Gt(0) }},
		{"NOT =", func(p string) model.Condition { return model.Not(model.Where(p).Eq(1)) }},
		{"OR of ranges", func(p string) model.Condition { return model.Or(model.Where(p).Lt(1), model.Where(p).Gt(1)) }},
		{"second range", func(p string) model.Condition { return model.Where(p).Ge(0).And(model.Where(p).Lt(2)) }},
		{"compared with another attribute", func(p string) model.Condition { return model.Where(p).Eq(model.Ref("name")) }},
	}
	queries := []struct {
		role  string
		path  string
		base  model.Condition
		index string
		// keyRole: path is a key of the table or index queried, so a condition the key
		// condition cannot hold must be refused.
		keyRole bool
	}{
		{"table hash key", "pk", model.Where("pk").Eq("p"), "", true},
		{"table range key", "sk", model.Where("pk").Eq("p"), "", true},
		{"GSI hash key", "g", model.Where("g").Eq("g"), "byG", true},
		{"GSI range key", "gs", model.Where("g").Eq("g"), "byG", true},
		{"LSI range key", "ls", model.Where("pk").Eq("p"), "byL", true},
		{"table range key on the GSI", "sk", model.Where("g").Eq("g"), "byG", false},
		{"table range key on the LSI", "sk", model.Where("pk").Eq("p"), "byL", false},
		{"GSI range key on the table", "gs", model.Where("pk").Eq("p"), "", false},
	}
	for _, q := range queries {
		for _, op := range ops {
			t.Run(q.role+"/"+op.name, func(t *testing.T) {
				query := m.Query(q.base.And(op.cond(q.path)))
				if q.index != "" {
					query = query.Index(q.index)
				}
				n, err := query.Count(ctx)
				switch {
				case err == nil:
				case refusedBeforeSending(err):
					if !q.keyRole || !errors.Is(err, model.ErrKeyFilter) {
						t.Errorf("Count() = %v; want the query run: %s is not a key of what is queried", err, q.path)
					}
				default:
					t.Fatalf("Count() = %d, %v; want a query the server accepts, or a refusal before sending", n, err)
				}
			})
		}
	}
}
