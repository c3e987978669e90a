package model

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/schema"
)

// TestCreateLostThenThrottled: a Create whose first attempt lost its response (a 500 after
// the server may have applied it) and whose resends were throttled until the SDK gave up is
// settled by reading the stored item, never reported as a plain failure: the item the lost
// attempt wrote makes it a success, another item makes it ErrOutcomeUnknown.
func TestCreateLostThenThrottled(t *testing.T) {
	type user struct {
		ID   string `dynamo:"id"`
		Name string `dynamo:"name"`
	}
	s := schema.Must(schema.For[user](schema.Attr("id", schema.HashKey())))
	throttled := `{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"slow down"}`
	lost := `{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"lost"}`
	for _, tt := range []struct {
		name    string
		stored  string // the GetItem answer after the retries end
		wantErr error
	}{
		{"the lost attempt was applied", `{"Item":{"id":{"S":"u1"},"name":{"S":"Ada"}}}`, nil},
		{"another item is stored", `{"Item":{"id":{"S":"u1"},"name":{"S":"Grace"}}}`, ErrOutcomeUnknown},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hc := &scripted{answers: [][2]string{
				{"500", lost}, {"400", throttled}, {"400", throttled}, // the SDK's three attempts
				{"200", tt.stored}, // the consistent read that settles it
			}}
			db := dynamodb.New(dynamodb.Options{
				Region:       "us-east-1",
				BaseEndpoint: aws.String("http://localhost:8000"),
				Credentials:  credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
				HTTPClient:   hc,
				Retryer:      retry.NewStandard(func(o *retry.StandardOptions) { o.MaxBackoff = time.Millisecond }),
			})
			m, err := New[user](db, "users", s)
			if err != nil {
				t.Fatal(err)
			}
			err = m.Create(context.Background(), &user{ID: "u1", Name: "Ada"})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("Create = %v; want %v", err, tt.wantErr)
			}
			if err != nil && strings.Count(err.Error(), "model: create") != 1 {
				t.Errorf("Create = %q; want the operation named once", err)
			}
			if errors.Is(err, ErrConditionFailed) {
				t.Errorf("Create = %v; must not match ErrConditionFailed", err)
			}
			if hc.sent != len(hc.answers) {
				t.Errorf("%d requests sent; want %d (three attempts, then one read)", hc.sent, len(hc.answers))
			}
		})
	}
}
