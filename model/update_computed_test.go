package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type contactCard struct {
	ID    string `dynamo:"id"`
	Email string `dynamo:"email"`
	Name  string `dynamo:"name"`
	Note  string `dynamo:"note"`
	GSK   string `dynamo:"gsk"`
}

// TestSetIfNotExistsOfCombinedSource checks that SetIfNotExists of a source of a combined
// attribute is refused before sending (the combined value would be rebuilt from a value the
// item may not keep), while SetIfNotExists of another attribute still sends if_not_exists.
func TestSetIfNotExistsOfCombinedSource(t *testing.T) {
	ctx := context.Background()
	s := schema.Must(schema.For[contactCard](schema.Attr("id", schema.HashKey()),
		schema.Attr("gsk", schema.Combine("#", "email", "name"))))
	dry := &recorder{}
	m, err := New[contactCard](dry, "contacts", s)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Update(Key{Hash: "c1"}).SetIfNotExists("email", "a@x").Set("name", "Ada").Request(ctx)
	var ve *validate.Error
	if !errors.As(err, &ve) || ve.Fields[0].Path != "email" || ve.Fields[0].Rule != "combine" {
		t.Errorf("SetIfNotExists(email) with Set(name) = %v; want a *validate.Error for email, rule combine", err)
	}
	in, err := m.Update(Key{Hash: "c1"}).SetIfNotExists("note", "n").Request(ctx)
	if err != nil {
		t.Fatalf("SetIfNotExists(note) = %v", err)
	}
	if got, want := *in.UpdateExpression, "SET #n0 = if_not_exists(#n0, :v0)"; got != want {
		t.Errorf("SetIfNotExists(note) sends %q; want %q", got, want)
	}
	if len(dry.requests) != 0 {
		t.Errorf("%d requests sent by dry runs", len(dry.requests))
	}
}

// TestSetIfNotExistsOfForcedDefaultSetsTheDefault: ForceDefault writes its default on every
// update, as Dynamoose's forceDefault does, so SetIfNotExists of such an attribute sends a
// plain SET of the default; it sent if_not_exists, which kept a stored value.
func TestSetIfNotExistsOfForcedDefaultSetsTheDefault(t *testing.T) {
	ctx := context.Background()
	s := schema.Must(schema.For[contactCard](schema.Attr("id", schema.HashKey()),
		schema.Attr("note", schema.Default("v2"), schema.ForceDefault())))
	m, err := New[contactCard](&recorder{}, "contacts", s)
	if err != nil {
		t.Fatal(err)
	}
	in, err := m.Update(Key{Hash: "c1"}).SetIfNotExists("note", "mine").Request(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := *in.UpdateExpression; strings.Contains(got, "if_not_exists") {
		t.Errorf("SetIfNotExists of a forced default sends %q; want a plain SET of the default", got)
	}
}
