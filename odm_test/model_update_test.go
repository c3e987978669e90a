package odm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/validate"
)

func TestModelUpdate(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	users, _ := newModel[User](t, ctx, userSchema, "upd")
	born := time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC)
	start := User{ID: "u1", Name: "Ada", Age: 36, Tags: []string{"a", "b"}, Address: &Address{City: "Oslo", Zip: "0150"},
		Items: []Line{{"x", 1}, {"y", 2}}, Log: []string{"created"}, Visits: 1, Born: born}
	if err := users.Create(ctx, &start); err != nil {
		t.Fatalf("Create = %v", err)
	}
	before, err := users.Get(ctx, model.Key{Hash: "u1"}, model.Consistent())
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond) // so that updatedAt moves

	t.Run("unknown attribute", func(t *testing.T) {
		got, err := users.Update(model.Key{Hash: "u1"}).Set("name", "X").Prepend("nickname", []string{"A"}).Exec(ctx)
		var ve *validate.Error
		if !errors.As(err, &ve) {
			t.Fatalf("Update(unknown attribute) = %+v, %v; want a *validate.Error", got, err)
		}
	})
	t.Run("set, add, remove and counters", func(t *testing.T) {
		got, err := users.Update(model.Key{Hash: "u1"}).
			Set("name", "Ada Lovelace").
			Set("address.city", "Bergen").
			Set("items[1].qty", 5).
			SetIfNotExists("email", "ADA@example.com").
			SetIfNotExists("age", 99).
			Append("log", []string{"renamed"}).
			Add("tags", []string{"c"}).
			Increment("visits", 2).
			Remove("address.zip", "items[0]").
			If(model.Where("born").Eq(born)).
			MustExist().
			Exec(ctx)
		if err != nil {
			t.Fatalf("Update = %v", err)
		}
		want := User{ID: "u1", Name: "Ada Lovelace", Email: "ada@example.com", Age: 36, Role: "member", Tags: []string{"a", "b", "c"},
			Address: &Address{City: "Bergen"}, Items: []Line{{"y", 5}}, Log: []string{"created", "renamed"}, Visits: 3, Born: born,
			CreatedAt: before.CreatedAt}
		if diff := cmp.Diff(got, want, cmpopts.IgnoreFields(User{}, "UpdatedAt"), cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
			t.Errorf("Update mismatch (-got +want):\n%s", diff)
		}
		if !got.UpdatedAt.After(before.UpdatedAt) {
			t.Errorf("updatedAt = %v; want after %v", got.UpdatedAt, before.UpdatedAt)
		}
	})
	t.Run("prepend, decrement and delete from a set", func(t *testing.T) {
		got, err := users.Update(model.Key{Hash: "u1"}).
			Prepend("log", []string{"first"}).
			Decrement("visits", 5).
			Delete("tags", []string{"a", "c"}).
			Return(model.ReturnUpdatedNew).
			Exec(ctx)
		if err != nil {
			t.Fatalf("Update = %v", err)
		}
		// createdAt is among the updated attributes: the update sets it if absent, and
		// DynamoDB returns what SET names, changed or not.
		want := User{Log: []string{"first", "created", "renamed"}, Visits: -2, Tags: []string{"b"}, CreatedAt: before.CreatedAt}
		if diff := cmp.Diff(got, want, cmpopts.IgnoreFields(User{}, "UpdatedAt")); diff != "" {
			t.Errorf("Update(ReturnUpdatedNew) mismatch (-got +want):\n%s", diff)
		}
	})
	t.Run("return old", func(t *testing.T) {
		got, err := users.Update(model.Key{Hash: "u1"}).Set("age", 40).Return(model.ReturnAllOld).Exec(ctx)
		if err != nil || got.Age != 36 || got.Name != "Ada Lovelace" {
			t.Errorf("Update(ReturnAllOld) = %+v, %v; want the item with age 36", got, err)
		}
		got, err = users.Update(model.Key{Hash: "u1"}).Set("age", 41).Return(model.ReturnNone).Exec(ctx)
		if err != nil || !cmp.Equal(got, User{}) {
			t.Errorf("Update(ReturnNone) = %+v, %v; want the zero User", got, err)
		}
	})
	t.Run("condition with a time", func(t *testing.T) {
		_, err := users.Update(model.Key{Hash: "u1"}).Set("name", "X").If(model.Where("born").Gt(born)).Exec(ctx)
		if !errors.Is(err, model.ErrConditionFailed) {
			t.Errorf("Update(If born > born) = %v; want ErrConditionFailed", err)
		}
		_, err = users.Update(model.Key{Hash: "u1"}).Set("name", "Ada").If(model.Where("born").Between(born.Add(-time.Hour), born.Add(time.Hour))).Exec(ctx)
		if err != nil {
			t.Errorf("Update(If born between) = %v", err)
		}
	})
	t.Run("must exist", func(t *testing.T) {
		_, err := users.Update(model.Key{Hash: "ghost"}).Set("name", "Ghost").MustExist().Exec(ctx)
		if !errors.Is(err, model.ErrConditionFailed) {
			t.Errorf("Update(ghost, MustExist) = %v; want ErrConditionFailed", err)
		}
		got, err := users.Update(model.Key{Hash: "ghost2"}).Set("name", "Ghost").Exec(ctx)
		if err != nil || got.ID != "ghost2" || got.Name != "Ghost" {
			t.Errorf("Update(ghost2) = %+v, %v; want a new item (upsert)", got, err)
		}
	})
	t.Run("refused before sending", func(t *testing.T) {
		tests := []struct {
			name string
			u    model.Update[User]
		}{
			{"key attribute", users.Update(model.Key{Hash: "u1"}).Set("id", "u9")},
			{"enum", users.Update(model.Key{Hash: "u1"}).Set("role", "owner")},
			{"validator", users.Update(model.Key{Hash: "u1"}).Set("age", 1000)},
			{"wrong type", users.Update(model.Key{Hash: "u1"}).Set("age", "old")},
			{"add to a string", users.Update(model.Key{Hash: "u1"}).Add("name", 1)},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tt.u.Exec(ctx)
				var ve *validate.Error
				if !errors.As(err, &ve) {
					t.Errorf("Exec() = %v; want a *validate.Error", err)
				}
			})
		}
		for _, tt := range []struct {
			name string
			u    model.Update[User]
		}{
			{"no changes", users.Update(model.Key{Hash: "u1"})},
			{"one path twice", users.Update(model.Key{Hash: "u1"}).Set("name", "a").Remove("name")},
			{"overlapping paths", users.Update(model.Key{Hash: "u1"}).Set("address", Address{City: "x"}).Remove("address.zip")},
		} {
			t.Run(tt.name, func(t *testing.T) {
				_, err := tt.u.Exec(ctx)
				var ie *model.InputError
				if !errors.As(err, &ie) {
					t.Errorf("Exec() = %v; want an *InputError", err)
				}
			})
		}
	})
	t.Run("immutable builder", func(t *testing.T) {
		base := users.Update(model.Key{Hash: "u1"}).Set("name", "Base")
		a := base.Set("age", 50)
		b := base.Set("age", 60)
		if _, err := a.Exec(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := b.Exec(ctx)
		if err != nil || got.Age != 60 || got.Name != "Base" {
			t.Errorf("b.Exec() = %+v, %v; want age 60: a's change must not leak into b", got, err)
		}
	})
}
