package model

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/schema"
)

type session struct {
	ID     string `dynamo:"id"`
	Status string `dynamo:"status,omitempty"`
}

// TestUpdateOfExpiredItem drives an update under HideExpired through both answers a server
// may give to its failed condition: DynamoDB returns the stored item in the
// ConditionalCheckFailedException (ReturnValuesOnConditionCheckFailure), dynalite does not, so
// the model reads it. The local test server takes only the second path; this test takes both.
func TestUpdateOfExpiredItem(t *testing.T) {
	expiry := func(d int) types.AttributeValue {
		return &types.AttributeValueMemberN{Value: strconv.FormatInt(clockTime.Unix()+int64(d), 10)}
	}
	stored := func(ttl types.AttributeValue) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "s1"}, "status": &types.AttributeValueMemberS{Value: "old"}, "ttl": ttl}
	}
	tests := []struct {
		name     string
		returned map[string]types.AttributeValue // the item in the exception
		read     map[string]types.AttributeValue // what GetItem finds
		wantOps  string
		wantErr  bool
	}{
		{"expired, item returned", stored(expiry(-60)), nil, "[update delete update]", false},
		{"expired, item not returned", nil, stored(expiry(-60)), "[update get delete update]", false},
		{"live, item returned", stored(expiry(60)), nil, "[update]", true},
		{"live, item not returned", nil, stored(expiry(60)), "[update get]", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ops []string
			updates := 0
			r := &recorder{
				updateItem: func(in *dynamodb.UpdateItemInput) (*dynamodb.UpdateItemOutput, error) {
					ops = append(ops, "update")
					if in.ReturnValuesOnConditionCheckFailure != types.ReturnValuesOnConditionCheckFailureAllOld {
						t.Errorf("UpdateItem ReturnValuesOnConditionCheckFailure = %q; want ALL_OLD", in.ReturnValuesOnConditionCheckFailure)
					}
					if updates++; updates == 1 {
						return nil, &types.ConditionalCheckFailedException{Item: tt.returned}
					}
					return &dynamodb.UpdateItemOutput{}, nil
				},
				getItem: func(*dynamodb.GetItemInput) (*dynamodb.GetItemOutput, error) {
					ops = append(ops, "get")
					return &dynamodb.GetItemOutput{Item: tt.read}, nil
				},
				deleteItem: func(*dynamodb.DeleteItemInput) (*dynamodb.DeleteItemOutput, error) {
					ops = append(ops, "delete")
					return &dynamodb.DeleteItemOutput{}, nil
				},
			}
			s := schema.Must(schema.For[session](schema.Attr("id", schema.HashKey()),
				schema.Expires(time.Hour, schema.HideExpired()), schema.Clock(func() time.Time { return clockTime })))
			m, err := New[session](r, "sessions", s)
			if err != nil {
				t.Fatal(err)
			}
			_, err = m.Update(Key{Hash: "s1"}).Set("status", "new").Exec(context.Background())
			if got := fmt.Sprint(ops); got != tt.wantOps {
				t.Errorf("Update sent %s; want %s", got, tt.wantOps)
			}
			if tt.wantErr != errors.Is(err, ErrConditionFailed) || (!tt.wantErr && err != nil) {
				t.Errorf("Update = %v; want ErrConditionFailed: %v", err, tt.wantErr)
			}
		})
	}
}
