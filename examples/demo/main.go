// Command demo runs Dynamodel's whole flow against the DynamoDB endpoint in
// $DYNAMODB_ENDPOINT (`make demo` starts a local one) and prints what happened at each step:
// define models, sync their tables, write, see validation refuse bad items, query through an
// index chosen and explained by the planner, update, and run a transaction. It first asks the
// server whether it has transactions (package servercaps); without them, the transaction step
// says so and is skipped.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/internal/servercaps"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
	"github.com/dynamodel/dynamodel/validate"
)

// Customer is stored in the table "customers", with two global indexes as in the seed
// articles: one on email, one on phone.
type Customer struct {
	ID        string    `dynamo:"id"`
	Email     string    `dynamo:"email" validate:"email"`
	Phone     string    `dynamo:"phone,omitempty"`
	Name      string    `dynamo:"name"`
	Tier      string    `dynamo:"tier"`
	Visits    int       `dynamo:"visits"`
	CreatedAt time.Time `dynamo:"createdAt"`
	UpdatedAt time.Time `dynamo:"updatedAt"`
}

// Order is stored in the table "orders": hash key customer, range key id.
type Order struct {
	Customer string    `dynamo:"customer"`
	ID       string    `dynamo:"id"`
	Total    float64   `dynamo:"total"`
	Status   string    `dynamo:"status"`
	Placed   time.Time `dynamo:"placed"`
}

var (
	customerSchema = schema.Must(schema.For[Customer](
		schema.Attr("id", schema.HashKey(), schema.Validate(validate.Regexp(regexp.MustCompile(`^c-[0-9]+$`)))),
		schema.Attr("email", schema.Trim(), schema.Lowercase(), schema.Required(),
			schema.Index(schema.IndexName("EmailIndex"))),
		schema.Attr("phone", schema.Index(schema.IndexName("PhoneNumberIndex"), schema.KeysOnly())),
		schema.Attr("name", schema.Trim(), schema.Required()),
		schema.Attr("tier", schema.Default("free"), schema.Enum("free", "pro")),
		schema.Timestamps(),
		schema.OnDemand(),
	))
	orderSchema = schema.Must(schema.For[Order](
		schema.Attr("customer", schema.HashKey()),
		schema.Attr("id", schema.RangeKey()),
		schema.Attr("status", schema.Default("open"), schema.Enum("open", "paid", "shipped")),
		schema.Attr("placed", schema.DefaultFunc(time.Now)),
		schema.OnDemand(),
	))
)

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func step(format string, args ...any) { fmt.Printf("\n==> "+format+"\n", args...) }
func say(format string, args ...any)  { fmt.Printf("    "+format+"\n", args...) }

func run(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	client, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix("demo_"))
	if err != nil {
		return err
	}
	endpoint := "the AWS default endpoint"
	if ep := client.DynamoDB().Options().BaseEndpoint; ep != nil {
		endpoint = *ep
	}
	step("connected to %s, table prefix %q", endpoint, client.TablePrefix())

	step("ask the server whether it has transactions, which the last step needs (on a probe table)")
	caps, err := servercaps.Probe(ctx, client.DynamoDB(), servercaps.Transactions)
	if err != nil {
		return err
	}
	say("transactions: %t (%s)", caps.Has(servercaps.Transactions), caps.Why(servercaps.Transactions))

	customers, err := dynamodel.NewModel[Customer](client, "customers", customerSchema)
	if err != nil {
		return err
	}
	orders, err := dynamodel.NewModel[Order](client, "orders", orderSchema)
	if err != nil {
		return err
	}
	defer dropTables(client, customers.TableName(), orders.TableName())

	step("plan the tables the two models need")
	plan, err := tablesync.Plan(ctx, client.DynamoDB(), dynamodel.Definitions(customers, orders)...)
	if err != nil {
		return err
	}
	fmt.Print(indent(plan.String()))

	step("sync (mode update): create what is missing, wait until ACTIVE")
	res, err := client.Sync(ctx, tablesync.Update, customers, orders)
	if err != nil {
		return err
	}
	say("applied %d step(s), skipped %d", len(res.Applied), len(res.Skipped))
	res, err = client.Sync(ctx, tablesync.Verify, customers, orders)
	if err != nil {
		return err
	}
	say("verify right after: no drift (plan empty: %v)", res.Changes.Empty())

	step("create customers (defaults, trim, lowercase, timestamps run before writing)")
	ada := Customer{ID: "c-1", Email: "  Ada@Example.COM ", Phone: "+44 20 7946 0000", Name: "Ada Lovelace"}
	if err := customers.Create(ctx, &ada, model.ReturnStored(&ada)); err != nil {
		return err
	}
	say("stored: id=%s email=%q tier=%s createdAt=%s", ada.ID, ada.Email, ada.Tier, ada.CreatedAt.Format(time.RFC3339))
	grace := Customer{ID: "c-2", Email: "grace@example.com", Name: "Grace Hopper", Tier: "pro"}
	if err := customers.Create(ctx, &grace); err != nil {
		return err
	}
	say("stored: id=%s email=%q tier=%s", grace.ID, grace.Email, grace.Tier)

	step("create the same customer again: refused by the condition, nothing overwritten")
	err = customers.Create(ctx, &Customer{ID: "c-1", Email: "x@example.com", Name: "Impostor"})
	say("errors.Is(err, model.ErrConditionFailed) = %v", errors.Is(err, model.ErrConditionFailed))

	step("a bad item is refused before any request, every problem with its path")
	bad := Customer{ID: "42", Email: "not-an-email", Tier: "gold"}
	err = customers.Put(ctx, &bad)
	var verr *validate.Error
	if !errors.As(err, &verr) {
		return fmt.Errorf("want a validation error, got %v", err)
	}
	for _, f := range verr.Fields {
		say("%s", f)
	}

	step("orders: put three, in a batch")
	placed := time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)
	batch := []*Order{
		{Customer: "c-1", ID: "o-1", Total: 12.5, Placed: placed},
		{Customer: "c-1", ID: "o-2", Total: 99.99, Status: "paid", Placed: placed.Add(24 * time.Hour)},
		{Customer: "c-2", ID: "o-3", Total: 7, Placed: placed.Add(48 * time.Hour)},
	}
	if err := orders.BatchPut(ctx, batch); err != nil {
		return err
	}
	say("wrote %d orders", len(batch))

	step("query by email: the planner picks the index and says why")
	q := customers.Query(model.Where("email").Eq("ada@example.com"))
	why, err := q.Explain()
	if err != nil {
		return err
	}
	say("%s", why)
	for c, err := range q.All(ctx) {
		if err != nil {
			return err
		}
		say("found %s (%s)", c.Name, c.ID)
	}

	step("query orders of c-1 placed after Nov 1, 12:00 (a time.Time in the condition)")
	q2 := orders.Query(model.And(model.Where("customer").Eq("c-1"), model.Where("placed").Gt(placed.Add(12*time.Hour))))
	for o, err := range q2.All(ctx) {
		if err != nil {
			return err
		}
		say("%s total=%.2f status=%s placed=%s", o.ID, o.Total, o.Status, o.Placed.UTC().Format(time.RFC3339))
	}

	step("update: an atomic counter and a validated SET (updatedAt maintained)")
	up, err := customers.Update(model.Key{Hash: "c-1"}).Increment("visits", 1).Set("tier", "pro").MustExist().Exec(ctx)
	if err != nil {
		return err
	}
	say("c-1 visits=%d tier=%s updatedAt>=createdAt: %v", up.Visits, up.Tier, !up.UpdatedAt.Before(up.CreatedAt))
	_, err = customers.Update(model.Key{Hash: "c-1"}).Set("tier", "platinum").Exec(ctx)
	say("SET tier=platinum refused: %v", err)

	step("a transaction across both tables: pay o-1 only if c-1 is pro")
	if !caps.Has(servercaps.Transactions) {
		say("skipped: the server lacks %s (%s)", servercaps.Transactions, caps.Why(servercaps.Transactions))
		step("done: drop the demo tables")
		return nil
	}
	err = model.TransactWrite(ctx,
		customers.TxCheck(model.Key{Hash: "c-1"}, model.Where("tier").Eq("pro")),
		orders.Update(model.Key{Hash: "c-1", Range: "o-1"}).Set("status", "paid").Tx(),
	)
	if err != nil {
		return err
	}
	paid, err := orders.Get(ctx, model.Key{Hash: "c-1", Range: "o-1"}, model.Consistent())
	if err != nil {
		return err
	}
	say("o-1 status=%s", paid.Status)

	step("done: drop the demo tables")
	return nil
}

func dropTables(client *dynamodel.Client, tables ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, t := range tables {
		if _, err := client.DynamoDB().DeleteTable(ctx, deleteInput(t)); err != nil {
			fmt.Fprintf(os.Stderr, "demo: delete table %s: %v\n", t, err)
		} else {
			say("deleted table %s", t)
		}
	}
}

func indent(s string) string {
	out := []byte("    ")
	for i := 0; i < len(s); i++ {
		out = append(out, s[i])
		if s[i] == '\n' && i+1 < len(s) {
			out = append(out, "    "...)
		}
	}
	return string(out)
}
