package odm_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
)

// TestCursorWithOtherKeysIsBad: "A bad cursor is model.ErrBadCursor". A cursor of the
// right table and index whose key names other attributes than the keys of that table or
// index (or lacks one) is malformed, and the model knows the key names; it is sent to
// DynamoDB as the ExclusiveStartKey instead, and comes back as a ValidationException
// wrapped in *model.OpError.
func TestCursorWithOtherKeysIsBad(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	orders, _ := newModel[Order](t, ctx, orderSchema, "cursorkeys")
	if err := orders.Put(ctx, &Order{Customer: "c1", ID: 1}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	cursor := func(key map[string]map[string]string) string {
		js, err := json.Marshal(map[string]any{"t": orders.TableName(), "k": key})
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(js)
	}
	tests := []struct {
		name string
		key  map[string]map[string]string
	}{
		{"no range key", map[string]map[string]string{"customer": {"S": "c1"}}},
		{"another attribute", map[string]map[string]string{"customer": {"S": "c1"}, "status": {"S": "new"}}},
		{"key of the wrong type", map[string]map[string]string{"customer": {"S": "c1"}, "id": {"S": "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := orders.Query(model.Where("customer").Eq("c1")).Limit(1).Page(ctx, cursor(tt.key))
			if !errors.Is(err, model.ErrBadCursor) {
				t.Errorf("Page(cursor %v) = %v; want ErrBadCursor", tt.key, err)
			}
		})
	}
}
