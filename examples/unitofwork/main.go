// Command unitofwork is seed 004's repository-with-transaction pattern in Dynamodel:
// repositories whose methods call the model and know nothing of transactions, and a service
// whose methods run several repository calls as one unit of work (model.RunInTransaction),
// committed as one TransactWriteItems — all of it happens, or none.
//
// It reads the endpoint from $DYNAMODB_ENDPOINT, as examples/quickstart does (`make test`
// starts a local server and sets it); with no endpoint it uses the AWS default chain. Every
// TransactWriteItems is printed before it is sent, by a wrapper of the client (as tracing
// would wrap it). A server without transactions, such as dynalite (the project's test
// server), answers UnknownOperationException: the program then says that the printed
// request was not applied, skips the step that needs a cancelled transaction, and still shows
// what a unit of work refuses before sending anything.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/tablesync"
)

func run(ctx context.Context, w io.Writer, prefix string) error {
	client, err := dynamodel.Open(ctx) // DYNAMODB_ENDPOINT honoured
	if err != nil {
		return err
	}
	db := printingDB{DB: client.DynamoDB(), w: w}
	users, err := model.New[User](db, "users", userSchema, model.WithTablePrefix(prefix))
	if err != nil {
		return err
	}
	wallets, err := model.New[Wallet](db, "wallets", walletSchema, model.WithTablePrefix(prefix))
	if err != nil {
		return err
	}
	orders, err := model.New[Order](db, "orders", orderSchema, model.WithTablePrefix(prefix))
	if err != nil {
		return err
	}
	if _, err := client.Sync(ctx, tablesync.Update, users, wallets, orders); err != nil {
		return err
	}
	shop := ShopService{UserRepository{users}, WalletRepository{wallets}, OrderRepository{orders}}

	// Outside a unit of work, repository calls are sent at once.
	if err := shop.Users.Put(ctx, &User{ID: "u1", Name: "Ada"}); err != nil {
		return err
	}
	if err := shop.Wallets.Put(ctx, &Wallet{UserID: "u1", Balance: 5000}); err != nil {
		return err
	}
	state := func() error {
		u, err := shop.Users.Get(ctx, "u1")
		if err != nil {
			return err
		}
		wl, err := shop.Wallets.Get(ctx, "u1")
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %s has %d orders (last %q) and %d cents\n", u.Name, u.Orders, u.LastOrder, wl.Balance)
		return nil
	}
	fmt.Fprintln(w, "start:")
	if err := state(); err != nil {
		return err
	}

	fmt.Fprintln(w, "place order o-1 (3000 cents): debit, create, count, in one transaction")
	err = shop.PlaceOrder(ctx, Order{ID: "o-1", UserID: "u1", Total: 3000})
	transactions := !lacksTransactions(err)
	switch {
	case !transactions:
		fmt.Fprintln(w, "  not applied: this server has no transactions (TransactWriteItems answered UnknownOperationException)")
	case err != nil:
		return err
	default:
		fmt.Fprintln(w, "  committed")
	}
	if err := state(); err != nil {
		return err
	}

	fmt.Fprintln(w, "place order o-2 (9000 cents), more than the wallet holds")
	if !transactions {
		fmt.Fprintln(w, "  skipped: DynamoDB would cancel it, and this server has no transactions")
	} else {
		err := shop.PlaceOrder(ctx, Order{ID: "o-2", UserID: "u1", Total: 9000})
		var te *model.TransactionError
		if !errors.As(err, &te) {
			return fmt.Errorf("PlaceOrder(o-2) = %v; want a cancelled transaction", err)
		}
		for _, a := range te.Actions {
			fmt.Fprintf(w, "  cancelled: %q (%s %s at %s): %s\n", a.Label, a.Op, strings.TrimPrefix(a.Table, prefix), a.Source, a.Code)
		}
		if err := state(); err != nil {
			return err
		}
	}

	fmt.Fprintln(w, "place orders o-3 and o-4 of u1 in one unit of work")
	err = shop.PlaceOrders(ctx, Order{ID: "o-3", UserID: "u1", Total: 100}, Order{ID: "o-4", UserID: "u1", Total: 200})
	var ie *model.InputError
	if !errors.As(err, &ie) {
		return fmt.Errorf("PlaceOrders = %v; want the refusal of a second debit of one wallet", err)
	}
	fmt.Fprintf(w, "  refused before sending: %s\n", strings.ReplaceAll(err.Error(), prefix, ""))
	return state()
}

// lacksTransactions reports whether err is a server's answer that it does not know
// TransactWriteItems.
func lacksTransactions(err error) bool {
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == "UnknownOperationException"
}

// printingDB prints each TransactWriteItems request, with its placeholders filled in, before
// sending it.
type printingDB struct {
	model.DB
	w io.Writer
}

func (d printingDB) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	token := "made by the SDK"
	if in.ClientRequestToken != nil {
		token = strconv.Quote(*in.ClientRequestToken)
	}
	fmt.Fprintf(d.w, "  TransactWriteItems, token %s:\n", token)
	for _, it := range in.TransactItems {
		fmt.Fprintf(d.w, "    %s\n", describe(it))
	}
	return d.DB.TransactWriteItems(ctx, in, opts...)
}

// describe writes one action of a transaction on one line.
func describe(it types.TransactWriteItem) string {
	fill := func(names map[string]string, values map[string]types.AttributeValue, exprs ...*string) []string {
		var pairs [][2]string
		for k, v := range names {
			pairs = append(pairs, [2]string{k, v})
		}
		for k, v := range values {
			pairs = append(pairs, [2]string{k, value(v)})
		}
		// Longest placeholders first, so that #n1 does not replace the start of #n10.
		slices.SortFunc(pairs, func(a, b [2]string) int { return cmp.Compare(len(b[0]), len(a[0])) })
		var oldnew []string
		for _, p := range pairs {
			oldnew = append(oldnew, p[0], p[1])
		}
		r := strings.NewReplacer(oldnew...)
		out := make([]string, len(exprs))
		for i, e := range exprs {
			out[i] = r.Replace(aws.ToString(e))
		}
		return out
	}
	cond := func(c string) string {
		if c == "" {
			return ""
		}
		return " if " + c
	}
	switch {
	case it.Put != nil:
		p := it.Put
		e := fill(p.ExpressionAttributeNames, p.ExpressionAttributeValues, p.ConditionExpression)
		return fmt.Sprintf("Put %s %s%s", aws.ToString(p.TableName), value(&types.AttributeValueMemberM{Value: p.Item}), cond(e[0]))
	case it.Update != nil:
		u := it.Update
		e := fill(u.ExpressionAttributeNames, u.ExpressionAttributeValues, u.UpdateExpression, u.ConditionExpression)
		return fmt.Sprintf("Update %s %s: %s%s", aws.ToString(u.TableName), value(&types.AttributeValueMemberM{Value: u.Key}), e[0], cond(e[1]))
	case it.Delete != nil:
		d := it.Delete
		e := fill(d.ExpressionAttributeNames, d.ExpressionAttributeValues, d.ConditionExpression)
		return fmt.Sprintf("Delete %s %s%s", aws.ToString(d.TableName), value(&types.AttributeValueMemberM{Value: d.Key}), cond(e[0]))
	case it.ConditionCheck != nil:
		c := it.ConditionCheck
		e := fill(c.ExpressionAttributeNames, c.ExpressionAttributeValues, c.ConditionExpression)
		return fmt.Sprintf("Check %s %s%s", aws.ToString(c.TableName), value(&types.AttributeValueMemberM{Value: c.Key}), cond(e[0]))
	}
	return "?"
}

// value writes an attribute value as a literal: "text", 12, true, {a: 1}, [1, 2].
func value(av types.AttributeValue) string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return strconv.Quote(v.Value)
	case *types.AttributeValueMemberN:
		return v.Value
	case *types.AttributeValueMemberBOOL:
		return strconv.FormatBool(v.Value)
	case *types.AttributeValueMemberNULL:
		return "null"
	case *types.AttributeValueMemberM:
		parts := make([]string, 0, len(v.Value))
		for _, k := range slices.Sorted(maps.Keys(v.Value)) {
			parts = append(parts, k+": "+value(v.Value[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *types.AttributeValueMemberL:
		parts := make([]string, len(v.Value))
		for i, e := range v.Value {
			parts[i] = value(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *types.AttributeValueMemberSS:
		return fmt.Sprintf("<<%s>>", strings.Join(v.Value, ", "))
	case *types.AttributeValueMemberNS:
		return fmt.Sprintf("<<%s>>", strings.Join(v.Value, ", "))
	}
	return fmt.Sprintf("%T", av)
}

func main() {
	if err := run(context.Background(), os.Stdout, "dev_"); err != nil {
		log.Fatal(err)
	}
}
