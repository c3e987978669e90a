package main

import (
	"context"
	"fmt"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// The entities, each in its own table.

type User struct {
	ID        string `dynamo:"id"`
	Name      string `dynamo:"name"`
	Orders    int    `dynamo:"orders,omitempty"`
	LastOrder string `dynamo:"lastOrder,omitempty"`
}

type Wallet struct {
	UserID  string `dynamo:"userId"`
	Balance int    `dynamo:"balance"` // in cents
}

type Order struct {
	ID     string `dynamo:"id"`
	UserID string `dynamo:"userId"`
	Total  int    `dynamo:"total"`
	Status string `dynamo:"status"`
}

var (
	userSchema   = schema.Must(schema.For[User](schema.Attr("id", schema.HashKey()), schema.Attr("name", schema.Required()), schema.OnDemand()))
	walletSchema = schema.Must(schema.For[Wallet](schema.Attr("userId", schema.HashKey()), schema.OnDemand()))
	orderSchema  = schema.Must(schema.For[Order](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("status", schema.Default("placed"), schema.Enum("placed", "paid", "shipped")),
		schema.OnDemand(),
	))
)

// The repositories: their methods call the model, and know nothing of transactions. Called
// inside model.RunInTransaction, their writes join its transaction; called outside, they
// are sent at once.

type UserRepository struct{ users *model.Model[User] }

func (r UserRepository) Put(ctx context.Context, u *User) error { return r.users.Put(ctx, u) }

func (r UserRepository) Get(ctx context.Context, id string) (User, error) {
	return r.users.Get(ctx, model.Key{Hash: id}, model.Consistent())
}

// RecordOrder counts an order of the user, who must exist.
func (r UserRepository) RecordOrder(ctx context.Context, id, orderID string) error {
	_, err := r.users.Update(model.Key{Hash: id}).Increment("orders", 1).Set("lastOrder", orderID).
		MustExist().Return(model.ReturnNone).Exec(model.WithLabel(ctx, "record order"))
	return err
}

type WalletRepository struct{ wallets *model.Model[Wallet] }

func (r WalletRepository) Put(ctx context.Context, w *Wallet) error { return r.wallets.Put(ctx, w) }

func (r WalletRepository) Get(ctx context.Context, userID string) (Wallet, error) {
	return r.wallets.Get(ctx, model.Key{Hash: userID}, model.Consistent())
}

// Debit takes amount from the wallet, unless that would make its balance negative.
func (r WalletRepository) Debit(ctx context.Context, userID string, amount int) error {
	_, err := r.wallets.Update(model.Key{Hash: userID}).Decrement("balance", amount).
		If(model.Where("balance").Ge(amount)).Return(model.ReturnNone).Exec(model.WithLabel(ctx, "debit wallet"))
	return err
}

type OrderRepository struct{ orders *model.Model[Order] }

// Create stores a new order; an order with its ID must not exist.
func (r OrderRepository) Create(ctx context.Context, o *Order) error { return r.orders.Create(ctx, o) }

// ShopService places orders: each of its methods is one unit of work.
type ShopService struct {
	Users   UserRepository
	Wallets WalletRepository
	Orders  OrderRepository
}

// PlaceOrder pays o from the user's wallet, stores it and counts it on the user, all or
// nothing. The order's ID is the transaction's token: placing the same order again within
// ten minutes (a client's retry after a timeout) is not applied twice.
func (s ShopService) PlaceOrder(ctx context.Context, o Order) error {
	return model.RunInTransaction(ctx, func(ctx context.Context) error {
		return s.placeOrder(ctx, o)
	}, model.CommitToken(o.ID))
}

func (s ShopService) placeOrder(ctx context.Context, o Order) error {
	ctx = model.WithLabel(ctx, "order "+o.ID) // the repositories add theirs: "order o-1/debit wallet"
	if err := s.Wallets.Debit(ctx, o.UserID, o.Total); err != nil {
		return err
	}
	o.Status = "paid"
	if err := s.Orders.Create(ctx, &o); err != nil {
		return err
	}
	return s.Users.RecordOrder(ctx, o.UserID, o.ID)
}

// PlaceOrders places several orders in one unit of work. It has a bug that the unit of work
// finds before sending anything: for two orders of one user it debits the same wallet twice,
// and a transaction may hold one action per item.
func (s ShopService) PlaceOrders(ctx context.Context, orders ...Order) error {
	return model.RunInTransaction(ctx, func(ctx context.Context) error {
		for _, o := range orders {
			if err := s.placeOrder(ctx, o); err != nil {
				return fmt.Errorf("order %s: %w", o.ID, err)
			}
		}
		return nil
	})
}
