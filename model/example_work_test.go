package model_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/dynamodel/dynamodel/model"
)

// OrderRepository is a repository: its methods call the model and know nothing of
// transactions.
type OrderRepository struct{ orders *model.Model[Order] }

func (r OrderRepository) MarkPaid(ctx context.Context, customer string, id int) error {
	_, err := r.orders.Update(model.Key{Hash: customer, Range: id}).Set("status", "paid").
		If(model.Where("status").Eq("new")).Return(model.ReturnNone).Exec(model.WithLabel(ctx, "mark paid"))
	return err
}

func (r OrderRepository) Add(ctx context.Context, o *Order) error { return r.orders.Create(ctx, o) }

// RunInTransaction needs a server with transactions, which the test server (dynalite) lacks,
// so this example is compiled but not run; odm_test runs units of work where the server has
// transactions.
func ExampleRunInTransaction() {
	ctx := context.Background()
	orders, err := model.New[Order](client, "orders", orderSchema, model.WithTablePrefix(prefix))
	if err != nil {
		log.Fatal(err)
	}
	repo := OrderRepository{orders}
	// Both calls are recorded, then committed as one TransactWriteItems when the function
	// returns nil; the token makes running the same unit again safe.
	err = model.RunInTransaction(ctx, func(ctx context.Context) error {
		if err := repo.MarkPaid(ctx, "c1", 1); err != nil {
			return err
		}
		return repo.Add(ctx, &Order{Customer: "c1", ID: 2, Status: "new"})
	}, model.CommitToken("checkout-c1-1"))
	var failed *model.ActionError
	if errors.As(err, &failed) {
		// failed.Label == "mark paid", failed.Source is the repository's file:line.
		fmt.Printf("%s at %s: %s\n", failed.Label, failed.Source, failed.Code)
	}
}
