package model

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
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

// scripted is an HTTP client that gives its answers in turn, one per request: an HTTP
// status and a JSON body.
type scripted struct {
	mu      sync.Mutex
	answers [][2]string
	sent    int
}

func (s *scripted) Do(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sent == len(s.answers) {
		return nil, fmt.Errorf("request %d: no answer scripted", s.sent+1)
	}
	a := s.answers[s.sent]
	s.sent++
	status, err := strconv.Atoi(a[0])
	if err != nil {
		return nil, err
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(a[1]))), 10))
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(a[1])), Request: req}, nil
}

// TestUpdateOfExpiredItemLostOnResend: under HideExpired, the update sent again after the
// expired item was deleted loses its response and the SDK's resend fails its condition on
// the item the lost attempt wrote. That is ErrOutcomeUnknown, as for the first send, and
// never ErrConditionFailed, which would report a write the server applied as failed.
func TestUpdateOfExpiredItemLostOnResend(t *testing.T) {
	failed := func(ttl int64) string {
		return fmt.Sprintf(`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed",`+
			`"Item":{"id":{"S":"s1"},"status":{"S":"old"},"ttl":{"N":"%d"}}}`, ttl)
	}
	hc := &scripted{answers: [][2]string{
		{"400", failed(clockTime.Unix() - 60)}, // the stored item has expired
		{"200", "{}"},                          // DeleteItem of the expired item
		{"500", `{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"lost"}`},
		{"400", failed(clockTime.Unix() + 3600)}, // the lost attempt's item is there, live
	}}
	db := dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://localhost:8000"),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
		HTTPClient:   hc,
		Retryer:      retry.NewStandard(func(o *retry.StandardOptions) { o.MaxBackoff = time.Millisecond }),
	})
	s := schema.Must(schema.For[session](schema.Attr("id", schema.HashKey()),
		schema.Expires(time.Hour, schema.HideExpired()), schema.Clock(func() time.Time { return clockTime })))
	m, err := New[session](db, "sessions", s)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Update(Key{Hash: "s1"}).Set("status", "new").Exec(context.Background())
	if !errors.Is(err, ErrOutcomeUnknown) || errors.Is(err, ErrConditionFailed) {
		t.Errorf("Update = %v; want ErrOutcomeUnknown, not ErrConditionFailed", err)
	}
	if hc.sent != len(hc.answers) {
		t.Errorf("%d requests sent; want %d (update, delete, update, resend)", hc.sent, len(hc.answers))
	}
}
