package odm_test

import (
	"context"
	"errors"
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

type typedCountry struct {
	Country string `dynamo:"country"`
}

type typedDoc struct {
	PK      string       `dynamo:"pk"`
	Score   any          `dynamo:"score"`
	Address typedCountry `dynamo:"address"`
}

// TestReadChecksStoredTypes checks against the server that an item stored by another writer
// with a value of the wrong type is refused on Get, Query and Scan with an *attr.Error naming
// the attribute's path, for struct and map models alike, and that lists and sets of dates of
// a map model read back as dates, so that a get-then-put of an unchanged item works.
func TestReadChecksStoredTypes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ms := schema.Must(schema.New(
		schema.Attr("pk", schema.Type(attr.S), schema.HashKey()),
		schema.Attr("score", schema.Type(attr.N)),
		schema.Attr("meta", schema.Type(attr.M)),
		schema.Attr("address", schema.Map(schema.Attr("country", schema.Type(attr.S)))),
		schema.Attr("visits", schema.List(schema.Date(attr.TimeMillis))),
		schema.Attr("seen", schema.Type(attr.SS), schema.Date(attr.TimeISO)),
	))
	docs, db := newModel[map[string]any](t, ctx, ms, "typed_docs")
	typed := modelOn[typedDoc](t, db, docs.TableName(), "typed_docs", schema.Must(schema.For[typedDoc](
		schema.Attr("pk", schema.HashKey()), schema.Attr("score", schema.Type(attr.N)),
	)))
	raw := map[string]map[string]types.AttributeValue{
		"score":   {"pk": avS("score"), "score": avS("Hello World")},
		"meta":    {"pk": avS("meta"), "meta": avS("test")},
		"country": {"pk": avS("country"), "address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"country": &types.AttributeValueMemberBOOL{Value: true}}}},
		"dates": {"pk": avS("dates"), "visits": &types.AttributeValueMemberL{Value: []types.AttributeValue{avN("1582246653120")}},
			"seen": &types.AttributeValueMemberSS{Value: []string{"2020-02-21T00:57:33.120Z"}}},
	}
	for _, item := range raw {
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(docs.TableName()), Item: item}); err != nil {
			t.Fatalf("PutItem(%v) = %v", item, err)
		}
	}
	refused := []struct {
		name, key, path string
		get             func(string) error
	}{
		{"map: number holding text", "score", "score", func(k string) error { _, err := docs.Get(ctx, model.Key{Hash: k}); return err }},
		{"map: map holding text", "meta", "meta", func(k string) error { _, err := docs.Get(ctx, model.Key{Hash: k}); return err }},
		{"map: nested string holding BOOL", "country", "address.country", func(k string) error { _, err := docs.Get(ctx, model.Key{Hash: k}); return err }},
		{"map query", "country", "address.country", func(k string) error {
			for _, err := range docs.Query(model.Where("pk").Eq(k)).All(ctx) {
				return err
			}
			return nil
		}},
		{"struct: interface field declared N", "score", "score", func(k string) error { _, err := typed.Get(ctx, model.Key{Hash: k}); return err }},
		{"struct: nested string holding BOOL", "country", "address.country", func(k string) error { _, err := typed.Get(ctx, model.Key{Hash: k}); return err }},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.get(tt.key)
			var ae *attr.Error
			if !errors.As(err, &ae) || !errors.Is(err, attr.ErrType) || ae.Path != tt.path {
				t.Errorf("reading %q = %v; want an *attr.Error of type mismatch at %q", tt.key, err, tt.path)
			}
		})
	}

	t.Run("dates get then put", func(t *testing.T) {
		got, err := docs.Get(ctx, model.Key{Hash: "dates"})
		if err != nil {
			t.Fatalf("Get(dates) = %v", err)
		}
		at := time.Date(2020, 2, 21, 0, 57, 33, 120_000_000, time.UTC)
		want := map[string]any{"pk": "dates", "visits": []any{at}, "seen": []time.Time{at}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Get(dates) (-want +got):\n%s", diff)
		}
		if err := docs.Put(ctx, &got); err != nil {
			t.Fatalf("Put(Get(dates)) = %v", err)
		}
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(docs.TableName()), Key: map[string]types.AttributeValue{"pk": avS("dates")}})
		if err != nil {
			t.Fatalf("GetItem = %v", err)
		}
		if diff := cmp.Diff(canonical(raw["dates"]), canonical(out.Item), cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
			t.Errorf("stored after get-then-put (-before +after):\n%s", diff)
		}
	})
}
