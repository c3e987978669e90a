package servercaps

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// multiKeys creates a second table, the probe table's name and "_mk", with a global index
// keyed on two partition attributes (S and N) and two sort attributes (S and N), in the
// request shape DynamoDB documents (KeySchema lists the HASH elements, then the RANGE ones,
// each in key order), reads the key schema back, writes an item and queries the index for
// it with each key attribute in the key condition; then it deletes the table.
func (p *prober) multiKeys(ctx context.Context) (err error) {
	name := aws.String(aws.ToString(p.table) + "_mk")
	def := func(n string, t types.ScalarAttributeType) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(n), AttributeType: t}
	}
	elem := func(n string, t types.KeyType) types.KeySchemaElement {
		return types.KeySchemaElement{AttributeName: aws.String(n), KeyType: t}
	}
	want := []types.KeySchemaElement{
		elem("a", types.KeyTypeHash), elem("b", types.KeyTypeHash), elem("c", types.KeyTypeRange), elem("d", types.KeyTypeRange),
	}
	_, err = p.db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: name,
		AttributeDefinitions: []types.AttributeDefinition{def(pk, types.ScalarAttributeTypeS), def("a", types.ScalarAttributeTypeS),
			def("b", types.ScalarAttributeTypeN), def("c", types.ScalarAttributeTypeS), def("d", types.ScalarAttributeTypeN)},
		KeySchema:   []types.KeySchemaElement{elem(pk, types.KeyTypeHash)},
		BillingMode: types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: aws.String("byABCD"), KeySchema: want,
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}}},
	})
	if err != nil {
		p.no(MultiAttributeKeys, answered("CreateTable with a global index keyed on two partition and two sort attributes", err))
		return p.fatal("CreateTable", err)
	}
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
		defer cancel()
		if _, werr := p.waitTable(dctx, name); werr != nil {
			err = errors.Join(err, werr)
			return
		}
		if _, derr := p.db.DeleteTable(dctx, &dynamodb.DeleteTableInput{TableName: name}); derr != nil {
			err = errors.Join(err, fmt.Errorf("servercaps: DeleteTable %s: %w", aws.ToString(name), derr))
		}
	}()
	d, err := p.waitTable(ctx, name)
	if err != nil {
		return err
	}
	var got []types.KeySchemaElement
	for _, g := range d.GlobalSecondaryIndexes {
		if aws.ToString(g.IndexName) == "byABCD" {
			got = g.KeySchema
		}
	}
	if !sameKeys(got, want) {
		p.no(MultiAttributeKeys, fmt.Sprintf("CreateTable accepted the index, but DescribeTable reports its key schema as %s", keysString(got)))
		return nil
	}
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	if _, err := p.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: name, Item: map[string]types.AttributeValue{
		pk: s("x"), "a": s("A"), "b": n("1"), "c": s("C"), "d": n("2")}}); err != nil {
		return fmt.Errorf("servercaps: PutItem %s: %w", aws.ToString(name), err)
	}
	out, err := p.db.Query(ctx, &dynamodb.QueryInput{TableName: name, IndexName: aws.String("byABCD"),
		KeyConditionExpression:    aws.String("#a = :a AND #b = :b AND #c = :c AND #d > :d"),
		ExpressionAttributeNames:  map[string]string{"#a": "a", "#b": "b", "#c": "c", "#d": "d"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":a": s("A"), ":b": n("1"), ":c": s("C"), ":d": n("1")}})
	switch {
	case err != nil:
		p.no(MultiAttributeKeys, answered("Query of a multi-attribute index key", err))
		return p.fatal("Query", err)
	case len(out.Items) != 1:
		p.no(MultiAttributeKeys, fmt.Sprintf("Query of the multi-attribute index key returned %d items; want the 1 written", len(out.Items)))
		return nil
	}
	p.yes(MultiAttributeKeys, "CreateTable, DescribeTable and Query of a global index keyed on two partition and two sort attributes succeeded")
	return nil
}

func sameKeys(a, b []types.KeySchemaElement) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if aws.ToString(a[i].AttributeName) != aws.ToString(b[i].AttributeName) || a[i].KeyType != b[i].KeyType {
			return false
		}
	}
	return true
}

func keysString(k []types.KeySchemaElement) string {
	s := "["
	for i, e := range k {
		if i > 0 {
			s += " "
		}
		s += aws.ToString(e.AttributeName) + " " + string(e.KeyType)
	}
	return s + "]"
}
