package schema_test

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type User struct {
	ID        string    `dynamo:"id"`
	Email     string    `dynamo:"email" validate:"required,email"`
	First     string    `dynamo:"first"`
	Last      string    `dynamo:"last"`
	Role      string    `dynamo:"role"`
	CreatedAt time.Time `dynamo:"createdAt"`
}

var now = time.Date(2026, 11, 21, 10, 30, 0, 0, time.UTC)

// show prints an item with its attributes in name order.
func show(item map[string]types.AttributeValue) {
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range item {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Printf("%s: %s\n", k, value(item[k]))
	}
}

// value writes an attribute value briefly.
func value(av types.AttributeValue) string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return fmt.Sprintf("S %q", v.Value)
	case *types.AttributeValueMemberN:
		return "N " + v.Value
	}
	return fmt.Sprintf("%T", av)
}

func Example() {
	users, err := schema.For[User](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("email", schema.Trim(), schema.Lowercase(), schema.Index(schema.IndexName("EmailIndex"))),
		schema.Attr("role", schema.Default("member"), schema.Enum("member", "admin")),
		schema.Attr("name", schema.Combine("#", "last", "first"), schema.Index(schema.IndexRangeKey("role"))),
		schema.Timestamps(),
		schema.Clock(func() time.Time { return now }),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	item, err := users.Create(&User{ID: "u1", Email: " Ada@Example.COM ", First: "Ada", Last: "Lovelace"})
	if err != nil {
		fmt.Println(err)
		return
	}
	show(item)
	for _, ix := range users.Layout().Indexes {
		fmt.Println("index", ix.Name, "on", ix.Keys)
	}
	// Output:
	// createdAt: N 1795257000000
	// email: S "ada@example.com"
	// first: S "Ada"
	// id: S "u1"
	// last: S "Lovelace"
	// name: S "Lovelace#Ada"
	// role: S "member"
	// updatedAt: N 1795257000000
	// index EmailIndex on email S
	// index nameGlobalIndex on name S, role S
}

func ExampleNew() {
	dogs := schema.Must(schema.New(
		schema.Attr("ownerId", schema.Type(attr.N), schema.HashKey()),
		schema.Attr("name", schema.Type(attr.S), schema.RangeKey()),
		schema.Attr("breed", schema.Type(attr.S), schema.Required(), schema.Enum("Golden retriever", "Beagle")),
		schema.Attr("awards", schema.List(schema.Map(
			schema.Attr("year", schema.Type(attr.N), schema.Required()),
			schema.Attr("name", schema.Type(attr.S)),
		))),
		schema.ErrorUnknown(),
	))
	_, err := dogs.Put(&map[string]any{
		"ownerId": 137,
		"name":    "Snuffles",
		"breed":   "Poodle",
		"awards":  []any{map[string]any{"name": "Best in show"}},
		"color":   "brown",
	})
	var ve *validate.Error
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// color unknown
	// awards[0].year required
	// breed enum
}

func ExampleSchema_Update() {
	users := schema.Must(schema.For[User](
		schema.Attr("email", schema.Lowercase()),
		schema.Attr("role", schema.Required()),
		schema.Timestamps(),
		schema.Clock(func() time.Time { return now }),
	))
	actions, err := users.Update([]schema.Change{
		{Op: schema.UpdateSet, Path: "Email", Value: "ADA@EXAMPLE.COM"},
	})
	fmt.Println(err)
	for _, a := range actions {
		if a.IfAbsent {
			fmt.Println(a.Op, a.Path, value(a.Value), "(if absent: an update that creates the item)")
		} else {
			fmt.Println(a.Op, a.Path, value(a.Value))
		}
	}
	_, err = users.Update([]schema.Change{
		{Op: schema.UpdateSet, Path: "id", Value: "u2"},
		{Op: schema.UpdateRemove, Path: "role"},
	})
	fmt.Println(err)
	// Output:
	// <nil>
	// SET email S "ada@example.com"
	// SET updatedAt N 1795257000000
	// SET createdAt N 1795257000000 (if absent: an update that creates the item)
	// validate: 2 invalid attributes: id: key: key attributes cannot be updated (value "u2"); role: required: a required attribute cannot be removed
}

type Session struct {
	Token   string    `dynamo:"token"`
	Expires time.Time `dynamo:"expires,seconds"`
}

func ExampleSchema_Read() {
	sessions := schema.Must(schema.For[Session](
		schema.Expires(time.Hour, schema.TTLAttribute("expires"), schema.HideExpired()),
		schema.Clock(func() time.Time { return now }),
	))
	item, _ := sessions.Put(&Session{Token: "t1"})
	var s Session
	fmt.Println(sessions.Read(item, &s), s.Expires.UTC())

	item["expires"] = &types.AttributeValueMemberN{Value: fmt.Sprint(now.Add(-time.Minute).Unix())}
	fmt.Println(errors.Is(sessions.Read(item, &s), schema.ErrExpired))
	// Output:
	// <nil> 2026-11-21 11:30:00 +0000 UTC
	// true
}

func ExampleFor_errors() {
	type Bad struct {
		ID    string `dynamo:"id"`
		Count int    `dynamo:"count"`
	}
	_, err := schema.For[Bad](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("count", schema.HashKey(), schema.Enum("one"), schema.Trim()),
	)
	fmt.Println(errors.Is(err, schema.ErrInvalid))
	var se *schema.Error
	if errors.As(err, &se) {
		for _, p := range se.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// true
	// attribute "count": enum value one (string) does not fit the attribute's type int
	// attribute "count": trim, lowercase and uppercase apply to strings and string sets, not int
	// two hash keys: "id" and "count"
}
