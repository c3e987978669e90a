package model_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

// The examples run against the test server: TestMain starts a dynalite for the test binary (or
// uses the server $DYNAMODB_ENDPOINT names, as `make test` sets it), and deletes the examples'
// tables at the end. The package's unit tests use no server.
func TestMain(m *testing.M) {
	dynamotest.MainFunc(func() int {
		client = dynamotest.Client()
		code := m.Run()
		if err := dynamotest.DeleteTables(client, prefix); err != nil {
			fmt.Fprintln(os.Stderr, "model examples:", err)
			code = max(code, 1)
		}
		return code
	})
}

var (
	// client is the examples' DynamoDB client; a program makes its own with
	// dynamodb.NewFromConfig.
	client *dynamodb.Client
	// prefix begins the name of every table of the examples, unique to the run ("t1a2b3c4d_ex_");
	// a program would name its environment ("dev_").
	prefix = dynamotest.RunID() + "_ex_"
)

// syncer is what emptyTable needs of a model.
type syncer interface {
	TableName() string
	Definition() schema.Definition
}

// emptyTable creates the table of models (which share it), or empties it if an earlier example
// made it, so that each example starts from nothing.
func emptyTable(models ...syncer) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	specs := make([]tablesync.Spec, len(models))
	for i, m := range models {
		specs[i] = tablesync.FromSchema(m.TableName(), m.Definition())
	}
	if _, err := tablesync.Sync(ctx, client, tablesync.CreateOnly, specs...); err != nil {
		log.Fatal(err)
	}
	table := aws.String(models[0].TableName())
	d, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: table})
	if err != nil {
		log.Fatal(err)
	}
	pages := dynamodb.NewScanPaginator(client, &dynamodb.ScanInput{TableName: table})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			log.Fatal(err)
		}
		for _, item := range page.Items {
			key := make(map[string]types.AttributeValue)
			for _, k := range d.Table.KeySchema {
				key[*k.AttributeName] = item[*k.AttributeName]
			}
			if _, err := client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: table, Key: key}); err != nil {
				log.Fatal(err)
			}
		}
	}
}

// putOrders empties the orders table, then writes c1's orders 1 to 4 and vip#ada's order 1,
// placed an hour apart, the first the newest.
func putOrders(orders *model.Model[Order]) {
	emptyTable(orders)
	now := time.Now()
	for i, o := range []Order{
		{Customer: "c1", ID: 1, Status: "new", Total: 12.5},
		{Customer: "c1", ID: 2, Status: "paid", Total: 150},
		{Customer: "c1", ID: 3, Status: "paid", Total: 40},
		{Customer: "c1", ID: 4, Status: "sent", Total: 300},
		{Customer: "vip#ada", ID: 1, Status: "paid", Total: 20},
	} {
		o.Placed = now.Add(-time.Duration(i) * time.Hour)
		if err := orders.Put(context.Background(), &o); err != nil {
			log.Fatal(err)
		}
	}
}
