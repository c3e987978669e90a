// Command demo runs Dynamodel's whole flow against the DynamoDB endpoint in
// $DYNAMODB_ENDPOINT (make demo starts a local one) and prints what happened at each step.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel"
)

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func step(format string, args ...any) { fmt.Printf("==> "+format+"\n", args...) }

func run(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	c, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix("demo_"))
	if err != nil {
		return err
	}
	db := c.DynamoDB()
	endpoint := "the AWS default endpoint"
	if ep := db.Options().BaseEndpoint; ep != nil {
		endpoint = *ep
	}
	step("connected to %s (region %s), table prefix %q", endpoint, db.Options().Region, c.TablePrefix())

	table := c.TableName("customers")
	_, err = db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema:   []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		return fmt.Errorf("create table %s: %w", table, err)
	}
	defer db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(table)})
	step("created table %s (hash key id: S, on-demand)", table)

	item := map[string]types.AttributeValue{
		"id":    &types.AttributeValueMemberS{Value: "c-1"},
		"email": &types.AttributeValueMemberS{Value: "ada@example.com"},
	}
	if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item}); err != nil {
		return fmt.Errorf("put: %w", err)
	}
	step("put item id=c-1 email=ada@example.com")

	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String(table),
		Key:            map[string]types.AttributeValue{"id": item["id"]},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	step("got item: email=%s", out.Item["email"].(*types.AttributeValueMemberS).Value)

	if _, err := db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)}); err != nil {
		return fmt.Errorf("delete table: %w", err)
	}
	step("deleted table %s", table)
	return nil
}
