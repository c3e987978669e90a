package odm_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/internal/expr"
)

func avS(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func avN(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }

func path(t *testing.T, s string) attr.Path {
	t.Helper()
	p, err := attr.ParsePath(s)
	if err != nil {
		t.Fatalf("ParsePath(%q) = %v", s, err)
	}
	return p
}

// createKeyTable creates a table with the key pk (S) and, when sk is true, sk (N), and
// waits until it is active.
func createKeyTable(t *testing.T, ctx context.Context, db *dynamodb.Client, base string, sk bool) string {
	t.Helper()
	table := dynamotest.TableName(t, db, base)
	in := &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	}
	if sk {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN})
		in.KeySchema = append(in.KeySchema, types.KeySchemaElement{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange})
	}
	if _, err := db.CreateTable(ctx, in); err != nil {
		t.Fatalf("CreateTable(%s) = %v", table, err)
	}
	w := dynamodb.NewTableExistsWaiter(db)
	if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)}, 30*time.Second); err != nil {
		t.Fatalf("wait for %s: %v", table, err)
	}
	return table
}

// TestExpressionsOnServer sends the expressions internal/expr builds to the server: each
// condition as a scan filter, with the items it must select, an update, and a key condition.
// It proves that the server parses them as the unit tests expect (precedence of NOT, AND
// and OR, nested paths, functions).
func TestExpressionsOnServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db := open(t).DynamoDB()
	table := createKeyTable(t, ctx, db, "expr", true)

	items := []map[string]types.AttributeValue{
		{
			"pk": avS("a"), "sk": avN("1"), "n": avN("1"), "name": avS("Ann"),
			"tags":    &types.AttributeValueMemberSS{Value: []string{"red", "blue"}},
			"address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"city": avS("Oslo")}},
			"items": &types.AttributeValueMemberL{Value: []types.AttributeValue{
				&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"qty": avN("1")}},
				&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"qty": avN("5")}},
			}},
		},
		{
			"pk": avS("b"), "sk": avN("1"), "n": avN("5"), "name": avS("Bob"), "limit": avN("4"),
			"address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"city": avS("Bergen")}},
		},
		{"pk": avS("c"), "sk": avN("1"), "n": avN("10"), "limit": avN("20")},
	}
	for _, it := range items {
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: it}); err != nil {
			t.Fatalf("PutItem = %v", err)
		}
	}

	filters := []struct {
		name string
		cond expr.Cond
		want []string
	}{
		{"nested map", expr.Equal(path(t, "address.city"), avS("Oslo")), []string{"a"}},
		{"list element", expr.Compare(expr.Path(path(t, "items[1].qty")), expr.GT, expr.Value(avN("3"))), []string{"a"}},
		{"not of a comparison", expr.Not(expr.Equal(path(t, "n"), avN("1"))), []string{"b", "c"}},
		{"double not", expr.Not(expr.Not(expr.Equal(path(t, "n"), avN("1")))), []string{"a"}},
		{"not exists", expr.Not(expr.Exists(path(t, "name"))), []string{"c"}},
		{"or inside and", expr.And(expr.Exists(path(t, "name")), expr.Or(expr.Equal(path(t, "n"), avN("1")), expr.Equal(path(t, "n"), avN("10")))), []string{"a"}},
		{"and inside or", expr.Or(expr.And(expr.Exists(path(t, "name")), expr.Equal(path(t, "n"), avN("5"))), expr.Equal(path(t, "n"), avN("10"))), []string{"b", "c"}},
		{"not of an or", expr.Not(expr.Or(expr.Equal(path(t, "n"), avN("1")), expr.Equal(path(t, "n"), avN("5")))), []string{"c"}},
		{"between", expr.Between(expr.Path(path(t, "n")), expr.Value(avN("2")), expr.Value(avN("10"))), []string{"b", "c"}},
		{"in", expr.In(expr.Path(path(t, "pk")), expr.Value(avS("a")), expr.Value(avS("c"))), []string{"a", "c"}},
		{"begins_with", expr.BeginsWith(path(t, "name"), avS("B")), []string{"b"}},
		{"contains in a set", expr.Contains(path(t, "tags"), expr.Value(avS("red"))), []string{"a"}},
		{"size", expr.Compare(expr.Size(path(t, "tags")), expr.GE, expr.Value(avN("2"))), []string{"a"}},
		{"attribute_type", expr.IsType(path(t, "address"), attr.M), []string{"a", "b"}},
		{"two attributes compared", expr.Compare(expr.Path(path(t, "n")), expr.LT, expr.Path(path(t, "limit"))), []string{"c"}},
		{"reserved words as names", expr.And(expr.Exists(path(t, "name")), expr.Compare(expr.Path(path(t, "limit")), expr.GT, expr.Value(avN("0")))), []string{"b"}},
	}
	for _, tt := range filters {
		t.Run("filter/"+tt.name, func(t *testing.T) {
			var b expr.Builder
			filter, err := b.Condition(tt.cond)
			if err != nil {
				t.Fatalf("Condition(%s) = %v", tt.name, err)
			}
			out, err := db.Scan(ctx, &dynamodb.ScanInput{
				TableName: aws.String(table), FilterExpression: aws.String(filter),
				ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(), ConsistentRead: aws.Bool(true),
			})
			if err != nil {
				t.Fatalf("Scan(%s) = %v", filter, err)
			}
			var got []string
			for _, it := range out.Items {
				got = append(got, it["pk"].(*types.AttributeValueMemberS).Value)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Scan(%s) = %v; want %v", filter, got, tt.want)
			}
		})
	}

	t.Run("update", func(t *testing.T) {
		u := expr.Update{}.
			Set(path(t, "name"), expr.Value(avS("Anna"))).
			Set(path(t, "n"), expr.Plus(expr.Path(path(t, "n")), expr.Value(avN("2")))).
			Set(path(t, "address.zip"), expr.Value(avS("0150"))).
			Set(path(t, "log"), expr.ListAppend(expr.IfNotExists(path(t, "log"), expr.Value(&types.AttributeValueMemberL{})), expr.Value(&types.AttributeValueMemberL{Value: []types.AttributeValue{avS("x")}}))).
			Set(path(t, "hits"), expr.Plus(expr.IfNotExists(path(t, "hits"), expr.Value(avN("10"))), expr.Value(avN("1")))).
			Remove(path(t, "items[0]")).
			Add(path(t, "visits"), avN("3")).
			Delete(path(t, "tags"), &types.AttributeValueMemberSS{Value: []string{"blue"}})
		var b expr.Builder
		update, err := b.Update(u)
		if err != nil {
			t.Fatalf("Update = %v", err)
		}
		cond, err := b.Condition(expr.Exists(path(t, "pk")))
		if err != nil {
			t.Fatalf("Condition = %v", err)
		}
		out, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName: aws.String(table), Key: map[string]types.AttributeValue{"pk": avS("a"), "sk": avN("1")},
			UpdateExpression: aws.String(update), ConditionExpression: aws.String(cond),
			ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(), ReturnValues: types.ReturnValueAllNew,
		})
		if err != nil {
			t.Fatalf("UpdateItem(%s) = %v", update, err)
		}
		want := map[string]types.AttributeValue{
			"pk": avS("a"), "sk": avN("1"), "n": avN("3"), "name": avS("Anna"), "hits": avN("11"), "visits": avN("3"),
			"tags":    &types.AttributeValueMemberSS{Value: []string{"red"}},
			"address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"city": avS("Oslo"), "zip": avS("0150")}},
			"items": &types.AttributeValueMemberL{Value: []types.AttributeValue{
				&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"qty": avN("5")}},
			}},
			"log": &types.AttributeValueMemberL{Value: []types.AttributeValue{avS("x")}},
		}
		if diff := cmp.Diff(out.Attributes, want, avCmp); diff != "" {
			t.Errorf("UpdateItem(%s) mismatch (-got +want):\n%s", update, diff)
		}
	})

	t.Run("key condition", func(t *testing.T) {
		var b expr.Builder
		key, err := b.KeyCondition(expr.Equal(path(t, "pk"), avS("b")), expr.Between(expr.Path(path(t, "sk")), expr.Value(avN("0")), expr.Value(avN("2"))))
		if err != nil {
			t.Fatalf("KeyCondition = %v", err)
		}
		proj, err := b.Projection(path(t, "pk"), path(t, "address.city"))
		if err != nil {
			t.Fatalf("Projection = %v", err)
		}
		out, err := db.Query(ctx, &dynamodb.QueryInput{
			TableName: aws.String(table), KeyConditionExpression: aws.String(key), ProjectionExpression: aws.String(proj),
			ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
		})
		if err != nil {
			t.Fatalf("Query(%s) = %v", key, err)
		}
		want := []map[string]types.AttributeValue{{
			"pk":      avS("b"),
			"address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"city": avS("Bergen")}},
		}}
		if diff := cmp.Diff(out.Items, want, avCmp); diff != "" {
			t.Errorf("Query(%s) mismatch (-got +want):\n%s", key, diff)
		}
	})
}
