package odm_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type nullablePerson struct {
	ID   string                `dynamo:"id"`
	Nick attr.Nullable[string] `dynamo:"nick"`
}

// TestNullRoundTrip checks against the server that a nullable attribute keeps NULL, absent and
// a value apart through put, get, update and a condition, in struct and map models alike.
func TestNullRoundTrip(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	people, db := newModel[nullablePerson](t, ctx, schema.Must(schema.For[nullablePerson]()), "null_people")
	for _, p := range []nullablePerson{{ID: "absent"}, {ID: "null", Nick: attr.NullValue[string]()}, {ID: "empty", Nick: attr.Some("")}} {
		if err := people.Put(ctx, &p); err != nil {
			t.Fatalf("Put(%+v) = %v", p, err)
		}
		got, err := people.Get(ctx, model.Key{Hash: p.ID})
		if err != nil || got != p {
			t.Errorf("Get(%s) = %+v, %v; want %+v", p.ID, got, err, p)
		}
	}
	n, err := people.Scan().Filter(model.Where("nick").IsType(attr.NULL)).Count(ctx)
	if err != nil || n != 1 {
		t.Errorf("Scan(nick is NULL).Count() = %d, %v; want 1", n, err)
	}

	ms := schema.Must(schema.New(
		schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
		schema.Attr("nick", schema.Type(attr.S), schema.Nullable()),
		schema.Attr("extra", schema.Any(), schema.Nullable()),
	))
	docs := modelOn[map[string]any](t, db, people.TableName(), "null_people", ms)
	for _, item := range []map[string]any{{"id": "m-absent"}, {"id": "m-null", "nick": nil, "extra": nil}, {"id": "m-value", "nick": "x", "extra": 1.5}} {
		if err := docs.Put(ctx, &item); err != nil {
			t.Fatalf("Put(%v) = %v", item, err)
		}
		got, err := docs.Get(ctx, model.Key{Hash: item["id"]})
		if err != nil {
			t.Fatalf("Get(%v) = %v", item["id"], err)
		}
		if item["extra"] == 1.5 {
			item["extra"] = attr.Number("1.5")
		}
		if diff := cmp.Diff(item, got); diff != "" {
			t.Errorf("Get(%v) (-put +got):\n%s", item["id"], diff)
		}
	}
	if _, err := docs.Update(model.Key{Hash: "m-value"}).Set("nick", nil).If(model.Where("extra").Ne(nil)).Exec(ctx); err != nil {
		t.Fatalf("Update(SET nick NULL) = %v", err)
	}
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(docs.TableName()), Key: map[string]types.AttributeValue{"id": avS("m-value")}})
	if _, null := out.Item["nick"].(*types.AttributeValueMemberNULL); err != nil || !null {
		t.Errorf("stored nick after SET nil = %#v, %v; want NULL", out.Item["nick"], err)
	}
}

// TestAnyStoresNull checks against the server that a nil under an Any() attribute of a map
// schema is stored as NULL (Dynamoose's type.ANY holds null too) and read back as nil.
func TestAnyStoresNull(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.New(
		schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
		schema.Attr("extra", schema.Any()),
		schema.Attr("doc", schema.Map(schema.Attr("note", schema.Any()))),
	))
	m, db := newModel[map[string]any](t, ctx, s, "any_null")
	item := map[string]any{"id": "a", "extra": nil, "doc": map[string]any{"note": nil}}
	if err := m.Put(ctx, &item); err != nil {
		t.Fatalf("Put(%v) = %v", item, err)
	}
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(m.TableName()), Key: map[string]types.AttributeValue{"id": avS("a")}})
	if err != nil {
		t.Fatalf("GetItem(a) = %v", err)
	}
	want := map[string]types.AttributeValue{
		"id":    avS("a"),
		"extra": &types.AttributeValueMemberNULL{Value: true},
		"doc":   &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"note": &types.AttributeValueMemberNULL{Value: true}}},
	}
	if diff := cmp.Diff(want, out.Item, cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
		t.Errorf("stored item (-want +got):\n%s", diff)
	}
	got, err := m.Get(ctx, model.Key{Hash: "a"})
	if err != nil {
		t.Fatalf("Get(a) = %v", err)
	}
	if diff := cmp.Diff(item, got); diff != "" {
		t.Errorf("Get(a) (-put +got):\n%s", diff)
	}
}

type nullEmptyPerson struct {
	ID   string `dynamo:"id"`
	Nick string `dynamo:"nick,nullempty"`
}

// TestNullEmptyConditionComparesAsGiven checks against the server that a condition value ""
// on a nullempty attribute is compared as "", not as the NULL nullempty stores for it.
func TestNullEmptyConditionComparesAsGiven(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	m, db := newModel[nullEmptyPerson](t, ctx, schema.Must(schema.For[nullEmptyPerson]()), "nullempty_cond")
	for _, item := range []map[string]types.AttributeValue{
		{"id": avS("empty"), "nick": avS("")},
		{"id": avS("null"), "nick": &types.AttributeValueMemberNULL{Value: true}},
	} {
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(m.TableName()), Item: item}); err != nil {
			t.Fatalf("PutItem(%v) = %v", item, err)
		}
	}
	var ids []string
	for p, err := range m.Scan().Filter(model.Where("nick").Eq("")).All(ctx) {
		if err != nil {
			t.Fatalf("Scan(nick = \"\") = %v", err)
		}
		ids = append(ids, p.ID)
	}
	if len(ids) != 1 || ids[0] != "empty" {
		t.Errorf("Scan(nick = \"\") = %v; want [empty]", ids)
	}
}
