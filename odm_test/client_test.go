package odm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

func open(t *testing.T, opts ...dynamodel.Option) *dynamodel.Client {
	t.Helper()
	c, err := dynamodel.Open(context.Background(), opts...)
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	return c
}

// TestClientRoundTrip proves the harness and the client dynamodel opens: it creates a table,
// puts, gets, queries and deletes an item, and deletes the table, all through the SDK client.
func TestClientRoundTrip(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := open(t, dynamodel.WithTablePrefix(dynamotest.RunID()+"_"), dynamodel.WithTableSuffix("_dev"))
	db := c.DynamoDB()
	table := c.TableName("orders")
	if want := dynamotest.RunID() + "_orders_dev"; table != want {
		t.Fatalf("TableName(orders) = %q; want %q", table, want)
	}

	_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
		},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatalf("CreateTable(%s) = %v", table, err)
	}
	deleted := false
	t.Cleanup(func() {
		if !deleted {
			db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(table)})
		}
	})
	waiter := dynamodb.NewTableExistsWaiter(db)
	if err := waiter.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)}, 30*time.Second); err != nil {
		t.Fatalf("wait for %s: %v", table, err)
	}

	item := map[string]types.AttributeValue{
		"pk":    &types.AttributeValueMemberS{Value: "customer#1"},
		"sk":    &types.AttributeValueMemberN{Value: "1"},
		"total": &types.AttributeValueMemberN{Value: "42.5"},
	}
	if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item}); err != nil {
		t.Fatalf("PutItem = %v", err)
	}
	key := map[string]types.AttributeValue{"pk": item["pk"], "sk": item["sk"]}
	got, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatalf("GetItem = %v", err)
	}
	avOpts := cmpopts.IgnoreUnexported(types.AttributeValueMemberS{}, types.AttributeValueMemberN{})
	if diff := cmp.Diff(item, got.Item, avOpts); diff != "" {
		t.Errorf("GetItem mismatch (-put +got):\n%s", diff)
	}
	q, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String(table),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": "pk"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": item["pk"]},
	})
	if err != nil {
		t.Fatalf("Query = %v", err)
	}
	if q.Count != 1 || len(q.Items) != 1 {
		t.Fatalf("Query count = %d, items = %d; want 1, 1", q.Count, len(q.Items))
	}
	if _, err := db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(table), Key: key}); err != nil {
		t.Fatalf("DeleteItem = %v", err)
	}
	got, err = db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: key, ConsistentRead: aws.Bool(true)})
	if err != nil || got.Item != nil {
		t.Fatalf("GetItem after delete = %v, %v; want no item", got.Item, err)
	}
	if _, err := db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)}); err != nil {
		t.Fatalf("DeleteTable = %v", err)
	}
	deleted = true
}

type syncedNote struct {
	Owner string `dynamo:"owner"`
	ID    string `dynamo:"id"`
	Tag   string `dynamo:"tag"`
}

// TestNewModelAndSync covers the front door: a model bound through the client's prefix and
// suffix, its table created by Client.Sync, written and read back, and verified with no drift.
func TestNewModelAndSync(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := open(t, dynamodel.WithTablePrefix(dynamotest.RunID()+"_"), dynamodel.WithTableSuffix("_sync"))
	s := schema.Must(schema.For[syncedNote](
		schema.Attr("owner", schema.HashKey()),
		schema.Attr("id", schema.RangeKey()),
		schema.Attr("tag", schema.Index(schema.IndexName("ByTag"))),
		schema.OnDemand(),
	))
	notes, err := dynamodel.NewModel[syncedNote](c, "notes", s)
	if err != nil {
		t.Fatalf("NewModel() = %v", err)
	}
	if want := dynamotest.RunID() + "_notes_sync"; notes.TableName() != want {
		t.Fatalf("Table() = %q; want %q", notes.TableName(), want)
	}
	t.Cleanup(func() {
		c.DynamoDB().DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(notes.TableName())})
	})

	if _, err := c.Sync(ctx, tablesync.Verify, notes); !errors.As(err, new(*tablesync.DriftError)) {
		t.Fatalf("Sync(Verify) before the table exists = %v; want a *tablesync.DriftError", err)
	}
	res, err := c.Sync(ctx, tablesync.CreateOnly, notes)
	if err != nil {
		t.Fatalf("Sync(CreateOnly) = %v", err)
	}
	if len(res.Applied) != 1 {
		t.Errorf("Sync(CreateOnly) applied %d steps; want 1 (create table)", len(res.Applied))
	}
	desc, err := c.DynamoDB().DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(notes.TableName())})
	if err != nil {
		t.Fatalf("DescribeTable = %v", err)
	}
	if n := len(desc.Table.GlobalSecondaryIndexes); n != 1 || *desc.Table.GlobalSecondaryIndexes[0].IndexName != "ByTag" {
		t.Errorf("GSIs = %d; want ByTag only", n)
	}

	in := syncedNote{Owner: "o1", ID: "n1", Tag: "red"}
	if err := notes.Put(ctx, &in); err != nil {
		t.Fatalf("Put = %v", err)
	}
	got, err := notes.Get(ctx, model.Key{Hash: "o1", Range: "n1"}, model.Consistent())
	if err != nil || got != in {
		t.Fatalf("Get = %+v, %v; want %+v", got, err, in)
	}
	if res, err := c.Sync(ctx, tablesync.Verify, notes); err != nil || !res.Changes.Empty() {
		t.Errorf("Sync(Verify) after create = %v, %v; want no drift", res, err)
	}
	if _, err := c.Sync(ctx, tablesync.Update); err == nil {
		t.Errorf("Sync() with no models = nil; want an error")
	}
}
