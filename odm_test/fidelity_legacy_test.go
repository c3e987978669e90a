package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type legacyTask struct {
	ID    string            `dynamo:"id"`
	Done  bool              `dynamo:"done"`
	Meta  map[string]string `dynamo:"meta"`
	Steps []string          `dynamo:"steps"`
}

// TestLegacyStorageOnServer checks against the server that BooleansAsStrings and
// DocumentsAsJSON write what an older Dynamoose wrote (S "true", JSON text), read it back,
// and encode update and condition values the same way.
func TestLegacyStorageOnServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[legacyTask](schema.BooleansAsStrings(), schema.DocumentsAsJSON()))
	m, db := newModel[legacyTask](t, ctx, s, "legacy")
	// As an older Dynamoose version wrote it.
	old := map[string]types.AttributeValue{"id": avS("old"), "done": avS("true"), "meta": avS(`{"k":"v"}`), "steps": avS(`["a","b"]`)}
	if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(m.TableName()), Item: old}); err != nil {
		t.Fatalf("PutItem(%v) = %v", old, err)
	}
	got, err := m.Get(ctx, model.Key{Hash: "old"})
	want := legacyTask{ID: "old", Done: true, Meta: map[string]string{"k": "v"}, Steps: []string{"a", "b"}}
	if err != nil || !cmp.Equal(got, want) {
		t.Fatalf("Get(old) = %+v, %v; want %+v", got, err, want)
	}
	got.ID = "new"
	if err := m.Put(ctx, &got); err != nil {
		t.Fatalf("Put(%+v) = %v", got, err)
	}
	stored := func(id string) map[string]types.AttributeValue {
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(m.TableName()), Key: map[string]types.AttributeValue{"id": avS(id)}})
		if err != nil {
			t.Fatalf("GetItem(%s) = %v", id, err)
		}
		return out.Item
	}
	old["id"] = avS("new")
	if diff := cmp.Diff(old, stored("new"), cmp.AllowUnexported(types.AttributeValueMemberS{})); diff != "" {
		t.Errorf("stored item (-older Dynamoose +Put):\n%s", diff)
	}
	if _, err := m.Update(model.Key{Hash: "new"}).Set("done", false).If(model.Where("done").Eq(true)).Exec(ctx); err != nil {
		t.Fatalf("Update(SET done = false IF done = true) = %v", err)
	}
	if done := stored("new")["done"]; !cmp.Equal(done, avS("false"), cmp.AllowUnexported(types.AttributeValueMemberS{})) {
		t.Errorf("stored done after update = %#v; want S \"false\"", done)
	}
}
