package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }

// TestUnitOfWorkRuns runs the example against the test server: the committed path where the
// server has transactions, the request printed and reported as not applied where it has
// none, and the refusal before sending on every server.
func TestUnitOfWorkRuns(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	prefix := dynamotest.RunID() + "_unitofwork_"
	t.Cleanup(func() {
		if err := dynamotest.DeleteTables(dynamotest.Client(), prefix); err != nil {
			t.Error(err)
		}
	})
	var out bytes.Buffer
	if err := run(ctx, &out, prefix); err != nil {
		t.Fatalf("run = %v; want nil\n%s", err, out.String())
	}
	got := strings.ReplaceAll(out.String(), prefix, "")
	// The line numbers of shop.go are left out: they move when it is edited.
	got = regexp.MustCompile(`shop\.go:\d+`).ReplaceAllString(got, "shop.go:N")
	want := []string{
		"start:\n  Ada has 0 orders (last \"\") and 5000 cents\n",
		"place order o-1 (3000 cents): debit, create, count, in one transaction\n" +
			"  TransactWriteItems, token \"o-1\":\n" +
			"    Update wallets {userId: \"u1\"}: ADD balance -3000 if balance >= 3000\n" +
			"    Put orders {id: \"o-1\", status: \"paid\", total: 3000, userId: \"u1\"} if attribute_not_exists(id)\n" +
			"    Update users {id: \"u1\"}: SET lastOrder = \"o-1\" ADD orders 1 if attribute_exists(id)\n",
		"place orders o-3 and o-4 of u1 in one unit of work\n" +
			"  refused before sending: order o-4: model: update: unit of work: " +
			"update wallets \"order o-3/debit wallet\" at shop.go:N and update wallets \"order o-4/debit wallet\" at shop.go:N " +
			"are on the same item (userId=\"u1\"); DynamoDB allows one action per item in a transaction\n",
	}
	if dynamotest.Supports(dynamotest.Transactions) {
		want = append(want,
			"  committed\n  Ada has 1 orders (last \"o-1\") and 2000 cents\n",
			"  cancelled: \"order o-2/debit wallet\" (update wallets at shop.go:N): ConditionalCheckFailed\n  Ada has 1 orders (last \"o-1\") and 2000 cents\n",
			"  Ada has 1 orders (last \"o-1\") and 2000 cents\n",
		)
	} else {
		want = append(want,
			"  not applied: this server has no transactions (TransactWriteItems answered UnknownOperationException)\n  Ada has 0 orders (last \"\") and 5000 cents\n",
			"  skipped: DynamoDB would cancel it, and this server has no transactions\n",
		)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("run printed:\n%s\nwant it to hold:\n%s", got, w)
		}
	}
}
