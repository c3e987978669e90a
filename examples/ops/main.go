// Command ops is a program's own operations command, as a team would keep it in
// cmd/ops/main.go: dynamodelcli with the program's models. It plans, applies and verifies
// their tables straight from the schemas, exports them for infrastructure as code, and reads
// and writes items through the models, validated as the program writes them:
//
//	TABLE_PREFIX=dev_ go run ./examples/ops plan
//	TABLE_PREFIX=dev_ go run ./examples/ops apply
//	TABLE_PREFIX=dev_ go run ./examples/ops put -model users -item '{"id":"u1","email":" Ada@Example.com ","roles":["admin"]}'
//	TABLE_PREFIX=dev_ go run ./examples/ops query -model users -where '{"email":"ada@example.com"}' -explain
//
// It reads the endpoint from $DYNAMODB_ENDPOINT (`make demo` and `make test` start a local
// server and set it); with no endpoint it uses the AWS default chain.
package main

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/dynamodelcli"
	"github.com/dynamodel/dynamodel/schema"
)

// ops:begin
type User struct {
	ID     string    `dynamo:"id"`
	Email  string    `dynamo:"email" validate:"email"`
	Roles  []string  `dynamo:"roles,set"`
	Avatar []byte    `dynamo:"avatar,omitempty"`
	Born   time.Time `dynamo:"born,omitempty"`

	CreatedAt time.Time `dynamo:"createdAt"`
	UpdatedAt time.Time `dynamo:"updatedAt"`
}

var userSchema = schema.Must(schema.For[User](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("email", schema.Required(), schema.Trim(), schema.Lowercase(),
		schema.Index(schema.IndexName("byEmail"))),
	schema.Timestamps(),
	schema.OnDemand(),
))

type Order struct {
	Customer string    `dynamo:"customer"`
	ID       string    `dynamo:"id"`
	Total    float64   `dynamo:"total"`
	Placed   time.Time `dynamo:"placed,iso"`
}

var orderSchema = schema.Must(schema.For[Order](
	schema.Attr("customer", schema.HashKey()),
	schema.Attr("id", schema.RangeKey()),
	schema.Attr("total", schema.Required()),
	schema.OnDemand(),
))

// models returns the program's models on c, for the command line.
func models(c *dynamodel.Client) ([]dynamodelcli.Model, error) {
	users, err := dynamodel.NewModel[User](c, "users", userSchema)
	if err != nil {
		return nil, err
	}
	orders, err := dynamodel.NewModel[Order](c, "orders", orderSchema)
	if err != nil {
		return nil, err
	}
	return []dynamodelcli.Model{dynamodelcli.Of(users), dynamodelcli.Of(orders)}, nil
}

func main() {
	// The program's client decides the environment: its prefix is in every table name, once.
	c, err := dynamodel.Open(context.Background(), dynamodel.WithTablePrefix(os.Getenv("TABLE_PREFIX")))
	if err != nil {
		log.Fatal(err)
	}
	ms, err := models(c)
	if err != nil {
		log.Fatal(err)
	}
	dynamodelcli.Main(c, ms...)
}

// ops:end
