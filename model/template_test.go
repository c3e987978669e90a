package model

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/schema"
)

type grant struct {
	PK           string    `dynamo:"pk"`
	SK           string    `dynamo:"sk"`
	RoleID       string    `dynamo:"roleId"`
	PermissionID string    `dynamo:"permissionId"`
	Status       string    `dynamo:"status,omitempty"`
	Rank         int       `dynamo:"rank,omitempty"`
	Created      time.Time `dynamo:"createdAt"`
}

func newGrants(t *testing.T, r *recorder) *Model[grant] {
	t.Helper()
	s, err := schema.For[grant](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}#{createdAt}")),
		schema.Attr("gsi1pk", schema.Template("STATUS#{status}"), schema.Index(schema.IndexName("byStatus"), schema.IndexRangeKey("gsi1sk"))),
		schema.Attr("gsi1sk", schema.Template("RANK#{rank:04}")),
		schema.Timestamps(),
	)
	if err != nil {
		t.Fatal(err)
	}
	m, err := New[grant](r, "grants", s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestQueryByTemplateParts checks that conditions on the parts of templated keys become key
// conditions on those keys (the whole key of a hash key, the leading parts' prefix of a range
// key), that the parts the key condition stands for are not filtered again, that Explain says
// so, and that KeyParts and KeyPrefix give the same request.
func TestQueryByTemplateParts(t *testing.T) {
	tests := []struct {
		name    string
		cond    Condition
		key     string // the key condition with its values in place
		index   string
		filter  string
		explain string
	}{
		{name: "hash key from its part", cond: Where("roleId").Eq("r1"),
			key: `pk = ROLE#r1`, explain: `"pk" is built from its template "ROLE#{roleId}" with roleId.`},
		{name: "range key prefix from a leading part", cond: Where("roleId").Eq("r1").And(Where("permissionId").Eq("p1")),
			key: `pk = ROLE#r1 AND begins_with(sk, PERMISSION#p1#)`, explain: `"sk" begins with its template "PERMISSION#{permissionId}#{createdAt}" up to permissionId.`},
		{name: "whole range key from its parts", cond: Where("roleId").Eq("r1").And(Where("permissionId").Eq("p1")).And(Where("createdAt").Eq(time.UnixMilli(9))),
			key: `pk = ROLE#r1 AND sk = PERMISSION#p1#9`},
		{name: "KeyParts and KeyPrefix", cond: KeyParts("pk", map[string]any{"roleId": "r1"}).And(KeyPrefix("sk", map[string]any{"permissionId": "p1"})),
			key: `pk = ROLE#r1 AND begins_with(sk, PERMISSION#p1#)`},
		{name: "KeyPrefix of no parts", cond: KeyParts("pk", map[string]any{"roleId": "r1"}).And(KeyPrefix("sk", nil)),
			key: `pk = ROLE#r1 AND begins_with(sk, PERMISSION#)`},
		{name: "index key from its part", cond: Where("status").Eq("on"),
			key: `gsi1pk = STATUS#on`, index: "byStatus", explain: `"gsi1pk" is built from its template "STATUS#{status}" with status.`},
		{name: "index keys from their parts", cond: Where("status").Eq("on").And(Where("rank").Eq(3)),
			key: `gsi1pk = STATUS#on AND gsi1sk = RANK#0003`, index: "byStatus"},
		{name: "part of a key not used stays a filter", cond: Where("roleId").Eq("r1").And(Where("status").Eq("on")),
			key: `pk = ROLE#r1`, filter: `status = on`},
		{name: "key given itself wins", cond: Where("pk").Eq("ROLE#x").And(Where("roleId").Eq("r1")),
			key: `pk = ROLE#x`, filter: `roleId = r1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) { return &dynamodb.QueryOutput{}, nil }}
			m := newGrants(t, r)
			q := m.Query(tt.cond)
			why, err := q.Explain()
			if err != nil {
				t.Fatalf("Explain() = %v", err)
			}
			if !strings.Contains(why, tt.explain) {
				t.Errorf("Explain() = %q; want it to contain %q", why, tt.explain)
			}
			for _, err := range q.All(context.Background()) {
				if err != nil {
					t.Fatal(err)
				}
			}
			in := r.requests[0].(*dynamodb.QueryInput)
			if got := inline(aws.ToString(in.KeyConditionExpression), in); got != tt.key {
				t.Errorf("key condition = %s; want %s", got, tt.key)
			}
			if got := aws.ToString(in.IndexName); got != tt.index {
				t.Errorf("index = %q; want %q", got, tt.index)
			}
			if got := inline(aws.ToString(in.FilterExpression), in); got != tt.filter {
				t.Errorf("filter = %s; want %s", got, tt.filter)
			}
		})
	}
}

// TestQueryByTemplatePartsRefused checks what a query by parts cannot do, before sending:
// a prefix of the range key alone has no hash key, and parts that do not fit are refused.
func TestQueryByTemplatePartsRefused(t *testing.T) {
	r := &recorder{}
	m := newGrants(t, r)
	if _, err := m.Query(Where("permissionId").Eq("p1")).Explain(); !errors.Is(err, index.ErrNoIndex) {
		t.Errorf("Explain(permissionId = p1) = %v; want ErrNoIndex", err)
	}
	_, err := m.Query(Where("roleId").Eq("r1").And(KeyPrefix("sk", map[string]any{"permissionId": "a#b"}))).Explain()
	if err == nil || !strings.Contains(err.Error(), "permissionId") {
		t.Errorf("Explain(prefix a#b) = %v; want a refusal naming permissionId", err)
	}
	for range m.Query(Where("roleId").Eq("r1").And(KeyPrefix("sk", map[string]any{"createdAt": time.Now()}))).All(context.Background()) {
	}
	if len(r.requests) != 0 {
		t.Errorf("sent %d requests; want none", len(r.requests))
	}
}

// inline writes an expression with its attribute names and string or number values in
// place of their placeholders.
func inline(e string, in *dynamodb.QueryInput) string {
	for k, v := range in.ExpressionAttributeNames {
		e = strings.ReplaceAll(e, k, v)
	}
	for k, v := range in.ExpressionAttributeValues {
		s := fmt.Sprint(v)
		switch v := v.(type) {
		case *types.AttributeValueMemberS:
			s = v.Value
		case *types.AttributeValueMemberN:
			s = v.Value
		}
		e = strings.ReplaceAll(e, k, s)
	}
	return e
}

// TestTemplateKeysOnEveryWrite checks that batch puts and transaction puts send the keys
// built from the templates, as put does, and that an update keyed by Parts sends the key
// formatted from them and the index key recomputed.
func TestTemplateKeysOnEveryWrite(t *testing.T) {
	ctx := context.Background()
	created := time.UnixMilli(42)
	item := &grant{RoleID: "r1", PermissionID: "p1", Status: "on", Rank: 7, Created: created}
	want := map[string]string{"pk": "ROLE#r1", "sk": "PERMISSION#p1#42", "gsi1pk": "STATUS#on", "gsi1sk": "RANK#0007"}
	check := func(t *testing.T, op string, got map[string]types.AttributeValue) {
		t.Helper()
		for name, w := range want {
			if s, _ := got[name].(*types.AttributeValueMemberS); s == nil || s.Value != w {
				t.Errorf("%s sends %s = %v; want %q", op, name, got[name], w)
			}
		}
	}
	r := &recorder{
		batchWriteItem: func(*dynamodb.BatchWriteItemInput) (*dynamodb.BatchWriteItemOutput, error) {
			return &dynamodb.BatchWriteItemOutput{}, nil
		},
		transactWriteItems: func(*dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
			return &dynamodb.TransactWriteItemsOutput{}, nil
		},
		updateItem: func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
			return &dynamodb.UpdateItemOutput{}, nil
		},
	}
	m := newGrants(t, r)
	if err := m.BatchPut(ctx, []*grant{item}); err != nil {
		t.Fatal(err)
	}
	for _, reqs := range r.requests[0].(*dynamodb.BatchWriteItemInput).RequestItems {
		check(t, "BatchPut", reqs[0].PutRequest.Item)
	}
	if err := TransactWrite(ctx, m.TxPut(item)); err != nil {
		t.Fatal(err)
	}
	check(t, "TxPut", r.requests[1].(*dynamodb.TransactWriteItemsInput).TransactItems[0].Put.Item)

	key := Key{Hash: schema.Parts{"roleId": "r1"}, Range: schema.Parts{"permissionId": "p1", "createdAt": created}}
	if _, err := m.Update(key).Set("rank", 8).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	in := r.requests[2].(*dynamodb.UpdateItemInput)
	delete(want, "gsi1pk")
	want["gsi1sk"] = "RANK#0008"
	got := map[string]types.AttributeValue{}
	for k, v := range in.Key {
		got[k] = v
	}
	for k, v := range in.ExpressionAttributeNames {
		if v == "gsi1sk" {
			for vk, av := range in.ExpressionAttributeValues {
				if strings.Contains(aws.ToString(in.UpdateExpression), k+" = "+vk) {
					got["gsi1sk"] = av
				}
			}
		}
	}
	check(t, "Update", got)
}
