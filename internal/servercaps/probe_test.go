package servercaps_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/internal/servercaps"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }

// refusing answers every optional operation with UnknownOperationException, as a server
// without them does, and passes the rest on to the real server.
type refusing struct{ servercaps.API }

var unknown = &smithy.GenericAPIError{Code: "UnknownOperationException"}

func (refusing) TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	return nil, unknown
}
func (refusing) UpdateTimeToLive(context.Context, *dynamodb.UpdateTimeToLiveInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
	return nil, unknown
}
func (refusing) TagResource(context.Context, *dynamodb.TagResourceInput, ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error) {
	return nil, unknown
}
func (refusing) UpdateTable(context.Context, *dynamodb.UpdateTableInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "ValidationException", Message: "ProvisionedThroughput must not be null"}
}

// unreachable loses the connection on TransactWriteItems.
type unreachable struct{ servercaps.API }

func (unreachable) TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	return nil, errors.New("connection reset by peer")
}

// probeTables lists the probe tables that exist and are not being deleted.
func probeTables(t *testing.T, db *dynamodb.Client) []string {
	t.Helper()
	out, err := db.ListTables(t.Context(), &dynamodb.ListTablesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range out.TableNames {
		if !strings.HasPrefix(n, servercaps.ProbePrefix) {
			continue
		}
		d, err := db.DescribeTable(t.Context(), &dynamodb.DescribeTableInput{TableName: &n})
		if err == nil && d.Table.TableStatus != types.TableStatusDeleting {
			names = append(names, n)
		}
	}
	return names
}

func TestProbe(t *testing.T) {
	db := dynamotest.Client()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()

	t.Run("answers as the tests' probes", func(t *testing.T) {
		got, err := servercaps.Probe(ctx, db)
		if err != nil {
			t.Fatalf("Probe() = %v", err)
		}
		t.Logf("%s:\n%s", dynamotest.Kind(), got)
		want, err := dynamotest.Capabilities()
		if err != nil {
			t.Fatalf("dynamotest.Capabilities() = %v", err)
		}
		if got.String() != want.String() {
			t.Errorf("Probe() =\n%s; the tests' probes found\n%s", got, want)
		}
		for _, c := range servercaps.All {
			if got.Why(c) == "" || got.Why(c) == "not probed" {
				t.Errorf("Probe().Why(%s) = %q; want the server's answer", c, got.Why(c))
			}
		}
	})
	t.Run("a server that refuses", func(t *testing.T) {
		got, err := servercaps.Probe(ctx, refusing{db})
		if err != nil {
			t.Fatalf("Probe(refusing) = %v", err)
		}
		want := map[servercaps.Capability]string{
			servercaps.Transactions: "TransactWriteItems answered UnknownOperationException",
			servercaps.TTL:          "UpdateTimeToLive answered UnknownOperationException",
			servercaps.Tagging:      "TagResource answered UnknownOperationException",
			servercaps.IndexUpdates: "UpdateTable answered ValidationException: ProvisionedThroughput must not be null",
		}
		for c, why := range want {
			if got.Has(c) || got.Why(c) != why {
				t.Errorf("Probe(refusing): %s = %v, %q; want false, %q", c, got.Has(c), got.Why(c), why)
			}
		}
	})
	t.Run("only the capabilities asked for", func(t *testing.T) {
		got, err := servercaps.Probe(ctx, db, servercaps.Transactions)
		if err != nil {
			t.Fatalf("Probe(Transactions) = %v", err)
		}
		// the table's creation answers Streams and TableClass too
		want, err := dynamotest.Capabilities(servercaps.Streams, servercaps.TableClass, servercaps.Transactions)
		if err != nil {
			t.Fatalf("dynamotest.Capabilities() = %v", err)
		}
		if got.String() != want.String() || len(got) != len(want) {
			t.Errorf("Probe(Transactions) =\n%s; want\n%s", got, want)
		}
	})
	t.Run("a lost connection ends the probe", func(t *testing.T) {
		got, err := servercaps.Probe(ctx, unreachable{db})
		if err == nil || !strings.Contains(err.Error(), "connection reset by peer") || got != nil {
			t.Errorf("Probe(unreachable) = %v, %v; want nil and the connection error", got, err)
		}
	})
	if left := probeTables(t, db); len(left) > 0 {
		t.Errorf("tables left behind by Probe: %v", left)
	}
}
