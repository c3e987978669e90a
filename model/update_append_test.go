package model

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type capped struct {
	ID   string   `dynamo:"id"`
	Log  []string `dynamo:"log"`
	Last []string `dynamo:"last" validate:"max=3"`
}

// TestAppendToCheckedListIsRefused checks that Append and Prepend to a list whose validate
// rule checks the whole list (max=3) are refused before a request is sent: the rule would see
// the added elements only, so two elements added to three stored passed. An append to a list
// without such a check is sent.
func TestAppendToCheckedListIsRefused(t *testing.T) {
	tests := []struct {
		name  string
		build func(u Update[capped]) Update[capped]
		fails bool
	}{
		{"append to a checked list", func(u Update[capped]) Update[capped] { return u.Append("last", []string{"a", "b"}) }, true},
		{"prepend to a checked list", func(u Update[capped]) Update[capped] { return u.Prepend("last", []string{"a"}) }, true},
		{"append to a plain list", func(u Update[capped]) Update[capped] { return u.Append("log", []string{"a"}) }, false},
		{"prepend to a plain list", func(u Update[capped]) Update[capped] { return u.Prepend("log", []string{"a"}) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{updateItem: func(*dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
				return &dynamodb.UpdateItemOutput{}, nil
			}}
			m, err := New[capped](r, "capped", schema.Must(schema.For[capped]()))
			if err != nil {
				t.Fatalf("New = %v", err)
			}
			_, err = tt.build(m.Update(Key{Hash: "c1"})).Exec(context.Background())
			if !tt.fails {
				if err != nil || len(r.requests) != 1 {
					t.Fatalf("Exec = %v, %d requests; want nil, 1 request", err, len(r.requests))
				}
				return
			}
			var ve *validate.Error
			if !errors.As(err, &ve) || ve.Field("last") == nil || ve.Field("last").Rule != "append" {
				t.Fatalf("Exec = %v; want a *validate.Error with last:append", err)
			}
			if len(r.requests) != 0 {
				t.Errorf("Exec sent %d requests; want none", len(r.requests))
			}
		})
	}
}
