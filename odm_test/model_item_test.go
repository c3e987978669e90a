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

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type Address struct {
	City string `dynamo:"city,omitempty"`
	Zip  string `dynamo:"zip,omitempty"`
}

type User struct {
	ID        string    `dynamo:"id"`
	Email     string    `dynamo:"email,omitempty"`
	Name      string    `dynamo:"name,omitempty"`
	Age       int       `dynamo:"age,omitempty"`
	Role      string    `dynamo:"role,omitempty"`
	Tags      []string  `dynamo:"tags,set,omitempty"`
	Address   *Address  `dynamo:"address,omitempty"`
	Items     []Line    `dynamo:"items,omitempty"`
	Log       []string  `dynamo:"log,omitempty"`
	Visits    int       `dynamo:"visits,omitempty"`
	Born      time.Time `dynamo:"born,omitempty"`
	CreatedAt time.Time `dynamo:"createdAt,omitempty"`
	UpdatedAt time.Time `dynamo:"updatedAt,omitempty"`
}

type Line struct {
	SKU string `dynamo:"sku"`
	Qty int    `dynamo:"qty"`
}

var userSchema = schema.Must(schema.For[User](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("email", schema.Lowercase(), schema.Index(schema.IndexName("byEmail"))),
	schema.Attr("role", schema.Default("member"), schema.Enum("member", "admin")),
	schema.Attr("age", schema.Validate(validate.Tag("max=150"))),
	schema.Timestamps(),
))

func TestModelItemOperations(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	users, db := newModel[User](t, ctx, userSchema, "users")
	born := time.Date(1990, 5, 17, 8, 30, 0, 0, time.UTC)

	ada := User{ID: "u1", Email: "ADA@example.com", Name: "Ada", Age: 36, Tags: []string{"a", "b"}, Address: &Address{City: "Oslo"}, Born: born}
	if err := users.Create(ctx, &ada); err != nil {
		t.Fatalf("Create(u1) = %v", err)
	}

	t.Run("get", func(t *testing.T) {
		got, err := users.Get(ctx, model.Key{Hash: "u1"}, model.Consistent())
		if err != nil {
			t.Fatalf("Get(u1) = %v", err)
		}
		if got.Email != "ada@example.com" || got.Role != "member" || !got.Born.Equal(born) || got.CreatedAt.IsZero() || got.UpdatedAt.IsZero() {
			t.Errorf("Get(u1) = %+v; want lowercase email, default role, born %v and timestamps", got, born)
		}
	})
	t.Run("get projection", func(t *testing.T) {
		got, err := users.GetPartial(ctx, model.Key{Hash: "u1"}, model.Consistent(), model.Project("name", "address.city"))
		if err != nil {
			t.Fatalf("GetPartial(u1) = %v", err)
		}
		want := model.Partial[User]{Item: User{Name: "Ada", Address: &Address{City: "Oslo"}}, Read: []string{"address", "name"}}
		if diff := cmp.Diff(got, want); diff != "" {
			t.Errorf("GetPartial(u1, Project) mismatch (-got +want):\n%s", diff)
		}
	})
	t.Run("get missing", func(t *testing.T) {
		got, err := users.Get(ctx, model.Key{Hash: "nobody"}, model.Consistent())
		if !errors.Is(err, model.ErrNotFound) {
			t.Errorf("Get(nobody) = %+v, %v; want ErrNotFound", got, err)
		}
	})
	t.Run("create existing", func(t *testing.T) {
		err := users.Create(ctx, &User{ID: "u1", Name: "Other"})
		if !errors.Is(err, model.ErrConditionFailed) {
			t.Fatalf("Create(u1 again) = %v; want ErrConditionFailed", err)
		}
		var op *model.OpError
		var ccf *types.ConditionalCheckFailedException
		if !errors.As(err, &op) || op.Op != "create" || op.Table != users.TableName() || !errors.As(err, &ccf) {
			t.Errorf("Create(u1 again) = %#v; want an *OpError{create, %s} wrapping the SDK's ConditionalCheckFailedException", err, users.TableName())
		}
	})
	t.Run("create returning the stored item", func(t *testing.T) {
		grace := User{ID: "u9", Email: "GRACE@example.com"}
		if err := users.Create(ctx, &grace, model.ReturnStored(&grace)); err != nil {
			t.Fatalf("Create(u9) = %v", err)
		}
		if grace.Email != "grace@example.com" || grace.Role != "member" || grace.CreatedAt.IsZero() {
			t.Errorf("after Create(ReturnStored), item = %+v; want the stored values", grace)
		}
	})
	t.Run("put overwrites", func(t *testing.T) {
		var old User
		err := users.Put(ctx, &User{ID: "u1", Name: "Ada L.", Age: 37}, model.ReturnOld(&old))
		if err != nil {
			t.Fatalf("Put(u1) = %v", err)
		}
		if old.Name != "Ada" {
			t.Errorf("Put(u1, ReturnOld) old name = %q; want %q", old.Name, "Ada")
		}
		got, err := users.Get(ctx, model.Key{Hash: "u1"}, model.Consistent())
		if err != nil || got.Name != "Ada L." || got.Email != "" {
			t.Errorf("Get(u1) after Put = %+v, %v; want the new item only", got, err)
		}
	})
	t.Run("put with condition", func(t *testing.T) {
		err := users.Put(ctx, &User{ID: "u1", Name: "X"}, model.If(model.Where("age").Gt(100)))
		if !errors.Is(err, model.ErrConditionFailed) {
			t.Errorf("Put(u1, If age > 100) = %v; want ErrConditionFailed", err)
		}
		err = users.Put(ctx, &User{ID: "u1", Name: "Ada", Age: 37}, model.If(model.Where("age").Eq(37)))
		if err != nil {
			t.Errorf("Put(u1, If age = 37) = %v", err)
		}
	})
	t.Run("invalid item sends nothing", func(t *testing.T) {
		err := users.Put(ctx, &User{ID: "u2", Role: "owner", Age: 200})
		var ve *validate.Error
		if !errors.As(err, &ve) || len(ve.Fields) != 2 {
			t.Fatalf("Put(invalid) = %v; want a *validate.Error with 2 fields", err)
		}
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(users.TableName()), Key: map[string]types.AttributeValue{"id": avS("u2")}, ConsistentRead: aws.Bool(true)})
		if err != nil || out.Item != nil {
			t.Errorf("GetItem(u2) = %v, %v; want nothing written", out.Item, err)
		}
	})
	t.Run("bad key", func(t *testing.T) {
		_, err := users.Get(ctx, model.Key{Hash: ""})
		var ve *validate.Error
		if !errors.As(err, &ve) {
			t.Errorf("Get(empty key) = %v; want a *validate.Error", err)
		}
	})
	t.Run("delete", func(t *testing.T) {
		err := users.Delete(ctx, model.Key{Hash: "u1"}, model.If(model.Where("name").Eq("nobody")))
		if !errors.Is(err, model.ErrConditionFailed) {
			t.Errorf("Delete(u1, If false) = %v; want ErrConditionFailed", err)
		}
		var old User
		if err := users.Delete(ctx, model.Key{Hash: "u1"}, model.ReturnOld(&old)); err != nil || old.Name != "Ada" {
			t.Errorf("Delete(u1, ReturnOld) = %v, old %+v; want nil and Ada", err, old)
		}
		if err := users.Delete(ctx, model.Key{Hash: "u1"}); err != nil {
			t.Errorf("Delete(u1) again = %v; want nil (idempotent)", err)
		}
		if _, err := users.Get(ctx, model.Key{Hash: "u1"}, model.Consistent()); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("Get(u1) after Delete = %v; want ErrNotFound", err)
		}
	})
}
