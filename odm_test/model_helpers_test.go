package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

var scalarTypes = map[attr.Type]types.ScalarAttributeType{
	attr.S: types.ScalarAttributeTypeS, attr.N: types.ScalarAttributeTypeN, attr.B: types.ScalarAttributeTypeB,
}

func keySchema(k index.KeySchema) []types.KeySchemaElement {
	ks := []types.KeySchemaElement{{AttributeName: aws.String(k.Hash.Name), KeyType: types.KeyTypeHash}}
	if k.HasRange() {
		ks = append(ks, types.KeySchemaElement{AttributeName: aws.String(k.Range.Name), KeyType: types.KeyTypeRange})
	}
	return ks
}

func projection(p index.Projection) *types.Projection {
	out := &types.Projection{ProjectionType: types.ProjectionType(p.Kind())}
	if p.Kind() == index.ProjectInclude {
		out.NonKeyAttributes = p.Attributes
	}
	return out
}

// createTableFor creates an on-demand table for s, with its indexes, named uniquely for the
// test (the stored name is returned; the model is given the name without the run prefix
// through WithTablePrefix), and waits until it is active.
func createTableFor(t *testing.T, ctx context.Context, db *dynamodb.Client, s *schema.Schema, base string) string {
	t.Helper()
	name := dynamotest.TableName(t, db, base)
	tbl := s.Table()
	in := &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		KeySchema:   keySchema(tbl.Keys),
		BillingMode: types.BillingModePayPerRequest,
	}
	for _, k := range tbl.Attributes() {
		in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{AttributeName: aws.String(k.Name), AttributeType: scalarTypes[k.Type]})
	}
	for _, ix := range tbl.Indexes {
		if ix.Global {
			in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
				IndexName: aws.String(ix.Name), KeySchema: keySchema(ix.Keys), Projection: projection(ix.Projection)})
		} else {
			in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{
				IndexName: aws.String(ix.Name), KeySchema: keySchema(ix.Keys), Projection: projection(ix.Projection)})
		}
	}
	if _, err := db.CreateTable(ctx, in); err != nil {
		t.Fatalf("CreateTable(%s) = %v", name, err)
	}
	w := dynamodb.NewTableExistsWaiter(db)
	if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, time.Minute); err != nil {
		t.Fatalf("wait for %s: %v", name, err)
	}
	return name
}

// newModel creates a table for s and returns the model of it, named base with the run's
// prefix, as a program would configure it.
func newModel[T any](t *testing.T, ctx context.Context, s *schema.Schema, base string, opts ...model.Option) (*model.Model[T], *dynamodb.Client) {
	t.Helper()
	db := open(t).DynamoDB()
	stored := createTableFor(t, ctx, db, s, base)
	prefix := stored[:len(stored)-len(base)-len(suffixOf(stored))]
	opts = append([]model.Option{model.WithTablePrefix(prefix), model.WithTableSuffix(suffixOf(stored))}, opts...)
	m, err := model.New[T](db, base, s, opts...)
	if err != nil {
		t.Fatalf("model.New(%s) = %v", base, err)
	}
	if m.Table() != stored {
		t.Fatalf("Table() = %q; want %q", m.Table(), stored)
	}
	return m, db
}

// suffixOf returns the "_N" counter dynamotest.TableName ends a name with.
func suffixOf(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '_' {
			return name[i:]
		}
	}
	return ""
}
