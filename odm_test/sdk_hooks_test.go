package odm_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/dynamodel/dynamodel/schema"
)

type traced struct {
	ID   string `dynamo:"id"`
	Name string `dynamo:"name"`
}

// stamper reads the item of every PutItem input it is shown, counts those whose name matches
// their id (the item the model built), and adds the attribute "by" naming itself.
type stamper struct {
	by   string
	mu   sync.Mutex
	seen int
	bad  []string
}

func (s *stamper) stamp(in any) {
	put, ok := in.(*dynamodb.PutItemInput)
	if !ok {
		return
	}
	id, _ := put.Item["id"].(*types.AttributeValueMemberS)
	name, _ := put.Item["name"].(*types.AttributeValueMemberS)
	s.mu.Lock()
	if id == nil || name == nil || name.Value != "name of "+id.Value {
		s.bad = append(s.bad, fmt.Sprint(put.Item))
	} else {
		s.seen++
	}
	s.mu.Unlock()
	put.Item["by"] = &types.AttributeValueMemberS{Value: s.by}
}

func (s *stamper) BeforeSerialization(_ context.Context, in *smithyhttp.InterceptorContext) error {
	s.stamp(in.Input)
	return nil
}

func (s *stamper) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	s.stamp(in.Parameters)
	return next.HandleInitialize(ctx, in)
}

func (s *stamper) ID() string { return "stamper" }

// TestSDKHooksSeePutItems checks, against the server and under concurrent Puts, that what the
// SDK offers to see and change a request (an interceptor in Options.Interceptors, a middleware
// in APIOptions) is shown the item the model built, and that an attribute it adds is stored.
func TestSDKHooksSeePutItems(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.For[traced](schema.Attr("id", schema.HashKey())))
	base, db := newModel[traced](t, ctx, s, "traced")
	table := base.TableName()
	for _, hook := range []struct {
		name string
		add  func(*stamper) func(*dynamodb.Options)
	}{
		{"interceptor", func(st *stamper) func(*dynamodb.Options) {
			return func(o *dynamodb.Options) { o.Interceptors.AddBeforeSerialization(st) }
		}},
		{"middleware", func(st *stamper) func(*dynamodb.Options) {
			return func(o *dynamodb.Options) {
				o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
					return s.Initialize.Add(st, middleware.After)
				})
			}
		}},
	} {
		t.Run(hook.name, func(t *testing.T) {
			st := &stamper{by: hook.name}
			client := dynamodb.New(db.Options(), hook.add(st))
			m := modelOn[traced](t, client, table, "traced", s)
			const workers, puts = 16, 50
			var wg sync.WaitGroup
			errs := make(chan error, workers)
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range puts {
						id := fmt.Sprintf("%s-%d-%d", hook.name, w, i)
						if err := m.Put(ctx, &traced{ID: id, Name: "name of " + id}); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatalf("Put = %v", err)
			}
			if st.seen != workers*puts || len(st.bad) > 0 {
				t.Fatalf("the %s saw %d items as built of %d; other items: %.3q", hook.name, st.seen, workers*puts, st.bad)
			}
			for _, id := range []string{hook.name + "-0-0", fmt.Sprintf("%s-%d-%d", hook.name, workers-1, puts-1)} {
				out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &table, ConsistentRead: aws.Bool(true),
					Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: id}}})
				if err != nil {
					t.Fatal(err)
				}
				by, _ := out.Item["by"].(*types.AttributeValueMemberS)
				if by == nil || by.Value != hook.name {
					t.Errorf("stored item %s = %v; want the attribute by = %q the %s added", id, out.Item, hook.name, hook.name)
				}
			}
		})
	}
}
