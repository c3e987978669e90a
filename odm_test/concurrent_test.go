package odm_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
)

// TestModelConcurrentUse runs every kind of operation of one model from several goroutines
// at once, so that `go test -race` checks that a model, its schema and their caches are safe
// for concurrent use.
func TestModelConcurrentUse(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	users, _ := newModel[User](t, ctx, userSchema, "race", model.WithCursorKey([]byte("k")))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				id := fmt.Sprintf("u%d-%d", g, i)
				u := User{ID: id, Email: "A@B.co", Tags: []string{"x"}, Address: &Address{City: "Oslo"}, Items: []Line{{"s", 1}}}
				if err := users.Put(ctx, &u); err != nil {
					errs <- fmt.Errorf("Put(%s) = %w", id, err)
					return
				}
				if _, err := users.Update(model.Key{Hash: id}).Set("address.city", "Bergen").Increment("visits", 1).Exec(ctx); err != nil {
					errs <- fmt.Errorf("Update(%s) = %w", id, err)
					return
				}
				if _, err := users.GetPartial(ctx, model.Key{Hash: id}, model.Project("address.city")); err != nil {
					errs <- fmt.Errorf("Get(%s) = %w", id, err)
					return
				}
				if _, err := users.BatchGet(ctx, []model.Key{{Hash: id}, {Hash: "none"}}); err != nil {
					errs <- fmt.Errorf("BatchGet(%s) = %w", id, err)
					return
				}
				if _, err := users.Query(model.Where("email").Eq("a@b.co")).Limit(2).Page(ctx, ""); err != nil {
					errs <- fmt.Errorf("Query.Page = %w", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	n, err := users.Scan().Segments(3).Count(ctx)
	if err != nil || n != 30 {
		t.Errorf("Scan().Segments(3).Count() = %d, %v; want 30, nil", n, err)
	}
}
