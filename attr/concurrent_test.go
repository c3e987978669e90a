package attr_test

import (
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
)

type concA struct {
	Name string  `dynamo:"name"`
	Next *concB  `dynamo:"next"`
	List []concA `dynamo:"list"`
}

type concB struct {
	Back  *concA         `dynamo:"back"`
	Count int            `dynamo:"count"`
	Any   map[string]any `dynamo:"any"`
}

// TestConcurrentUse compiles mutually recursive types from many goroutines at once and
// encodes with them; run with -race.
func TestConcurrentUse(t *testing.T) {
	in := concA{Name: "a", Next: &concB{Count: 2, Back: &concA{Name: "b"}, Any: map[string]any{"x": []any{"y"}}}, List: []concA{{Name: "c"}}}
	want, err := attr.MarshalItem(in)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for range 8 {
		wg.Go(func() {
			for range 50 {
				c, err := attr.For[concB]()
				if err != nil {
					errs <- err.Error()
					return
				}
				got, err := attr.MarshalItem(&in)
				if err != nil {
					errs <- err.Error()
					return
				}
				if diff := diffItem(want, got); diff != "" {
					errs <- "MarshalItem differs: " + diff
					return
				}
				var back concB
				next, ok := got["next"].(*types.AttributeValueMemberM)
				if !ok {
					errs <- "next is not an M: " + show(got["next"])
					return
				}
				if err := c.Unmarshal(next.Value, &back); err != nil {
					errs <- err.Error()
					return
				}
				if back.Count != 2 || back.Back == nil || back.Back.Name != "b" {
					errs <- "Unmarshal(next) = " + show(next) + " decoded wrongly"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
