package dynamodel_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
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

// Open a client, bind a model to a table, create the table, and write: a valid user is stored
// as the schema says (the email trimmed and lowercased, the role defaulted), and an invalid one
// is refused before any request is sent, with every problem and its attribute path.
func Example() {
	ctx := context.Background()
	// Open reads the endpoint of a local server from $DYNAMODB_ENDPOINT; unset, it uses AWS.
	client, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	userModel, err := dynamodel.NewModel[User](client, "users", users)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Sync(ctx, tablesync.CreateOnly, userModel); err != nil {
		log.Fatal(err)
	}

	if err := userModel.Put(ctx, &User{ID: "u1", Email: "  Ada@Example.COM "}); err != nil {
		log.Fatal(err)
	}
	u, err := userModel.Get(ctx, model.Key{Hash: "u1"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stored: %s %q %s\n", u.ID, u.Email, u.Role)

	err = userModel.Create(ctx, &User{ID: "u2", Email: "ada at example.com", Role: "root"})
	var invalid *validate.Error
	if errors.As(err, &invalid) {
		for _, f := range invalid.Fields {
			fmt.Println("refused:", f.Path, f.Rule)
		}
	}
	// Output:
	// stored: u1 "ada@example.com" member
	// refused: email email
	// refused: role enum
}

// Sync takes no options: for a timeout or progress reports (or destructive steps), plan and
// apply the models' tables with tablesync, whose functions take them. Sync in Verify mode then
// finds nothing left to do.
func ExampleClient_Sync() {
	ctx := context.Background()
	client, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	accounts, err := dynamodel.NewModel[User](client, "accounts", users)
	if err != nil {
		log.Fatal(err)
	}

	plan, err := tablesync.Plan(ctx, client.DynamoDB(), dynamodel.Definitions(accounts)...)
	if err != nil {
		log.Fatal(err)
	}
	_, err = tablesync.Apply(ctx, client.DynamoDB(), plan,
		tablesync.WithTimeout(10*time.Minute),
		tablesync.WithProgress(func(s tablesync.Step) { fmt.Println("applying:", s.Action) }))
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.Sync(ctx, tablesync.Verify, accounts)
	fmt.Println("drift:", err)
	// Output:
	// applying: create table
	// drift: <nil>
}
