package servercaps_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/internal/servercaps"
)

// multiKeyServer answers for the probe's second table (named "…_mk") as a server with
// multi-attribute keys does, reporting the index's key schema as keep of the elements
// CreateTable gave; every other request goes to the real server.
type multiKeyServer struct {
	servercaps.API
	keep    int
	created []types.KeySchemaElement
	deleted bool
}

func mk(name *string) bool { return strings.HasSuffix(aws.ToString(name), "_mk") }

func (s *multiKeyServer) CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, o ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	if !mk(in.TableName) {
		return s.API.CreateTable(ctx, in, o...)
	}
	s.created = in.GlobalSecondaryIndexes[0].KeySchema
	return &dynamodb.CreateTableOutput{TableDescription: &types.TableDescription{TableName: in.TableName}}, nil
}

func (s *multiKeyServer) DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	if !mk(in.TableName) {
		return s.API.DescribeTable(ctx, in, o...)
	}
	return &dynamodb.DescribeTableOutput{Table: &types.TableDescription{TableName: in.TableName, TableStatus: types.TableStatusActive,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndexDescription{{IndexName: aws.String("byABCD"),
			IndexStatus: types.IndexStatusActive, KeySchema: s.created[:s.keep]}}}}, nil
}

func (s *multiKeyServer) PutItem(ctx context.Context, in *dynamodb.PutItemInput, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	if !mk(in.TableName) {
		return s.API.PutItem(ctx, in, o...)
	}
	return &dynamodb.PutItemOutput{}, nil
}

func (s *multiKeyServer) Query(_ context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	return &dynamodb.QueryOutput{Items: []map[string]types.AttributeValue{{}}}, nil
}

func (s *multiKeyServer) DeleteTable(ctx context.Context, in *dynamodb.DeleteTableInput, o ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error) {
	if !mk(in.TableName) {
		return s.API.DeleteTable(ctx, in, o...)
	}
	s.deleted = true
	return &dynamodb.DeleteTableOutput{}, nil
}

func TestProbeMultiAttributeKeys(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	tests := []struct {
		name    string
		keep    int
		want    bool
		wantWhy string
	}{
		{"key schema kept", 4, true, "CreateTable, DescribeTable and Query of a global index keyed on two partition and two sort attributes succeeded"},
		{"key schema cut short", 2, false, "CreateTable accepted the index, but DescribeTable reports its key schema as [a HASH b HASH]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &multiKeyServer{API: dynamotest.Client(), keep: tt.keep}
			got, err := servercaps.Probe(ctx, srv, servercaps.MultiAttributeKeys)
			if err != nil {
				t.Fatalf("Probe(MultiAttributeKeys) = %v", err)
			}
			if got.Has(servercaps.MultiAttributeKeys) != tt.want || got.Why(servercaps.MultiAttributeKeys) != tt.wantWhy {
				t.Errorf("Probe: %s = %v, %q; want %v, %q", servercaps.MultiAttributeKeys,
					got.Has(servercaps.MultiAttributeKeys), got.Why(servercaps.MultiAttributeKeys), tt.want, tt.wantWhy)
			}
			var elems []string
			for _, e := range srv.created {
				elems = append(elems, aws.ToString(e.AttributeName)+" "+string(e.KeyType))
			}
			if strings.Join(elems, ", ") != "a HASH, b HASH, c RANGE, d RANGE" || !srv.deleted {
				t.Errorf("CreateTable key schema %v, deleted %v; want HASH elements then RANGE ones, and the table deleted", elems, srv.deleted)
			}
		})
	}
}
