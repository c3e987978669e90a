package dynamodel_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type User struct {
	ID    string `dynamo:"id"`
	Email string `dynamo:"email" validate:"email"`
	Role  string `dynamo:"role"`
}

var users = schema.Must(schema.For[User](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("email", schema.Trim(), schema.Lowercase(), schema.Index(schema.IndexName("EmailIndex"))),
	schema.Attr("role", schema.Default("member"), schema.Enum("member", "admin")),
	schema.Timestamps(),
))

// Open a client with a table prefix, bind a model to it, and see a write refused before any
// request is sent: no server answers at the endpoint, and none is needed. The README's quick
// start (examples/quickstart) runs the whole flow against a server: sync, create, query.
func Example() {
	ctx := context.Background()
	client, err := dynamodel.Open(ctx, dynamodel.WithEndpoint("http://127.0.0.1:1"), dynamodel.WithTablePrefix("dev_"))
	if err != nil {
		log.Fatal(err)
	}
	userModel, err := dynamodel.NewModel[User](client, "users", users)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("table:", userModel.TableName())

	err = userModel.Create(ctx, &User{ID: "u1", Email: "ada at example.com", Role: "root"})
	var invalid *validate.Error
	if errors.As(err, &invalid) {
		for _, f := range invalid.Fields {
			fmt.Println("refused:", f.Path, f.Rule)
		}
	}
	// Output:
	// table: dev_users
	// refused: email email
	// refused: role enum
}
