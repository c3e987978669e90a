package dynamodel_test

import (
	"context"
	"errors"
	"fmt"
	"log"

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

// The quick start of the README: open a client with a table prefix, bind a model, sync its
// table at startup, write a validated item and query it through the index the planner picks.
// It needs a server (DYNAMODB_ENDPOINT, or AWS credentials), so it is compiled, not run.
func Example() {
	ctx := context.Background()
	client, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix("dev_"))
	if err != nil {
		log.Fatal(err)
	}
	userModel, err := dynamodel.NewModel[User](client, "users", users) // table dev_users
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Sync(ctx, tablesync.Update, userModel); err != nil {
		log.Fatal(err)
	}
	err = userModel.Create(ctx, &User{ID: "u1", Email: " Ada@Example.com "})
	var invalid *validate.Error
	switch {
	case errors.As(err, &invalid):
		for _, f := range invalid.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	case errors.Is(err, model.ErrConditionFailed):
		fmt.Println("u1 exists already")
	case err != nil:
		log.Fatal(err)
	}
	for u, err := range userModel.Query(model.Where("email").Eq("ada@example.com")).All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.ID, u.Role)
	}
}
