package odm_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// The entities of one table, keyed as an adjacency list: a customer and its orders share the
// partition "CUSTOMER#<id>"; the customer's own item has the sort key "PROFILE", each order
// "ORDER#<id>".
type Customer struct {
	PK    string `dynamo:"pk"`
	SK    string `dynamo:"sk"`
	Name  string `dynamo:"name"`
	Email string `dynamo:"email,omitempty"`
}

type ShopOrder struct {
	PK     string  `dynamo:"pk"`
	SK     string  `dynamo:"sk"`
	Total  float64 `dynamo:"total"`
	Status string  `dynamo:"status,omitempty"`
}

var (
	customerSchema = schema.Must(schema.For[Customer](schema.Attr("pk", schema.HashKey()), schema.Attr("sk", schema.RangeKey())))
	// Orders declare their entity attribute, to index it: the GSI byType lists every order.
	shopOrderSchema = schema.Must(schema.For[ShopOrder](
		schema.Attr("pk", schema.HashKey()), schema.Attr("sk", schema.RangeKey()),
		schema.Attr("type", schema.Constant("order"), schema.Index(schema.IndexName("byType"), schema.IndexRangeKey("sk"))),
	))
)

// describe names the items a table read returned, in order.
func describe(items []any) []string {
	var out []string
	for _, it := range items {
		switch v := it.(type) {
		case *Customer:
			out = append(out, "customer "+v.PK+" "+v.Name)
		case *ShopOrder:
			out = append(out, fmt.Sprintf("order %s %s %v", v.PK, v.SK, v.Total))
		case *Tenant:
			out = append(out, "tenant "+v.PK)
		case *Member:
			out = append(out, "user "+v.PK)
		case *Membership:
			out = append(out, "membership "+v.PK+" "+v.SK+" "+v.Role)
		case *model.UnknownItem:
			out = append(out, fmt.Sprintf("unknown %q %v", v.Entity, v.Item["sk"]))
		case model.Partial[Customer]:
			out = append(out, "partial "+describe([]any{&v.Item})[0])
		case model.Partial[ShopOrder]:
			out = append(out, "partial "+describe([]any{&v.Item})[0])
		default:
			out = append(out, fmt.Sprintf("%T", it))
		}
	}
	return out
}

// anyOf collects a typed sequence as pointers, as a table read returns items.
func anyOf[T any](seq iter.Seq2[T, error]) ([]any, error) {
	var out []any
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, &v)
	}
	return out, nil
}

func anyOf2[T any](items []T, err error) ([]any, error) {
	out := make([]any, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out, err
}

func sortedStrings(s []string) []string { return slices.Sorted(slices.Values(s)) }

func containsText(s, sub string) bool { return strings.Contains(s, sub) }

func collectAny(t *testing.T, seq func(func(any, error) bool)) []any {
	t.Helper()
	var out []any
	for item, err := range seq {
		if err != nil {
			t.Fatalf("iteration error: %v", err)
		}
		out = append(out, item)
	}
	return out
}

// TestSingleTableAdjacency stores customers and their orders in one table, each model with
// its entity type, and reads them apart (each model sees only its own items, and cannot
// overwrite or delete the other's) and together (a table query of one partition returns the
// customer and its orders, and reports an item no model claims).
func TestSingleTableAdjacency(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db := open(t).DynamoDB()
	stored := createTableFor(t, ctx, db, "shop", customerSchema, shopOrderSchema)
	customers := modelOn[Customer](t, db, stored, "shop", customerSchema, model.WithEntity("type", "customer"))
	orders := modelOn[ShopOrder](t, db, stored, "shop", shopOrderSchema, model.WithEntity("type", "order"))

	for _, c := range []Customer{{PK: "CUSTOMER#c1", SK: "PROFILE", Name: "Ada"}, {PK: "CUSTOMER#c2", SK: "PROFILE", Name: "Grace"}} {
		if err := customers.Create(ctx, &c); err != nil {
			t.Fatalf("Create(%s) = %v", c.PK, err)
		}
	}
	var batch []*ShopOrder
	for _, o := range []ShopOrder{{"CUSTOMER#c1", "ORDER#1", 10, "paid"}, {"CUSTOMER#c1", "ORDER#2", 20.5, "new"}, {"CUSTOMER#c2", "ORDER#3", 30, "new"}} {
		batch = append(batch, &o)
	}
	if err := orders.BatchPut(ctx, batch); err != nil {
		t.Fatalf("BatchPut(orders) = %v", err)
	}
	// An item of an entity no model knows, written by other code.
	if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(stored), Item: map[string]types.AttributeValue{
		"pk": avS("CUSTOMER#c1"), "sk": avS("INVOICE#9"), "type": avS("invoice"), "amount": avN("99"),
	}}); err != nil {
		t.Fatal(err)
	}
	c1 := model.Where("pk").Eq("CUSTOMER#c1")

	t.Run("each model reads only its entity", func(t *testing.T) {
		tests := []struct {
			name string
			read func() ([]any, error)
			want []string
		}{
			{"customers of a partition", func() ([]any, error) { return anyOf(customers.Query(c1).Consistent().All(ctx)) },
				[]string{"customer CUSTOMER#c1 Ada"}},
			{"orders of a partition", func() ([]any, error) { return anyOf(orders.Query(c1).Consistent().All(ctx)) },
				[]string{"order CUSTOMER#c1 ORDER#1 10", "order CUSTOMER#c1 ORDER#2 20.5"}},
			{"orders through the GSI on the entity type", func() ([]any, error) {
				return anyOf(orders.Query(model.Where("type").Eq("order")).All(ctx))
			}, []string{"order CUSTOMER#c1 ORDER#1 10", "order CUSTOMER#c1 ORDER#2 20.5", "order CUSTOMER#c2 ORDER#3 30"}},
			{"customers of a scan", func() ([]any, error) { return anyOf(customers.Scan().Consistent().All(ctx)) },
				[]string{"customer CUSTOMER#c1 Ada", "customer CUSTOMER#c2 Grace"}},
			{"a page of one order", func() ([]any, error) {
				p, err := orders.Query(c1).Limit(1).Page(ctx, "")
				return anyOf2(p.Items, err)
			}, []string{"order CUSTOMER#c1 ORDER#1 10"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := tt.read()
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(sortedStrings(describe(got)), sortedStrings(tt.want)); diff != "" {
					t.Errorf("read mismatch (-got +want):\n%s", diff)
				}
			})
		}
		counts := []struct {
			name  string
			count func() (int, error)
			want  int
		}{
			{"customers.Query.Count", func() (int, error) { return customers.Query(c1).Count(ctx) }, 1},
			{"orders.Query.Count", func() (int, error) { return orders.Query(c1).Count(ctx) }, 2},
			{"orders.Scan.Count", func() (int, error) { return orders.Scan().Count(ctx) }, 3},
			{"customers.Scan.Count", func() (int, error) { return customers.Scan().Count(ctx) }, 2},
		}
		for _, tt := range counts {
			t.Run(tt.name, func(t *testing.T) {
				if n, err := tt.count(); err != nil || n != tt.want {
					t.Errorf("%s = %d, %v; want %d", tt.name, n, err, tt.want)
				}
			})
		}
		if got, err := customers.Get(ctx, model.Key{Hash: "CUSTOMER#c1", Range: "ORDER#1"}, model.Consistent()); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("customers.Get(an order's key) = %+v, %v; want ErrNotFound", got, err)
		}
		got, err := orders.BatchGet(ctx, []model.Key{{Hash: "CUSTOMER#c1", Range: "ORDER#1"}, {Hash: "CUSTOMER#c1", Range: "PROFILE"}}, model.Consistent())
		if err != nil || got[0] == nil || got[1] != nil {
			t.Errorf("orders.BatchGet(order, customer) = %v, %v; want the order and nil", got, err)
		}
	})

	t.Run("a model cannot overwrite or delete another entity's item", func(t *testing.T) {
		orderKey := model.Key{Hash: "CUSTOMER#c1", Range: "ORDER#1"}
		writes := []struct {
			name  string
			write func() error
		}{
			{"put", func() error { return customers.Put(ctx, &Customer{PK: "CUSTOMER#c1", SK: "ORDER#1", Name: "x"}) }},
			{"update", func() error { _, err := customers.Update(orderKey).Set("name", "x").Exec(ctx); return err }},
			{"delete", func() error { return customers.Delete(ctx, orderKey) }},
		}
		for _, tt := range writes {
			t.Run(tt.name, func(t *testing.T) {
				if err := tt.write(); !errors.Is(err, model.ErrConditionFailed) {
					t.Errorf("customers.%s(an order's key) = %v; want ErrConditionFailed", tt.name, err)
				}
			})
		}
		if got, err := orders.Get(ctx, orderKey, model.Consistent()); err != nil || got.Total != 10 {
			t.Errorf("orders.Get(%v) after the refused writes = %+v, %v; want the order intact", orderKey, got, err)
		}
	})

	t.Run("an update that creates an item writes its entity type", func(t *testing.T) {
		got, err := customers.Update(model.Key{Hash: "CUSTOMER#c3", Range: "PROFILE"}).Set("name", "Linus").Exec(ctx)
		if err != nil || got.Name != "Linus" {
			t.Fatalf("customers.Update(new key) = %+v, %v", got, err)
		}
		if _, err := customers.Get(ctx, model.Key{Hash: "CUSTOMER#c3", Range: "PROFILE"}, model.Consistent()); err != nil {
			t.Errorf("customers.Get(upserted) = %v; want the customer", err)
		}
		if _, err := customers.Update(model.Key{Hash: "CUSTOMER#c3", Range: "PROFILE"}).Set("type", "order").Exec(ctx); err == nil {
			t.Errorf("customers.Update(set type) = nil; want a refusal")
		}
	})

	t.Run("a table query returns every entity of a partition", func(t *testing.T) {
		shop, err := model.NewTable(customers, orders)
		if err != nil {
			t.Fatalf("NewTable = %v", err)
		}
		want := []string{
			`unknown "invoice" INVOICE#9`, // sort keys: INVOICE#9 < ORDER#1 < ORDER#2 < PROFILE
			"order CUSTOMER#c1 ORDER#1 10",
			"order CUSTOMER#c1 ORDER#2 20.5",
			"customer CUSTOMER#c1 Ada",
		}
		got := describe(collectAny(t, shop.Query(c1).Consistent().All(ctx)))
		if diff := cmp.Diff(got, want); diff != "" {
			t.Errorf("Table.Query(c1).All mismatch (-got +want):\n%s", diff)
		}
		if n, err := shop.Query(c1).Count(ctx); err != nil || n != 4 {
			t.Errorf("Table.Query(c1).Count = %d, %v; want 4", n, err)
		}
		// Pages of two, across entity types.
		var paged []any
		cursor := ""
		for pages := 0; ; pages++ {
			p, err := shop.Query(c1).Limit(2).Consistent().Page(ctx, cursor)
			if err != nil || pages > 3 {
				t.Fatalf("Table.Query.Page(%q) = %v after %d pages", cursor, err, pages)
			}
			paged = append(paged, p.Items...)
			if cursor = p.Cursor; cursor == "" {
				break
			}
		}
		if len(paged) != 4 {
			t.Errorf("Table.Query pages = %v; want the 4 items", describe(paged))
		}
		orderOnly := describe(collectAny(t, shop.Query(c1.And(model.Where("total").Gt(15))).All(ctx)))
		if diff := cmp.Diff(orderOnly, []string{"order CUSTOMER#c1 ORDER#2 20.5"}); diff != "" {
			t.Errorf("Table.Query(c1, total > 15) mismatch (-got +want):\n%s", diff)
		}
		// A projection still reads the entity attribute, so each item goes to its model, as a
		// Partial of its type (not the *T a whole read returns, which Put takes).
		projected := describe(wholes(collect(t, shop.Query(c1).Consistent().Project("name").AllPartial(ctx))))
		wantProjected := []string{`unknown "invoice" INVOICE#9`, "partial order CUSTOMER#c1 ORDER#1 0", "partial order CUSTOMER#c1 ORDER#2 0", "partial customer CUSTOMER#c1 Ada"}
		if diff := cmp.Diff(projected, wantProjected); diff != "" {
			t.Errorf("Table.Query(c1).Project(name).All mismatch (-got +want):\n%s", diff)
		}
		if n, err := shop.Scan().Segment(0, 1).Count(ctx); err != nil || n != 7 {
			t.Errorf("Table.Scan.Segment(0, 1).Count = %d, %v; want 7", n, err)
		}
		if n, err := shop.Scan().Count(ctx); err != nil || n != 7 {
			t.Errorf("Table.Scan.Count = %d, %v; want 7 (3 customers, 3 orders, 1 invoice)", n, err)
		}
	})

	t.Run("NewTable refuses models it cannot tell apart", func(t *testing.T) {
		plain := modelOn[Customer](t, db, stored, "shop", customerSchema)
		again := modelOn[Customer](t, db, stored, "shop", customerSchema, model.WithEntity("type", "order"))
		for _, entities := range [][]model.Entity{{customers, plain}, {orders, again}} {
			if _, err := model.NewTable(entities...); err == nil {
				t.Errorf("NewTable(%v) = nil; want an error", entities)
			}
		}
	})
}

// The many-to-many relation of tenants and users, through link items: a membership is
// stored under its tenant (pk TENANT#t, sk USER#u) and found from the user's side through
// the inverted index byMember (hash sk, range pk).
type Tenant struct {
	PK   string `dynamo:"pk"`
	SK   string `dynamo:"sk"`
	Plan string `dynamo:"plan"`
}

type Member struct {
	PK   string `dynamo:"pk"`
	SK   string `dynamo:"sk"`
	Name string `dynamo:"name"`
}

type Membership struct {
	PK   string `dynamo:"pk"`
	SK   string `dynamo:"sk"`
	Role string `dynamo:"role"`
}

// TestSingleTableManyToMany models tenants and users with membership links in one table, and
// reads the relation from both sides with table queries: by tenant on the table, by user on
// the inverted index.
func TestSingleTableManyToMany(t *testing.T) {
	dynamotest.Require(t, dynamotest.Transactions)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	keys := []schema.Option{schema.Attr("pk", schema.HashKey()), schema.Attr("sk", schema.RangeKey(),
		schema.Index(schema.IndexName("byMember"), schema.IndexRangeKey("pk")))}
	tenantSchema := schema.Must(schema.For[Tenant](keys...))
	memberSchema := schema.Must(schema.For[Member](keys...))
	linkSchema := schema.Must(schema.For[Membership](append(keys, schema.Attr("role", schema.Enum("owner", "member")))...))
	db := open(t).DynamoDB()
	stored := createTableFor(t, ctx, db, "tenancy", tenantSchema, memberSchema, linkSchema)
	tenants := modelOn[Tenant](t, db, stored, "tenancy", tenantSchema, model.WithEntity("type", "tenant"))
	users := modelOn[Member](t, db, stored, "tenancy", memberSchema, model.WithEntity("type", "user"))
	links := modelOn[Membership](t, db, stored, "tenancy", linkSchema, model.WithEntity("type", "membership"))

	// usr-1 belongs to ten-1 and ten-2, usr-2 to ten-2 only; each membership is created in
	// one transaction with a check that its tenant exists.
	for _, tn := range []string{"ten-1", "ten-2"} {
		if err := tenants.Create(ctx, &Tenant{PK: "TENANT#" + tn, SK: "TENANT#" + tn, Plan: "pro"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []string{"usr-1", "usr-2"} {
		if err := users.Create(ctx, &Member{PK: "USER#" + u, SK: "USER#" + u, Name: u}); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []Membership{{"TENANT#ten-1", "USER#usr-1", "owner"}, {"TENANT#ten-2", "USER#usr-1", "member"}, {"TENANT#ten-2", "USER#usr-2", "owner"}} {
		err := model.TransactWrite(ctx,
			links.TxCreate(&l),
			tenants.TxCheck(model.Key{Hash: l.PK, Range: l.PK}, model.Where("plan").Exists()),
		)
		if err != nil {
			t.Fatalf("TransactWrite(membership %s %s) = %v", l.PK, l.SK, err)
		}
	}
	// A membership of a tenant that does not exist is refused by the check.
	err := model.TransactWrite(ctx,
		links.TxCreate(&Membership{"TENANT#ten-9", "USER#usr-1", "member"}),
		tenants.TxCheck(model.Key{Hash: "TENANT#ten-9", Range: "TENANT#ten-9"}, model.Where("plan").Exists()),
	)
	if !errors.Is(err, model.ErrConditionFailed) {
		t.Errorf("TransactWrite(membership of a missing tenant) = %v; want ErrConditionFailed", err)
	}

	tenancy, err := model.NewTable(tenants, users, links)
	if err != nil {
		t.Fatalf("NewTable = %v", err)
	}
	tests := []struct {
		name string
		q    model.Query[any]
		want []string
	}{
		{"a tenant and its members", tenancy.Query(model.Where("pk").Eq("TENANT#ten-2")).Consistent(), []string{
			"tenant TENANT#ten-2", "membership TENANT#ten-2 USER#usr-1 member", "membership TENANT#ten-2 USER#usr-2 owner",
		}},
		{"a user and its tenants, through the inverted index", tenancy.Query(model.Where("sk").Eq("USER#usr-1")), []string{
			"membership TENANT#ten-1 USER#usr-1 owner", "membership TENANT#ten-2 USER#usr-1 member", "user USER#usr-1",
		}},
		{"a user's tenants only", tenancy.Query(model.Where("sk").Eq("USER#usr-1").And(model.Where("pk").BeginsWith("TENANT#"))), []string{
			"membership TENANT#ten-1 USER#usr-1 owner", "membership TENANT#ten-2 USER#usr-1 member",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(collectAny(t, tt.q.All(ctx)))
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("All mismatch (-got +want):\n%s", diff)
			}
		})
	}
	why, err := tenancy.Query(model.Where("sk").Eq("USER#usr-1")).Explain()
	if err != nil || !containsText(why, "byMember") {
		t.Errorf("Explain = %q, %v; want the index byMember", why, err)
	}
	// The typed model of the links reads the same relation with its own type.
	got := collect(t, links.Query(model.Where("sk").Eq("USER#usr-1")).All(ctx))
	if len(got) != 2 || got[0].PK != "TENANT#ten-1" || got[1].PK != "TENANT#ten-2" {
		t.Errorf("links.Query(sk = USER#usr-1) = %+v; want the two memberships", got)
	}
}
