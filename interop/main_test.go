// Package interop_test checks that real Dynamoose and Dynamodel read each other's items: for
// each feature, Dynamoose writes an item that Dynamodel reads, and Dynamodel writes one that
// Dynamoose reads. Dynamodel's tablesync creates every table; Dynamoose is told not to create,
// change or wait for tables (package dynamoosetest), so its models work only if the table is
// what it expects.
package interop_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }

// newModel creates, through tablesync, a table unique to the test for s, and returns the
// model of it and the table's name, which the scripts give Dynamoose as its model's name.
func newModel[T any](t *testing.T, s *schema.Schema[T], base string) (*model.Model[T], string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db := dynamotest.Client()
	name := dynamotest.TableName(t, db, base)
	if _, err := tablesync.Sync(ctx, db, tablesync.CreateOnly, tablesync.FromSchema(name, s)); err != nil {
		t.Fatalf("tablesync.Sync(%s) = %v", name, err)
	}
	m, err := model.New[T](db, name, s)
	if err != nil {
		t.Fatalf("model.New(%s) = %v", name, err)
	}
	return m, name
}

// ctx returns a context for one test's requests.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return c
}

// sameJSON fails the test when got and want differ once both are read as JSON (numbers as
// float64), naming what.
func sameJSON(t *testing.T, what string, got map[string]any, want string) {
	t.Helper()
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want for %s: %v", what, err)
	}
	if diff := cmp.Diff(w, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

// stored returns the item with the hash key id=hash as the server holds it, each value as
// {"S": text}, {"N": text}, {"SS": [sorted]}, ... so that two writers' items compare.
func stored(t *testing.T, table, hash string) map[string]any {
	t.Helper()
	out, err := dynamotest.Client().GetItem(ctx(t), &dynamodb.GetItemInput{
		TableName: aws.String(table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: hash}},
	})
	if err != nil {
		t.Fatalf("GetItem(%s, %s) = %v", table, hash, err)
	}
	if out.Item == nil {
		t.Fatalf("GetItem(%s, %s): no item", table, hash)
	}
	return plainAV(&types.AttributeValueMemberM{Value: out.Item}).(map[string]any)["M"].(map[string]any)
}

func plainAV(av types.AttributeValue) any {
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return map[string]any{"S": v.Value}
	case *types.AttributeValueMemberN:
		return map[string]any{"N": v.Value}
	case *types.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": v.Value}
	case *types.AttributeValueMemberNULL:
		return map[string]any{"NULL": v.Value}
	case *types.AttributeValueMemberB:
		return map[string]any{"B": base64.StdEncoding.EncodeToString(v.Value)}
	case *types.AttributeValueMemberSS:
		return map[string]any{"SS": sorted(v.Value)}
	case *types.AttributeValueMemberNS:
		return map[string]any{"NS": sorted(v.Value)}
	case *types.AttributeValueMemberBS:
		var s []string
		for _, b := range v.Value {
			s = append(s, base64.StdEncoding.EncodeToString(b))
		}
		return map[string]any{"BS": sorted(s)}
	case *types.AttributeValueMemberL:
		l := []any{}
		for _, e := range v.Value {
			l = append(l, plainAV(e))
		}
		return map[string]any{"L": l}
	case *types.AttributeValueMemberM:
		m := map[string]any{}
		for k, e := range v.Value {
			m[k] = plainAV(e)
		}
		return map[string]any{"M": m}
	}
	return fmt.Sprintf("%T", av)
}

// sameStorage fails the test unless the items Dynamoose and Dynamodel wrote under the hash
// keys byJS and byGo hold the same attributes with the same types and values. The attributes
// named in timed hold the time of the write: only their types are compared.
func sameStorage(t *testing.T, table, byJS, byGo string, timed ...string) {
	t.Helper()
	js, gv := stored(t, table, byJS), stored(t, table, byGo)
	delete(js, "id")
	delete(gv, "id")
	for _, name := range timed {
		for _, item := range []map[string]any{js, gv} {
			if v, ok := item[name].(map[string]any); ok {
				for typ := range v {
					v[typ] = "(time)"
				}
			}
		}
	}
	if diff := cmp.Diff(js, gv); diff != "" {
		t.Errorf("stored items differ (-Dynamoose +Dynamodel):\n%s", diff)
	}
}

// exchange has each side write an item and read the other's: Dynamodel puts goItem under the
// id "go"; then a script defines Item with modelJS, creates jsItem (a JavaScript object
// literal, without its id) under the id "js" and gets "go". It returns Dynamodel's read of
// "js" and Dynamoose's of "go" (see dynamoosetest.Run for its JSON). The script's input is in
// (nil: none) with the table's name under "table".
func exchange[T any](t *testing.T, m *model.Model[T], table string, in map[string]any, modelJS, jsItem string, goItem *T) (fromJS T, fromGo map[string]any) {
	t.Helper()
	if in == nil {
		in = map[string]any{}
	}
	in["table"] = table
	if err := m.Put(ctx(t), goItem); err != nil {
		t.Fatalf("Dynamodel Put = %v", err)
	}
	dynamoosetest.Run(t, modelJS+`
await Item.create(Object.assign(`+jsItem+`, { id: "js" }));
out(await Item.get("go"));
`, in, &fromGo)
	fromJS, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil {
		t.Fatalf("Dynamodel Get of Dynamoose's item = %v", err)
	}
	return fromJS, fromGo
}

func jsonInt(n int64) string { return fmt.Sprint(n) }

// sameAny says whether got, decoded from JSON, equals want.
func sameAny(got, want any) bool { return cmp.Equal(got, want) }

// errorsIsConditionFailed says whether err is a failed condition.
func errorsIsConditionFailed(err error) bool { return errors.Is(err, model.ErrConditionFailed) }
