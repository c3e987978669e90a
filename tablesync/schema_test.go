package tablesync_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

// Two models of one table (single-table design): users and their orders.
func shopSchemas(t *testing.T) (users, orders *schema.Schema[map[string]any]) {
	t.Helper()
	users, err := schema.New(
		schema.Attr("pk", schema.Type(attr.S), schema.HashKey()),
		schema.Attr("sk", schema.Type(attr.S), schema.RangeKey()),
		schema.Attr("email", schema.Type(attr.S), schema.Index(schema.IndexName("byEmail"), schema.Project("name"), schema.IndexThroughput(2, 1))),
		schema.Attr("name", schema.Type(attr.S)),
		schema.Throughput(3, 3),
		schema.Expires(time.Hour, schema.TTLAttribute("expiresAt")),
		schema.Stream(types.StreamViewTypeNewImage),
		schema.Tags(map[string]string{"team": "shop"}),
	)
	if err != nil {
		t.Fatalf("schema.New(users) = %v", err)
	}
	orders, err = schema.New(
		schema.Attr("pk", schema.Type(attr.S), schema.HashKey()),
		schema.Attr("sk", schema.Type(attr.S), schema.RangeKey()),
		schema.Attr("total", schema.Type(attr.N), schema.Index(schema.Local(), schema.IndexName("byTotal"), schema.KeysOnly())),
		schema.Throughput(3, 3),
		schema.TableClass(types.TableClassStandard),
	)
	if err != nil {
		t.Fatalf("schema.New(orders) = %v", err)
	}
	return users, orders
}

func TestFromSchema(t *testing.T) {
	users, orders := shopSchemas(t)
	tests := []struct {
		name string
		s    schema.Definition
		want tablesync.Spec
	}{
		{"users", users, tablesync.Spec{
			Name: "shop",
			Index: index.Layout{Keys: keys("pk", attr.S, "sk", attr.S), Indexes: []index.Index{{
				Name: "byEmail", Global: true, Keys: keys("email", attr.S, "", 0),
				Projection: index.Projection{Type: index.ProjectInclude, Attributes: []string{"name"}},
				Throughput: &index.Throughput{Read: 2, Write: 1},
			}}},
			Billing: index.Provisioned(3, 3),
			TTL:     "expiresAt",
			Tags:    map[string]string{"team": "shop"},
			Stream:  tablesync.Stream{Enabled: true, View: types.StreamViewTypeNewImage},
		}},
		{"orders", orders, tablesync.Spec{
			Name: "shop",
			Index: index.Layout{Keys: keys("pk", attr.S, "sk", attr.S), Indexes: []index.Index{{
				Name: "byTotal", Keys: keys("pk", attr.S, "total", attr.N),
				Projection: index.Projection{Type: index.ProjectKeysOnly},
			}}},
			Billing: index.Provisioned(3, 3),
			Class:   types.TableClassStandard,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tablesync.FromSchema("shop", tt.s)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FromSchema(shop, %s) mismatch (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}

// TestSyncSchemas syncs two schemas stored in one table against the server, then checks that
// the table has both models' indexes and that a second sync has nothing to do.
func TestSyncSchemas(t *testing.T) {
	db := newClient(t)
	ctx := ctxFor(t)
	users, orders := shopSchemas(t)
	name := dynamotest.TableName(t, db, "schemas")
	defs := []tablesync.Spec{tablesync.FromSchema(name, users), tablesync.FromSchema(name, orders)}
	if !dynamotest.Supports(dynamotest.Streams) {
		for i := range defs {
			defs[i].Stream = tablesync.Stream{}
		}
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Update, defs...); err != nil {
		t.Fatalf("Sync(update, users, orders) = %v", err)
	}
	got := summarize(describe(t, db, name))
	if got.GSIs["byEmail"] != "email HASH; INCLUDEname; 2/1" || got.LSIs["byTotal"] != "pk HASH, total RANGE; KEYS_ONLY" {
		t.Errorf("after Sync the indexes are %v and %v; want byEmail and byTotal", got.GSIs, got.LSIs)
	}
	if !dynamotest.Supports(dynamotest.TTL) {
		for i := range defs {
			defs[i].TTL = ""
		}
	}
	if _, err := tablesync.Sync(ctx, db, tablesync.Verify, defs...); err != nil {
		t.Errorf("Sync(verify) after Sync(update) = %v; want nil", err)
	}
}
