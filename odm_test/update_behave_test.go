package odm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type nickname struct{ attr.Nullable[string] }

type behaved struct {
	ID     string   `dynamo:"id"`
	Note   string   `dynamo:"note,omitempty"`
	Visits int      `dynamo:"visits,omitempty"`
	Plain  string   `dynamo:"plain"`
	Log    []string `dynamo:"log,omitempty"`
	Last   []string `dynamo:"last" validate:"max=3"`
	Nick   nickname `dynamo:"nick"`
}

// TestUpdateOfEmptyNullAndAppendOnServer checks against the server that an update leaves an item as a
// put of the same values would: an empty value of an omitempty field removes the attribute
// (it was stored as "" and 0), a struct embedding attr.Nullable takes a SET of nil as NULL
// (it was refused), Append adds to a list, and Append to a list whose rule checks the whole
// list is refused before sending (max=3 passed two elements added to three stored).
func TestUpdateOfEmptyNullAndAppendOnServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	m, db := newModel[behaved](t, ctx, schema.Must(schema.For[behaved]()), "behaved")
	key := map[string]types.AttributeValue{"id": avS("b1")}
	stored := func() map[string]types.AttributeValue {
		t.Helper()
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(m.TableName()), Key: key, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatalf("GetItem = %v", err)
		}
		return out.Item
	}
	if err := m.Put(ctx, &behaved{ID: "b1", Note: "n", Visits: 2, Plain: "p", Log: []string{"a"}, Last: []string{"1", "2", "3"}}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	if _, err := m.Update(model.Key{Hash: "b1"}).Set("note", "").Set("visits", 0).Set("plain", "").Set("nick", nil).Append("log", []string{"b"}).Exec(ctx); err != nil {
		t.Fatalf("Update = %v", err)
	}
	item := stored()
	for _, name := range []string{"note", "visits"} {
		if av, ok := item[name]; ok {
			t.Errorf("stored %s = %#v after a SET of its empty value; want it removed, as a put leaves it out", name, av)
		}
	}
	if s, ok := item["plain"].(*types.AttributeValueMemberS); !ok || s.Value != "" {
		t.Errorf(`stored plain = %#v; want S "" (no omitempty)`, item["plain"])
	}
	if _, null := item["nick"].(*types.AttributeValueMemberNULL); !null {
		t.Errorf("stored nick = %#v; want NULL", item["nick"])
	}
	got, err := m.Get(ctx, model.Key{Hash: "b1"}, model.Consistent())
	if err != nil {
		t.Fatalf("Get = %v", err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, got.Log); diff != "" {
		t.Errorf("log after Append (-want +got):\n%s", diff)
	}

	_, err = m.Update(model.Key{Hash: "b1"}).Append("last", []string{"4", "5"}).Exec(ctx)
	var ve *validate.Error
	if !errors.As(err, &ve) || ve.Field("last") == nil || ve.Field("last").Rule != "append" {
		t.Errorf("Update(Append to last, max=3) = %v; want a *validate.Error with last:append", err)
	}
	if l, ok := stored()["last"].(*types.AttributeValueMemberL); !ok || len(l.Value) != 3 {
		t.Errorf("stored last = %#v; want the 3 elements put", stored()["last"])
	}
}
