package odm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type account struct {
	Email string `dynamo:"email"`
	Nick  string `dynamo:"nick,omitempty"`
}

// TestSetAppliesToKeysAndConditions checks against the server that an attribute's set
// transforms apply to key values given to Get, Update and Delete and to condition and query
// values, as they apply to items (Dynamoose's behaviour): an item stored as a@x.com is found
// by A@X.COM.
func TestSetAppliesToKeysAndConditions(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[account](
		schema.Attr("email", schema.HashKey(), schema.Lowercase()),
		schema.Attr("nick", schema.Setter(func(v string, _ *string) (string, error) { return strings.TrimPrefix(v, "@"), nil })),
	))
	accounts, _ := newModel[account](t, ctx, s, "accounts")
	if err := accounts.Put(ctx, &account{Email: "A@X.COM", Nick: "@ada"}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	key := model.Key{Hash: "A@X.COM"}
	got, err := accounts.Get(ctx, key)
	if err != nil || got.Email != "a@x.com" {
		t.Fatalf("Get(%v) = %+v, %v; want the item stored as a@x.com", key, got, err)
	}
	tests := []struct {
		name string
		run  func() (int, error)
	}{
		{"query key condition", func() (int, error) {
			return accounts.Query(model.Where("email").Eq("A@X.COM")).Count(ctx)
		}},
		{"scan filter", func() (int, error) {
			return accounts.Scan().Filter(model.Where("email").Eq("A@X.COM")).Count(ctx)
		}},
		{"filter through a setter", func() (int, error) {
			return accounts.Query(model.Where("email").Eq("a@x.com")).Filter(model.Where("nick").Eq("@ada")).Count(ctx)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := tt.run()
			if err != nil || n != 1 {
				t.Errorf("= %d, %v; want 1 item", n, err)
			}
		})
	}
	t.Run("update with a condition, then delete", func(t *testing.T) {
		if _, err := accounts.Update(key).Set("nick", "@grace").If(model.Where("nick").Eq("@ada")).MustExist().Exec(ctx); err != nil {
			t.Fatalf("Update(%v) = %v", key, err)
		}
		if got, err := accounts.Get(ctx, key); err != nil || got.Nick != "grace" {
			t.Errorf("Get after update = %+v, %v; want nick grace", got, err)
		}
		if err := accounts.Delete(ctx, key, model.If(model.Where("email").Eq("A@X.COM"))); err != nil {
			t.Fatalf("Delete(%v) = %v", key, err)
		}
		if _, err := accounts.Get(ctx, model.Key{Hash: "a@x.com"}); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("Get after Delete = %v; want model.ErrNotFound", err)
		}
	})
}
