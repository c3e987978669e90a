package odm_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/schema"
)

type zeroPartTicket struct {
	Key   string `dynamo:"key"`
	Queue string `dynamo:"queue"`
	Seq   int    `dynamo:"seq"`
	ID    string `dynamo:"id"`
}

// TestKeyOfFindsItemWithStoredZeroPart checks, against the server, that the key KeyOf
// computes for an item whose combined key has a stored zero part (seq 0, joined as "0" by a
// put) and a source with a default finds the item a put stored: KeyOf left the zero out, and
// the GetItem by its key found nothing.
func TestKeyOfFindsItemWithStoredZeroPart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[zeroPartTicket](
		schema.Attr("key", schema.HashKey(), schema.Combine("#", "queue", "seq", "id")),
		schema.Attr("queue", schema.Default("main")),
	))
	tickets, db := newModel[zeroPartTicket](t, ctx, s, "tickets")
	item := zeroPartTicket{ID: "t1"}
	if err := tickets.Put(ctx, &item); err != nil {
		t.Fatalf("Put(%+v) = %v", item, err)
	}
	key, err := s.KeyOf(&item)
	if err != nil {
		t.Fatalf("KeyOf(%+v) = %v", item, err)
	}
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(tickets.TableName()), Key: key, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if got := storedS(out.Item["key"]); got != "main#0#t1" {
		t.Errorf("GetItem by KeyOf(%+v) = %q found key %q; want the stored item, main#0#t1", item, storedS(key["key"]), got)
	}
}
