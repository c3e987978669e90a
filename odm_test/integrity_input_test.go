package odm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// Refusals of input DynamoDB would silently change or that cannot work (issue 16): each is a
// typed error before anything is sent, and what is stored is left as it was.

type utf8Doc struct {
	ID     string            `dynamo:"id"`
	Sort   string            `dynamo:"sort"`
	Name   string            `dynamo:"name,omitempty"`
	Tags   []string          `dynamo:"tags,set,omitempty"`
	Labels map[string]string `dynamo:"labels,omitempty"`
	Extra  map[string]any    `dynamo:"extra,omitempty"`
}

// TestInvalidUTF8Refused: the SDK and the server replace each byte of invalid UTF-8 with
// U+FFFD, so Put{ID:"k\xff"} and then Put{ID:"k\xfe"} wrote one item, and a map with keys
// "a\xff" and "a\xfe" was stored with one key. Every route a string takes to the server is
// refused, with ErrUTF8 and the attribute path, and nothing is written.
func TestInvalidUTF8Refused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.For[utf8Doc](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("sort", schema.RangeKey()),
	))
	m, _ := newModel[utf8Doc](t, ctx, s, "utf8")
	stored := utf8Doc{ID: "k", Sort: "1", Name: "kept"}
	if err := m.Put(ctx, &stored); err != nil {
		t.Fatalf("Put(%+v) = %v", stored, err)
	}
	key := model.Key{Hash: "k", Range: "1"}
	bad := "k\xff"
	tests := []struct {
		name string
		path string // in the error's message
		run  func() error
	}{
		{"Put hash key", "id", func() error { return m.Put(ctx, &utf8Doc{ID: bad, Sort: "1"}) }},
		{"Put string", "name", func() error { return m.Put(ctx, &utf8Doc{ID: "k", Sort: "1", Name: bad}) }},
		{"Put set element", "tags[0]", func() error { return m.Put(ctx, &utf8Doc{ID: "k", Sort: "1", Tags: []string{bad}}) }},
		{"Put map key", "labels", func() error {
			return m.Put(ctx, &utf8Doc{ID: "k", Sort: "1", Labels: map[string]string{"a\xff": "1", "a\xfe": "2"}})
		}},
		{"Put nested any", "extra.x", func() error {
			return m.Put(ctx, &utf8Doc{ID: "k", Sort: "1", Extra: map[string]any{"x": bad}})
		}},
		{"Create", "id", func() error { return m.Create(ctx, &utf8Doc{ID: bad, Sort: "1"}) }},
		{"BatchPut", "id", func() error { return m.BatchPut(ctx, []*utf8Doc{{ID: bad, Sort: "1"}}) }},
		{"Get key", "id", func() error { _, err := m.Get(ctx, model.Key{Hash: bad, Range: "1"}); return err }},
		{"Delete range key", "sort", func() error { return m.Delete(ctx, model.Key{Hash: "k", Range: "1\xfe"}) }},
		{"Put condition value", "name", func() error {
			return m.Put(ctx, &utf8Doc{ID: "k", Sort: "1", Name: "new"}, model.If(model.Where("name").Eq(bad)))
		}},
		{"condition attribute name", "", func() error {
			return m.Delete(ctx, key, model.If(model.Where("extra.a\xff").Exists()))
		}},
		{"Update Set value", "name", func() error { _, err := m.Update(key).Set("name", bad).Exec(ctx); return err }},
		{"Update Add set element", "tags", func() error { _, err := m.Update(key).Add("tags", []string{bad}).Exec(ctx); return err }},
		{"Update map key", "labels", func() error {
			_, err := m.Update(key).Set("labels", map[string]string{"a\xff": "1"}).Exec(ctx)
			return err
		}},
		{"Update condition", "name", func() error {
			_, err := m.Update(key).Set("name", "new").If(model.Where("name").Eq(bad)).Exec(ctx)
			return err
		}},
		{"Query key condition", "id", func() error {
			for _, err := range m.Query(model.Where("id").Eq(bad)).All(ctx) {
				return err
			}
			return nil
		}},
		{"Query range key condition", "sort", func() error {
			for _, err := range m.Query(model.Where("id").Eq("k").And(model.Where("sort").BeginsWith("1\xff"))).All(ctx) {
				return err
			}
			return nil
		}},
		{"Query filter", "name", func() error {
			for _, err := range m.Query(model.Where("id").Eq("k")).Filter(model.Where("name").Eq(bad)).All(ctx) {
				return err
			}
			return nil
		}},
		{"Scan filter", "name", func() error {
			for _, err := range m.Scan().Filter(model.Where("name").Ne(bad)).All(ctx) {
				return err
			}
			return nil
		}},
		{"TxPut", "id", func() error { return model.TransactWrite(ctx, m.TxPut(&utf8Doc{ID: bad, Sort: "1"})) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if !errors.Is(err, attr.ErrUTF8) || !refusedBeforeSending(err) {
				t.Fatalf("%s = %v; want an error before sending that wraps attr.ErrUTF8", tt.name, err)
			}
			if tt.path != "" && !strings.Contains(err.Error(), tt.path) {
				t.Errorf("%s = %v; want the path %q in the message", tt.name, err, tt.path)
			}
		})
	}
	got, err := m.Get(ctx, key)
	if err != nil || got.Name != "kept" || got.Tags != nil || got.Labels != nil || got.Extra != nil {
		t.Errorf("Get(k, 1) = %+v, %v; want the item as stored: %+v", got, err, stored)
	}
	n, err := m.Scan().Count(ctx)
	if err != nil || n != 1 {
		t.Errorf("Scan().Count() = %d, %v; want 1 (nothing written)", n, err)
	}
}

// TestVersionZeroMeansNoItem: with WithVersion, version 0 means that no item may exist. The
// condition was attribute_not_exists(version), so a Put of version 0 overwrote an item stored
// without a version attribute (written before versioning, or by another writer).
func TestVersionZeroMeansNoItem(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	plain, db := newModel[Account](t, ctx, accountSchema, "version0")
	versioned := modelOn[Account](t, db, plain.TableName(), "version0", accountSchema, model.WithVersion("version"))
	legacy := Account{ID: "legacy", Balance: 5}
	if err := plain.Put(ctx, &legacy); err != nil {
		t.Fatalf("Put(%+v) without versioning = %v", legacy, err)
	}
	key := model.Key{Hash: "legacy"}
	tests := []struct {
		name string
		run  func() error
	}{
		{"Put version 0", func() error { return versioned.Put(ctx, &Account{ID: "legacy", Balance: 99}) }},
		{"Create version 0", func() error { return versioned.Create(ctx, &Account{ID: "legacy", Balance: 99}) }},
		{"Update IfVersion(0)", func() error {
			_, err := versioned.Update(key).Set("balance", 99).IfVersion(0).Exec(ctx)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); !errors.Is(err, model.ErrConditionFailed) {
				t.Errorf("%s over an item without a version = %v; want ErrConditionFailed", tt.name, err)
			}
		})
	}
	if got, err := plain.Get(ctx, key, model.Consistent()); err != nil || got != legacy {
		t.Fatalf("Get(legacy) = %+v, %v; want it untouched: %+v", got, err, legacy)
	}
	// A new key: version 0 writes version 1; an update without IfVersion versions an old item.
	fresh := Account{ID: "fresh", Balance: 1}
	if err := versioned.Put(ctx, &fresh, model.ReturnStored(&fresh)); err != nil || fresh.Version != 1 {
		t.Errorf("Put(fresh, version 0) = %v, version %d; want version 1", err, fresh.Version)
	}
	got, err := versioned.Update(key).Set("balance", 6).Exec(ctx)
	if err != nil || got.Version != 1 || got.Balance != 6 {
		t.Errorf("Update(legacy) without IfVersion = %+v, %v; want version 1, balance 6", got, err)
	}
}

type ranked struct {
	Group string    `dynamo:"group"`
	Rank  int       `dynamo:"rank"`
	Name  string    `dynamo:"name"`
	At    time.Time `dynamo:"at"` // epoch milliseconds: N
	Blob  []byte    `dynamo:"blob,omitempty"`
}

// TestBeginsWithNumberRefused: begins_with on a number attribute is accepted by DynamoDB and
// matches nothing, so a query, scan or condition with it silently found or changed nothing.
// It is refused before sending, naming the attribute and its type, wherever it appears.
func TestBeginsWithNumberRefused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[ranked](schema.Attr("group", schema.HashKey()), schema.Attr("rank", schema.RangeKey())))
	m, _ := newModel[ranked](t, ctx, s, "beginsn")
	item := ranked{Group: "g", Rank: 12, Name: "twelve", At: time.UnixMilli(1700000000000), Blob: []byte("ab")}
	if err := m.Put(ctx, &item); err != nil {
		t.Fatalf("Put(%+v) = %v", item, err)
	}
	first := func(seq func(func(ranked, error) bool)) (n int, err error) {
		for _, err := range seq {
			if err != nil {
				return n, err
			}
			n++
		}
		return n, nil
	}
	tests := []struct {
		name, attr string
		run        func() error
	}{
		{"key condition", "rank", func() error {
			_, err := first(m.Query(model.Where("group").Eq("g").And(model.Where("rank").BeginsWith("1"))).All(ctx))
			return err
		}},
		{"query filter", "at", func() error {
			_, err := first(m.Query(model.Where("group").Eq("g")).Filter(model.Where("at").BeginsWith("17")).All(ctx))
			return err
		}},
		{"scan filter", "rank", func() error {
			_, err := first(m.Scan().Filter(model.Where("rank").BeginsWith(1)).All(ctx))
			return err
		}},
		{"delete condition", "rank", func() error {
			return m.Delete(ctx, model.Key{Hash: "g", Range: 12}, model.If(model.Where("rank").BeginsWith("1")))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if !refusedBeforeSending(err) || !errors.Is(err, attr.ErrType) || !strings.Contains(err.Error(), `"`+tt.attr+`" is stored as N`) {
				t.Fatalf("%s with begins_with on %s = %v; want a refusal before sending naming %q and N", tt.name, tt.attr, err, tt.attr)
			}
		})
	}
	// Strings and binaries still match.
	for _, c := range []model.Condition{model.Where("name").BeginsWith("tw"), model.Where("blob").BeginsWith([]byte("a"))} {
		if n, err := first(m.Query(model.Where("group").Eq("g")).Filter(c).All(ctx)); err != nil || n != 1 {
			t.Errorf("Query(group g).Filter(%v) = %d items, %v; want 1", c, n, err)
		}
	}
	if _, err := m.Get(ctx, model.Key{Hash: "g", Range: 12}); err != nil {
		t.Errorf("Get(g, 12) = %v; want the item, not deleted", err)
	}
}

type projected struct {
	ID    string `dynamo:"id"`
	Email string `dynamo:"email"`
	Name  string `dynamo:"name"`
	Bio   string `dynamo:"bio"`
}

// TestFilterOnUnprojectedAttributeRefused: a global index holds only what it projects, so a
// filter on anything else cannot see it: the read silently matches nothing (as here) or is
// refused by the server. Such a query or scan is refused before sending, naming the
// attribute, the index and its projection.
func TestFilterOnUnprojectedAttributeRefused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.For[projected](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("email", schema.Index(schema.IndexName("byEmail"), schema.KeysOnly())),
		schema.Attr("name", schema.Index(schema.IndexName("byName"), schema.Project("bio"))),
	))
	m, _ := newModel[projected](t, ctx, s, "unprojected")
	item := projected{ID: "a", Email: "a@b.co", Name: "Ann", Bio: "x"}
	if err := m.Put(ctx, &item); err != nil {
		t.Fatalf("Put(%+v) = %v", item, err)
	}
	count := func(seq func(func(projected, error) bool)) (n int, err error) {
		for _, err := range seq {
			if err != nil {
				return n, err
			}
			n++
		}
		return n, nil
	}
	refused := []struct {
		name, want string
		run        func() (int, error)
	}{
		{"query keys-only index", `"name", which global index "byEmail" does not project: its projection is KEYS_ONLY`, func() (int, error) {
			return count(m.Query(model.Where("email").Eq("a@b.co")).Index("byEmail").Filter(model.Where("name").Eq("Ann")).All(ctx))
		}},
		{"query keys-only index, range condition as filter", `"bio"`, func() (int, error) {
			return count(m.Query(model.Where("email").Eq("a@b.co").And(model.Where("bio").BeginsWith("x"))).Index("byEmail").All(ctx))
		}},
		{"scan keys-only index", `"bio", which global index "byEmail"`, func() (int, error) {
			return count(m.Scan().Index("byEmail").Filter(model.Or(model.Where("id").Eq("a"), model.Not(model.Where("bio").Exists()))).All(ctx))
		}},
		{"query include index", `"email", which global index "byName" does not project: its projection is INCLUDE (the keys and bio)`, func() (int, error) {
			return count(m.Query(model.Where("name").Eq("Ann")).Index("byName").Filter(model.Where("email").Eq("a@b.co")).All(ctx))
		}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.run()
			var ie *model.InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("%s = %v; want an *model.InputError containing %q", tt.name, err, tt.want)
			}
		})
	}
	countPartial := func(seq func(func(model.Partial[projected], error) bool)) (n int, err error) {
		for _, err := range seq {
			if err != nil {
				return n, err
			}
			n++
		}
		return n, nil
	}
	// Items read through such an index are partial: AllPartial reads them (All refuses them,
	// see TestPartialReadCannotBePutBack).
	allowed := []struct {
		name string
		run  func() (int, error)
	}{
		{"keys-only index, filter on a table key", func() (int, error) {
			return countPartial(m.Query(model.Where("email").Eq("a@b.co")).Index("byEmail").Filter(model.Where("id").Eq("a")).AllPartial(ctx))
		}},
		{"include index, filter on an included attribute", func() (int, error) {
			return countPartial(m.Query(model.Where("name").Eq("Ann")).Index("byName").Filter(model.Where("bio").Eq("x")).AllPartial(ctx))
		}},
	}
	for _, tt := range allowed {
		t.Run(tt.name, func(t *testing.T) {
			if n, err := tt.run(); err != nil || n != 1 {
				t.Errorf("%s = %d items, %v; want 1", tt.name, n, err)
			}
		})
	}
}

// TestCancelStopsMidPage: a query or scan holds a whole page of items; when the context is
// cancelled while the loop runs, the next step yields context.Canceled instead of the rest of
// that page.
func TestCancelStopsMidPage(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.For[ranked](schema.Attr("group", schema.HashKey()), schema.Attr("rank", schema.RangeKey())))
	m, _ := newModel[ranked](t, ctx, s, "cancelpage")
	items := make([]*ranked, 60)
	for i := range items {
		items[i] = &ranked{Group: "g", Rank: i, Name: "n"}
	}
	if err := m.BatchPut(ctx, items); err != nil {
		t.Fatalf("BatchPut(60 items) = %v", err)
	}
	tests := []struct {
		name string
		all  func(context.Context) func(func(ranked, error) bool)
	}{
		{"Query.All", func(ctx context.Context) func(func(ranked, error) bool) {
			return m.Query(model.Where("group").Eq("g")).All(ctx)
		}},
		{"Scan.All", func(ctx context.Context) func(func(ranked, error) bool) { return m.Scan().All(ctx) }},
		{"Scan.Segments", func(ctx context.Context) func(func(ranked, error) bool) { return m.Scan().Segments(2).All(ctx) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run, stop := context.WithCancel(ctx)
			defer stop()
			items, errs := 0, 0
			var last error
			for _, err := range tt.all(run) {
				if err != nil {
					errs, last = errs+1, err
					continue
				}
				items++
				stop() // the page read holds more items
			}
			if items != 1 || errs != 1 || !errors.Is(last, context.Canceled) {
				t.Errorf("%s cancelled after the first item: %d items, then %d errors (%v); want 1 item, then context.Canceled",
					tt.name, items, errs, last)
			}
		})
	}
}

// TestCursorBoundToItsRead: a cursor was bound to its table and index only, so a cursor of
// one partition given to a query of another, or a scan's cursor given to a query, was sent
// and refused by the server (an *OpError). It is refused before sending with ErrBadCursor,
// signed or not; the same partition with another range or filter still takes it.
func TestCursorBoundToItsRead(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.For[ranked](schema.Attr("group", schema.HashKey()), schema.Attr("rank", schema.RangeKey())))
	for _, signed := range []bool{false, true} {
		var opts []model.Option
		name := "unsigned"
		if signed {
			opts, name = append(opts, model.WithCursorKey([]byte("a secret"))), "signed"
		}
		t.Run(name, func(t *testing.T) {
			m, _ := newModel[ranked](t, ctx, s, "cursorbind", opts...)
			var items []*ranked
			for _, g := range []string{"a", "b"} {
				for i := range 5 {
					items = append(items, &ranked{Group: g, Rank: i, Name: "n"})
				}
			}
			if err := m.BatchPut(ctx, items); err != nil {
				t.Fatalf("BatchPut = %v", err)
			}
			ofA, err := m.Query(model.Where("group").Eq("a")).Limit(2).Page(ctx, "")
			if err != nil || ofA.Cursor == "" {
				t.Fatalf("Query(a).Page = %v, %v; want a cursor", ofA, err)
			}
			ofScan, err := m.Scan().Limit(2).Page(ctx, "")
			if err != nil || ofScan.Cursor == "" {
				t.Fatalf("Scan().Page = %v, %v; want a cursor", ofScan, err)
			}
			refused := []struct {
				name string
				run  func() error
			}{
				{"query of another partition", func() error {
					_, err := m.Query(model.Where("group").Eq("b")).Limit(2).Page(ctx, ofA.Cursor)
					return err
				}},
				{"a scan's cursor to a query", func() error {
					_, err := m.Query(model.Where("group").Eq("a")).Limit(2).Page(ctx, ofScan.Cursor)
					return err
				}},
				{"a query's cursor to a scan", func() error {
					_, err := m.Scan().Limit(2).Page(ctx, ofA.Cursor)
					return err
				}},
			}
			for _, tt := range refused {
				t.Run(tt.name, func(t *testing.T) {
					err := tt.run()
					var op *model.OpError
					if !errors.Is(err, model.ErrBadCursor) || errors.As(err, &op) {
						t.Errorf("%s = %v; want ErrBadCursor before sending", tt.name, err)
					}
				})
			}
			next, err := m.Query(model.Where("group").Eq("a").And(model.Where("rank").Ge(1))).Filter(model.Where("name").Eq("n")).Limit(2).Page(ctx, ofA.Cursor)
			if err != nil || len(next.Items) != 2 || next.Items[0].Rank != 2 {
				t.Errorf("Query(a, rank >= 1).Page(cursor of a) = %+v, %v; want ranks 2 and 3", next.Items, err)
			}
		})
	}
}
