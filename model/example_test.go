package model_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

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

// Create writes an item only if none has its key; Get reads it back.
func Example() {
	ctx := context.Background()
	orders, err := model.New[Order](client, "orders", orderSchema, model.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	emptyTable(orders) // a program creates its tables with dynamodel's Client.Sync or tablesync

	o := Order{Customer: "c1", ID: 1, Status: "new", Total: 12.5, Placed: time.Now()}
	if err := orders.Create(ctx, &o); err != nil {
		log.Fatal(err)
	}
	err = orders.Create(ctx, &o)
	fmt.Println("created again:", err == nil, errors.Is(err, model.ErrConditionFailed))

	got, err := orders.Get(ctx, model.Key{Hash: "c1", Range: 1}, model.Consistent())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("read:", got.Customer, got.ID, got.Status, got.Total)

	_, err = orders.Get(ctx, model.Key{Hash: "c1", Range: 2})
	fmt.Println("order 2:", errors.Is(err, model.ErrNotFound))
	// Output:
	// created again: false true
	// read: c1 1 new 12.5
	// order 2: true
}

func ExampleModel_Query() {
	ctx := context.Background()
	orders, err := model.New[Order](client, "orders", orderSchema, model.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	putOrders(orders) // c1's orders 1 to 4, and vip#ada's order 1
	since := time.Now().AddDate(0, -1, 0)

	// status = "paid" fits the byStatus index and placed is its range key; total is filtered.
	q := orders.Query(model.Where("status").Eq("paid").
		And(model.Where("placed").Ge(since)).
		And(model.Or(model.Where("total").Gt(100), model.Where("customer").BeginsWith("vip#")))).
		Descending()
	why, err := q.Explain()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(why)
	for o, err := range q.All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(o.Customer, o.ID, o.Status, o.Total)
	}
	// Output:
	// uses GSI "byStatus": hash key "status" (=) and range key "placed" (range condition). Passed over: table: hash key "customer" is not compared with =. Filter: (total > 100) OR (begins_with(customer, "vip#")).
	// c1 2 paid 150
	// vip#ada 1 paid 20
}

func ExampleUpdate() {
	ctx := context.Background()
	orders, err := model.New[Order](client, "orders", orderSchema, model.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	putOrders(orders) // c1's order 1 is new, with a total of 12.5

	pay := orders.Update(model.Key{Hash: "c1", Range: 1}).
		Set("status", "paid").
		Increment("total", 2.5).
		If(model.Where("status").Eq("new")).
		MustExist()
	paid, err := pay.Exec(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(paid.Status, paid.Total)

	// The same update again: the order is no longer new.
	_, err = pay.Exec(ctx)
	fmt.Println("again:", errors.Is(err, model.ErrConditionFailed))
	// Output:
	// paid 15
	// again: true
}

// TransactWrite needs a server with transactions, which the test server (dynalite) lacks, so
// this example is compiled but not run; odm_test runs transactions where the server has them.
func ExampleTransactWrite() {
	ctx := context.Background()
	orders, err := model.New[Order](client, "orders", orderSchema, model.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	err = model.TransactWrite(ctx,
		orders.Update(model.Key{Hash: "c1", Range: 1}).Set("status", "sent").If(model.Where("status").Eq("paid")).Tx(),
		orders.TxCreate(&Order{Customer: "c1", ID: 2, Status: "new"}),
	)
	var failed *model.ActionError
	if errors.As(err, &failed) {
		fmt.Printf("action %d (%s) failed: %s\n", failed.Index, failed.Op, failed.Code)
	}
}

// A page for a client of the service, with an opaque cursor for the next one.
func ExampleQuery_Page() {
	ctx := context.Background()
	orders, err := model.New[Order](client, "orders", orderSchema, model.WithTablePrefix(prefix),
		model.WithCursorKey([]byte("a secret of the service")))
	if err != nil {
		log.Fatal(err)
	}
	putOrders(orders) // c1 has four orders

	q := orders.Query(model.Where("customer").Eq("c1")).Limit(3)
	cursor := "" // the cursor the client sent back; "" for the first page
	for {
		page, err := q.Page(ctx, cursor)
		if err != nil {
			log.Fatal(err)
		}
		for _, o := range page.Items {
			fmt.Print(o.ID, " ")
		}
		fmt.Printf("(next cursor: %t)\n", page.Cursor != "")
		if page.Cursor == "" {
			break
		}
		cursor = page.Cursor
	}

	_, err = q.Page(ctx, "forged")
	fmt.Println("forged cursor:", errors.Is(err, model.ErrBadCursor))
	// Output:
	// 1 2 3 (next cursor: true)
	// 4 (next cursor: false)
	// forged cursor: true
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
	customers, err := model.New[Customer](client, "app", schema.Must(schema.For[Customer](keys...)),
		model.WithEntity("type", "customer"), model.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	purchases, err := model.New[Purchase](client, "app", schema.Must(schema.For[Purchase](keys...)),
		model.WithEntity("type", "purchase"), model.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	emptyTable(customers, purchases)

	// A customer and its purchases share the partition key.
	if err := customers.Put(ctx, &Customer{PK: "CUSTOMER#c1", SK: "PROFILE", Name: "Ada"}); err != nil {
		log.Fatal(err)
	}
	for i, total := range []float64{12.5, 30} {
		p := &Purchase{PK: "CUSTOMER#c1", SK: fmt.Sprintf("PURCHASE#%d", i+1), Total: total}
		if err := purchases.Put(ctx, p); err != nil {
			log.Fatal(err)
		}
	}

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
	// Output:
	// customer Ada
	// purchase 12.5
	// purchase 30
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
