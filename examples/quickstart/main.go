// Command quickstart is the README's quick start as a program: it defines a model, syncs its
// table, creates a user and finds it again through a global secondary index.
//
// It reads the endpoint from $DYNAMODB_ENDPOINT (`make demo` and `make test` start a local
// server and set it); with no endpoint it uses the AWS default chain.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

// quickstart:begin
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
	schema.OnDemand(),
))

func run(ctx context.Context, w io.Writer, prefix string) error {
	client, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix)) // DYNAMODB_ENDPOINT honoured
	if err != nil {
		return err
	}
	userModel, err := dynamodel.NewModel[User](client, "users", users) // table prefix + "users"
	if err != nil {
		return err
	}
	if _, err := client.Sync(ctx, tablesync.Update, userModel); err != nil { // create or extend, never delete
		return err
	}
	if err := userModel.Create(ctx, &User{ID: "u1", Email: " Ada@Example.com "}); err != nil { // validated, then written
		return err
	}
	for u, err := range userModel.Query(model.Where("email").Eq("ada@example.com")).All(ctx) { // through EmailIndex
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "found %s <%s>, role %s\n", u.ID, u.Email, u.Role)
	}
	return nil
}

// quickstart:end

func main() {
	if err := run(context.Background(), os.Stdout, "dev_"); err != nil {
		log.Fatal(err)
	}
}
