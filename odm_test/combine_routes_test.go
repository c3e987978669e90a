package odm_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type combinedContact struct {
	ID    string `dynamo:"id"`
	Email string `dynamo:"email"`
	Name  string `dynamo:"name"`
	GSK   string `dynamo:"gsk"`
}

// TestCombinedSameByEveryRoute checks, against the server, that one item written by Put,
// Create, BatchPut and Update stores the same combined attribute, built from the sources as
// stored (email lowercased): "ada@x.com#Ada" each time, so that a query of the index on it
// finds all four items. A transaction's put, which the server may not run, is compared in
// the request TransactWriteRequest builds.
func TestCombinedSameByEveryRoute(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[combinedContact](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("email", schema.Lowercase(), schema.Trim()),
		schema.Attr("gsk", schema.Combine("#", "email", "name"), schema.Index(schema.IndexName("byGSK"))),
	))
	contacts, db := newModel[combinedContact](t, ctx, s, "contacts")
	const want = "ada@x.com#Ada"
	item := func(id string) *combinedContact {
		return &combinedContact{ID: id, Email: " Ada@X.COM ", Name: "Ada"}
	}
	routes := []struct {
		id    string
		write func() error
	}{
		{"put", func() error { return contacts.Put(ctx, item("put")) }},
		{"create", func() error { return contacts.Create(ctx, item("create")) }},
		{"batch", func() error { return contacts.BatchPut(ctx, []*combinedContact{item("batch")}) }},
		{"update", func() error {
			_, err := contacts.Update(model.Key{Hash: "update"}).Set("email", " Ada@X.COM ").Set("name", "Ada").Exec(ctx)
			return err
		}},
	}
	for _, r := range routes {
		if err := r.write(); err != nil {
			t.Fatalf("%s = %v", r.id, err)
		}
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(contacts.TableName()), ConsistentRead: aws.Bool(true),
			Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: r.id}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := storedS(out.Item["gsk"]); got != want {
			t.Errorf("%s stores gsk %q; want %q", r.id, got, want)
		}
	}

	in, err := model.TransactWriteRequest(ctx, contacts.TxPut(item("tx")))
	if err != nil {
		t.Fatalf("TransactWriteRequest = %v", err)
	}
	if got := storedS(in.TransactItems[0].Put.Item["gsk"]); got != want {
		t.Errorf("TxPut sends gsk %q; want %q", got, want)
	}

	var found []string
	for c, err := range contacts.Query(model.Where("gsk").Eq(want)).All(ctx) {
		if err != nil {
			t.Fatalf("Query(gsk = %q) = %v", want, err)
		}
		found = append(found, c.ID)
	}
	if len(found) != len(routes) {
		t.Errorf("Query(gsk = %q) finds %s; want the %d items written", want, strings.Join(found, ", "), len(routes))
	}
}

// storedS is the text of a stored S value, or a note of what is there instead.
func storedS(av types.AttributeValue) string {
	if s, ok := av.(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return fmt.Sprintf("(not S: %T)", av)
}

type taggedNote struct {
	ID   string   `dynamo:"id"`
	Tags []string `dynamo:"tags,set,omitempty"`
	Note string   `dynamo:"note"`
}

// TestUpdateStoresWhatPutStores checks, against the server, that an update stores values as
// a put does: a setter runs once on a SET value ("n-x", not "n-n-x"), and ADD and DELETE of
// elements of a lowercased set add and remove the stored (lowercased) elements.
func TestUpdateStoresWhatPutStores(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[taggedNote](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("tags", schema.Lowercase()),
		schema.Attr("note", schema.Setter(func(v string, _ *string) (string, error) { return "n-" + v, nil })),
	))
	notes, _ := newModel[taggedNote](t, ctx, s, "notes")
	if err := notes.Put(ctx, &taggedNote{ID: "a", Tags: []string{"Go", "Old"}, Note: "x"}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	if _, err := notes.Update(model.Key{Hash: "a"}).Add("tags", []string{"DYNAMO"}).Exec(ctx); err != nil {
		t.Fatalf("Update(ADD tags) = %v", err)
	}
	if _, err := notes.Update(model.Key{Hash: "a"}).Delete("tags", []string{"OLD"}).Exec(ctx); err != nil {
		t.Fatalf("Update(DELETE tags) = %v", err)
	}
	if _, err := notes.Update(model.Key{Hash: "a"}).Set("note", "x").Exec(ctx); err != nil {
		t.Fatalf("Update(SET note) = %v", err)
	}
	got, err := notes.Get(ctx, model.Key{Hash: "a"}, model.Consistent())
	if err != nil {
		t.Fatalf("Get = %v", err)
	}
	slices.Sort(got.Tags)
	if want := (taggedNote{ID: "a", Tags: []string{"dynamo", "go"}, Note: "n-x"}); !slices.Equal(got.Tags, want.Tags) || got.Note != want.Note {
		t.Errorf("after the updates Get = %+v; want %+v", got, want)
	}
}
