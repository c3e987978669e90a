package model_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type Order struct {
	Customer string    `dynamo:"customer"`
	ID       int       `dynamo:"id"`
	Status   string    `dynamo:"status"`
	Total    float64   `dynamo:"total"`
	Placed   time.Time `dynamo:"placed"`
}

var orderSchema = schema.Must(schema.For[Order](
	schema.Attr("customer", schema.HashKey()),
	schema.Attr("id", schema.RangeKey()),
	schema.Attr("status", schema.Enum("new", "paid", "sent"), schema.Index(schema.IndexName("byStatus"), schema.IndexRangeKey("placed"))),
	schema.Timestamps(),
))

// The examples need a DynamoDB server, so they are compiled but not run; odm_test runs the
// same flows against the local server.
var client *dynamodb.Client

func Example() {
	ctx := context.Background()
	orders, err := model.New[Order](client, "orders", orderSchema, model.WithTablePrefix("dev_"))
	if err != nil {
		log.Fatal(err)
	}
	o := Order{Customer: "c1", ID: 1, Status: "new", Total: 12.5, Placed: time.Now()}
	if err := orders.Create(ctx, &o); errors.Is(err, model.ErrConditionFailed) {
		fmt.Println("order 1 exists already")
	} else if err != nil {
		log.Fatal(err)
	}
	got, err := orders.Get(ctx, model.Key{Hash: "c1", Range: 1}, model.Consistent())
	if errors.Is(err, model.ErrNotFound) {
		fmt.Println("no order")
		return
	}
	fmt.Println(got.Status, got.Total)
}

func ExampleModel_Query() {
	ctx := context.Background()
	orders, _ := model.New[Order](client, "orders", orderSchema)
	since := time.Now().AddDate(0, -1, 0)
	// status = "paid" fits the byStatus index and placed is its range key; total is filtered.
	q := orders.Query(model.Where("status").Eq("paid").
		And(model.Where("placed").Ge(since)).
		And(model.Or(model.Where("total").Gt(100), model.Where("customer").BeginsWith("vip#")))).
		Descending()
	why, _ := q.Explain()
	fmt.Println(why)
	for o, err := range q.All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(o.Customer, o.ID)
	}
}

func ExampleUpdate() {
	ctx := context.Background()
	orders, _ := model.New[Order](client, "orders", orderSchema)
	paid, err := orders.Update(model.Key{Hash: "c1", Range: 1}).
		Set("status", "paid").
		Increment("total", 2.5).
		If(model.Where("status").Eq("new")).
		MustExist().
		Exec(ctx)
	if errors.Is(err, model.ErrConditionFailed) {
		fmt.Println("not a new order")
		return
	}
	fmt.Println(paid.Status, paid.Total)
}

func ExampleTransactWrite() {
	ctx := context.Background()
	orders, _ := model.New[Order](client, "orders", orderSchema)
	err := model.TransactWrite(ctx,
		orders.Update(model.Key{Hash: "c1", Range: 1}).Set("status", "sent").If(model.Where("status").Eq("paid")).Tx(),
		orders.TxCreate(&Order{Customer: "c1", ID: 2, Status: "new"}),
	)
	var failed *model.ActionError
	if errors.As(err, &failed) {
		fmt.Printf("action %d (%s) failed: %s\n", failed.Index, failed.Op, failed.Code)
	}
}

func ExampleQuery_Page() {
	ctx := context.Background()
	orders, _ := model.New[Order](client, "orders", orderSchema, model.WithCursorKey([]byte("a secret of the service")))
	// The cursor a client sends back, "" for the first page.
	cursor := ""
	page, err := orders.Query(model.Where("customer").Eq("c1")).Limit(20).Page(ctx, cursor)
	if errors.Is(err, model.ErrBadCursor) {
		fmt.Println("forged or foreign cursor")
		return
	}
	fmt.Println(len(page.Items), page.Cursor != "")
}

type Customer struct {
	PK   string `dynamo:"pk"`
	SK   string `dynamo:"sk"`
	Name string `dynamo:"name"`
}

type Purchase struct {
	PK    string  `dynamo:"pk"`
	SK    string  `dynamo:"sk"`
	Total float64 `dynamo:"total"`
}

// Several models in one table (single-table design): each has an entity type, so that it
// reads and writes only its own items, and a Table reads them all together.
func ExampleNewTable() {
	ctx := context.Background()
	keys := []schema.Option{schema.Attr("pk", schema.HashKey()), schema.Attr("sk", schema.RangeKey())}
	customers, err := model.New[Customer](client, "app", schema.Must(schema.For[Customer](keys...)), model.WithEntity("type", "customer"))
	if err != nil {
		log.Fatal(err)
	}
	purchases, err := model.New[Purchase](client, "app", schema.Must(schema.For[Purchase](keys...)), model.WithEntity("type", "purchase"))
	if err != nil {
		log.Fatal(err)
	}
	// A customer and its purchases share the partition key.
	_ = customers.Put(ctx, &Customer{PK: "CUSTOMER#c1", SK: "PROFILE", Name: "Ada"})
	_ = purchases.Put(ctx, &Purchase{PK: "CUSTOMER#c1", SK: "PURCHASE#1", Total: 12.5})

	app, err := model.NewTable(customers, purchases)
	if err != nil {
		log.Fatal(err)
	}
	for item, err := range app.Query(model.Where("pk").Eq("CUSTOMER#c1")).All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		switch v := item.(type) {
		case *Customer:
			fmt.Println("customer", v.Name)
		case *Purchase:
			fmt.Println("purchase", v.Total)
		case *model.UnknownItem:
			fmt.Println("an item of entity", v.Entity, "that no model claims")
		}
	}
}

// A dry run builds the request an operation would send, after the whole pipeline, and sends
// nothing: it needs no server.
func ExampleModel_CreateRequest() {
	ctx := context.Background()
	orders, err := model.New[Order](client, "orders", orderSchema, model.WithTablePrefix("dev_"))
	if err != nil {
		log.Fatal(err)
	}
	in, err := orders.CreateRequest(ctx, &Order{Customer: "c1", ID: 1, Status: "new"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*in.TableName, *in.ConditionExpression, in.ExpressionAttributeNames)
	_, err = orders.CreateRequest(ctx, &Order{Customer: "c1", ID: 2, Status: "lost"})
	fmt.Println(err)
	// Output:
	// dev_orders attribute_not_exists(#n0) map[#n0:customer]
	// validate: status: enum: want one of ["new" "paid" "sent"] (value "lost")
}
