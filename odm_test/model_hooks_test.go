package odm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type Note struct {
	ID     string `dynamo:"id"`
	Text   string `dynamo:"text"`
	Loaded bool   `dynamo:"-"`
}

var errEmptyNote = errors.New("empty note")

// BeforePut refuses empty notes.
func (n *Note) BeforePut(context.Context) error {
	if n.Text == "" {
		return errEmptyNote
	}
	return nil
}

// AfterLoad marks notes read from the table.
func (n *Note) AfterLoad(context.Context) error { n.Loaded = true; return nil }

var (
	_ hooks.BeforePut = (*Note)(nil)
	_ hooks.AfterLoad = (*Note)(nil)
)

func TestModelHooks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var log []string
	set := hooks.Set[Note]{}.
		On(hooks.OnAfterPut, func(_ context.Context, n *Note) error { log = append(log, "after put "+n.ID); return nil }).
		On(hooks.OnBeforeDelete, func(_ context.Context, n *Note) error { log = append(log, "before delete "+n.ID); return nil })
	notes, _ := newModel[Note](t, ctx, schema.Must(schema.For[Note]()), "notes")
	notes = notes.WithHooks(set)

	err := notes.Put(ctx, &Note{ID: "n1"})
	var he *hooks.Error
	if !errors.Is(err, errEmptyNote) || !errors.As(err, &he) || he.Event != hooks.OnBeforePut {
		t.Fatalf("Put(empty) = %v; want the BeforePut hook's error", err)
	}
	if _, err := notes.Get(ctx, model.Key{Hash: "n1"}, model.Consistent()); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Get(n1) = %v; want ErrNotFound: a refused put writes nothing", err)
	}
	if err := notes.Put(ctx, &Note{ID: "n1", Text: "hello"}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	got, err := notes.Get(ctx, model.Key{Hash: "n1"}, model.Consistent())
	if err != nil || !got.Loaded {
		t.Errorf("Get(n1) = %+v, %v; want Loaded set by AfterLoad", got, err)
	}
	if err := notes.Delete(ctx, model.Key{Hash: "n1"}); err != nil {
		t.Fatal(err)
	}
	if want := "after put n1|before delete n1"; strings.Join(log, "|") != want {
		t.Errorf("hooks ran %q; want %q", strings.Join(log, "|"), want)
	}
}

// TestModelMapItems uses a schema for map[string]any items.
func TestModelMapItems(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.New(
		schema.Attr("pk", schema.Type(attr.S), schema.HashKey()),
		schema.Attr("n", schema.Type(attr.N)),
		schema.Attr("tags", schema.Type(attr.SS)),
	))
	things, _ := newModel[map[string]any](t, ctx, s, "things")
	item := map[string]any{"pk": "a", "n": 3, "tags": []string{"x"}}
	if err := things.Create(ctx, &item); err != nil {
		t.Fatalf("Create = %v", err)
	}
	got, err := things.Update(model.Key{Hash: "a"}).Increment("n", 2).Add("tags", []string{"y"}).Exec(ctx)
	if err != nil {
		t.Fatalf("Update = %v", err)
	}
	if n := fmt.Sprint(got["n"]); n != "5" || fmt.Sprint(got["tags"]) != "[x y]" {
		t.Errorf("Update = %v; want n 5 and tags [x y]", got)
	}
	all := collect(t, things.Query(model.Where("pk").Eq("a")).All(ctx))
	if len(all) != 1 || all[0]["pk"] != "a" {
		t.Errorf("Query = %v; want the one item", all)
	}
}

// TestModelReadHooks checks that batch and transaction reads run the hooks of get: BeforeGet
// on each key, AfterGet on each item found (and not on keys with no item).
func TestModelReadHooks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var log []string
	set := hooks.Set[Note]{}.
		On(hooks.OnBeforeGet, func(_ context.Context, n *Note) error { log = append(log, "before get "+n.ID); return nil }).
		On(hooks.OnAfterGet, func(_ context.Context, n *Note) error {
			log = append(log, fmt.Sprintf("after get %s loaded=%v", n.ID, n.Loaded))
			return nil
		})
	notes, _ := newModel[Note](t, ctx, schema.Must(schema.For[Note]()), "readhooks")
	notes = notes.WithHooks(set)
	if err := notes.Put(ctx, &Note{ID: "n1", Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		feature dynamotest.Feature
		read    func() error
		want    string
	}{
		{"batch get", "", func() error {
			_, err := notes.BatchGet(ctx, []model.Key{{Hash: "n1"}, {Hash: "missing"}}, model.Consistent())
			return err
		}, "before get n1|before get missing|after get n1 loaded=true"},
		{"transaction get", dynamotest.Transactions, func() error {
			var a, b Note
			_, err := model.TransactGet(ctx, notes.TxGet(model.Key{Hash: "n1"}, &a), notes.TxGet(model.Key{Hash: "missing"}, &b))
			return err
		}, "before get n1|before get missing|after get n1 loaded=true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.feature != "" {
				dynamotest.Require(t, tt.feature)
			}
			log = nil
			if err := tt.read(); err != nil {
				t.Fatalf("read = %v", err)
			}
			if got := strings.Join(log, "|"); got != tt.want {
				t.Errorf("hooks ran %q; want %q", got, tt.want)
			}
		})
	}
}
