package odm_test

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// These tests hold the "bad input gets a typed error before any request is sent" rule of
// DESIGN.md ("Reliability and bad input") to account for input DynamoDB refuses.

// refusedBeforeSending reports whether err is one of the typed errors the model returns
// before sending (*validate.Error, *model.InputError, *model.ConditionError), rather than a
// refusal by DynamoDB (*model.OpError and friends).
func refusedBeforeSending(err error) bool {
	var ve *validate.Error
	var ie *model.InputError
	var ce *model.ConditionError
	return errors.As(err, &ve) || errors.As(err, &ie) || errors.As(err, &ce)
}

type indexedItem struct {
	ID    string `dynamo:"id"`
	Email string `dynamo:"email"` // no omitempty: an empty email is stored as ""
	Name  string `dynamo:"name,omitempty"`
}

// TestEmptyIndexKeyRefused: DynamoDB refuses an empty string (or binary) as the value
// of a secondary index's key attribute, as it does for the table's keys. The schema checks
// the table's keys only, so the request goes out and comes back as a ValidationException.
func TestEmptyIndexKeyRefused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.For[indexedItem](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("email", schema.Index(schema.IndexName("byEmail"))),
	))
	m, _ := newModel[indexedItem](t, ctx, s, "emptyix")
	if err := m.Put(ctx, &indexedItem{ID: "stored", Email: "a@b.co"}); err != nil {
		t.Fatalf("Put(stored) = %v", err)
	}
	empty := &indexedItem{ID: "e1", Email: ""}
	tests := []struct {
		name string
		run  func() error
	}{
		{"Put", func() error { return m.Put(ctx, empty) }},
		{"Create", func() error { return m.Create(ctx, empty) }},
		{"BatchPut", func() error { return m.BatchPut(ctx, []*indexedItem{empty}) }},
		{"TxPut", func() error { return model.TransactWrite(ctx, m.TxPut(empty)) }},
		{"Update Set", func() error {
			_, err := m.Update(model.Key{Hash: "stored"}).Set("email", "").Exec(ctx)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); !refusedBeforeSending(err) {
				t.Errorf("%s(email \"\") = %v; want a *validate.Error before sending", tt.name, err)
			}
		})
	}
}

type listsItem struct {
	ID   string   `dynamo:"id"`
	Log  []string `dynamo:"log,omitempty"`
	Tags []string `dynamo:"tags,set,omitempty"`
}

var listsItemSchema = schema.Must(schema.For[listsItem](schema.Attr("id", schema.HashKey())))

// TestListElementTypeChecked: a SET of one element of a list of strings must be
// type-checked like any SET value ("SET values go through type check"). The schema resolves
// log[0] of a []string field to no attribute and lets any value through, so a number is
// stored in the list and the item can no longer be read.
func TestListElementTypeChecked(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m, _ := newModel[listsItem](t, ctx, listsItemSchema, "listelem")
	key := model.Key{Hash: "l1"}
	if err := m.Put(ctx, &listsItem{ID: "l1", Log: []string{"created"}}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	_, err := m.Update(key).Set("log[0]", 1).Exec(ctx)
	var ve *validate.Error
	if !errors.As(err, &ve) {
		t.Errorf("Update.Set(log[0], 1) = %v; want a *validate.Error", err)
	}
	if _, err := m.Get(ctx, key, model.Consistent()); err != nil {
		t.Errorf("Get after Set(log[0], 1) = %v; want the item, unchanged", err)
	}
	if _, err := m.Query(model.Where("id").Eq("l1")).Filter(model.Where("log[0]").Eq(1)).Count(ctx); !refusedBeforeSending(err) {
		t.Errorf("Count(Filter(log[0] = 1)) error = %v; want a typed error before sending", err)
	}
}

// TestSetElementPathRefused: sets have no positions; DynamoDB refuses tags[0] when tags
// is a set. The schema accepts an index on any slice field, so the update is sent, and
// Contains(1) on a string set is encoded as the number 1 (through tags[0]) instead of being a
// *model.ConditionError, and silently never matches.
func TestSetElementPathRefused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m, _ := newModel[listsItem](t, ctx, listsItemSchema, "setelem")
	key := model.Key{Hash: "s1"}
	if err := m.Put(ctx, &listsItem{ID: "s1", Tags: []string{"a"}}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	if _, err := m.Update(key).Set("tags[0]", "x").Exec(ctx); !refusedBeforeSending(err) {
		t.Errorf("Update.Set(tags[0], x) = %v; want a typed error before sending", err)
	}
	if _, err := m.Update(key).Set("log", []string{"x"}).If(model.Where("tags").Contains(1)).Exec(ctx); !refusedBeforeSending(err) {
		t.Errorf("Update.If(Contains(tags, 1)) = %v; want a typed error before sending", err)
	}
}

type floatKeyItem struct {
	At   float64 `dynamo:"at"`
	Name string  `dynamo:"name"`
}

type numberKeyItem struct {
	ID   attr.Number `dynamo:"id"`
	Name string      `dynamo:"name"`
}

// TestBatchGetNumberKeys: BatchGet matches the items DynamoDB returns to the keys asked
// for by the text of their numbers. DynamoDB returns numbers in its canonical form
// (1700000000, 1.5), while the codec sends a float64 as 1.7e+09 and an attr.Number as given
// (1.50), so an item that exists is reported as missing, and two spellings of one key are
// sent as two keys, which DynamoDB refuses as duplicates.
func TestBatchGetNumberKeys(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	fs := schema.Must(schema.For[floatKeyItem](schema.Attr("at", schema.HashKey())))
	fm, _ := newModel[floatKeyItem](t, ctx, fs, "floatkey")
	const at = 1.7e9 // an epoch time in seconds
	if err := fm.Put(ctx, &floatKeyItem{At: at, Name: "a"}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	if _, err := fm.Get(ctx, model.Key{Hash: at}, model.Consistent()); err != nil {
		t.Fatalf("Get(%v) = %v", at, err)
	}
	t.Run("float64 key", func(t *testing.T) {
		got, err := fm.BatchGet(ctx, []model.Key{{Hash: at}}, model.Consistent())
		if err != nil || len(got) != 1 || got[0] == nil {
			t.Errorf("BatchGet(%v) = %v, %v; want the stored item", at, got, err)
		}
	})

	ns := schema.Must(schema.For[numberKeyItem](schema.Attr("id", schema.HashKey())))
	nm, _ := newModel[numberKeyItem](t, ctx, ns, "numkey")
	if err := nm.Put(ctx, &numberKeyItem{ID: "1.5", Name: "a"}); err != nil {
		t.Fatalf("Put = %v", err)
	}
	t.Run("attr.Number key", func(t *testing.T) {
		got, err := nm.BatchGet(ctx, []model.Key{{Hash: attr.Number("1.50")}}, model.Consistent())
		if err != nil || len(got) != 1 || got[0] == nil {
			t.Errorf("BatchGet(1.50) = %v, %v; want the item 1.5", got, err)
		}
	})
	t.Run("one key spelled twice", func(t *testing.T) {
		err := nm.BatchDelete(ctx, []model.Key{{Hash: attr.Number("1.5")}, {Hash: attr.Number("1.50")}})
		if err != nil {
			t.Errorf("BatchDelete(1.5, 1.50) = %v; want nil (one key, sent once)", err)
		}
	})
}

// TestEmptyAttributeNameRefused: DynamoDB refuses an empty attribute name, at the top
// of an item and inside maps ("Empty attribute name"). Such names reach the server through
// SaveUnknown and through maps whose content the schema does not check.
func TestEmptyAttributeNameRefused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.New(
		schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
		schema.Attr("free", schema.Type(attr.M)),
		schema.SaveUnknown(),
	))
	m, _ := newModel[map[string]any](t, ctx, s, "emptyname")
	tests := []struct {
		name string
		item map[string]any
	}{
		{"top level", map[string]any{"id": "a", "": 1}},
		{"inside a map", map[string]any{"id": "a", "free": map[string]any{"": 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := m.Put(ctx, &tt.item); !refusedBeforeSending(err) {
				t.Errorf("Put(%v) = %v; want a *validate.Error before sending", tt.item, err)
			}
		})
	}
}

// canonicalUnprocessed is a DB that, on its first batch request, leaves the last key or write
// unprocessed and returns it with its numbers in DynamoDB's canonical form (1700000000 for
// the 1.7e+09 the codec sent), as a server that parsed the request and was throttled would.
type canonicalUnprocessed struct {
	model.DB
	done bool
}

func canonical(item map[string]types.AttributeValue) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(item))
	for k, v := range item {
		if n, ok := v.(*types.AttributeValueMemberN); ok {
			f, _ := new(big.Float).SetString(n.Value)
			v = &types.AttributeValueMemberN{Value: f.Text('f', -1)}
		}
		out[k] = v
	}
	return out
}

func (d *canonicalUnprocessed) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	if d.done {
		return d.DB.BatchGetItem(ctx, in, opts...)
	}
	d.done = true
	for table, ka := range in.RequestItems {
		last := ka.Keys[len(ka.Keys)-1]
		ka.Keys = ka.Keys[:len(ka.Keys)-1]
		in.RequestItems[table] = ka
		out, err := d.DB.BatchGetItem(ctx, in, opts...)
		if err != nil {
			return out, err
		}
		out.UnprocessedKeys = map[string]types.KeysAndAttributes{table: {Keys: []map[string]types.AttributeValue{canonical(last)}}}
		return out, nil
	}
	return nil, errors.New("no request items")
}

func (d *canonicalUnprocessed) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	if d.done {
		return d.DB.BatchWriteItem(ctx, in, opts...)
	}
	d.done = true
	for table, reqs := range in.RequestItems {
		last := reqs[len(reqs)-1]
		in.RequestItems[table] = reqs[:len(reqs)-1]
		out, err := d.DB.BatchWriteItem(ctx, in, opts...)
		if err != nil {
			return out, err
		}
		last.PutRequest.Item = canonical(last.PutRequest.Item)
		out.UnprocessedItems = map[string][]types.WriteRequest{table: {last}}
		return out, nil
	}
	return nil, errors.New("no request items")
}

// TestBatchRetryNumberKeys: the retry of unprocessed keys and writes looks them up by
// the text of their key (model/batchraw.go keyString). When the server returns them in
// another spelling, BatchGet panics (positions[ks][0] on a missing entry), and BatchPut
// re-sends request 0 (last[ks] is 0 for a missing entry) instead of the unprocessed item,
// which is then never written while BatchPut reports success.
func TestBatchRetryNumberKeys(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	fs := schema.Must(schema.For[floatKeyItem](schema.Attr("at", schema.HashKey())))
	real, db := newModel[floatKeyItem](t, ctx, fs, "retrykey")
	fake := func() *model.Model[floatKeyItem] {
		m, err := model.New[floatKeyItem](&canonicalUnprocessed{DB: db}, real.TableName(), fs)
		if err != nil {
			t.Fatalf("model.New = %v", err)
		}
		return m
	}
	items := []*floatKeyItem{{At: 1, Name: "one"}, {At: 1.7e9, Name: "big"}}
	t.Run("BatchPut", func(t *testing.T) {
		if err := fake().BatchPut(ctx, items); err != nil {
			t.Fatalf("BatchPut = %v", err)
		}
		for _, it := range items {
			if _, err := real.Get(ctx, model.Key{Hash: it.At}, model.Consistent()); err != nil {
				t.Errorf("Get(%v) after BatchPut = %v; want the item", it.At, err)
			}
		}
	})
	t.Run("BatchGet", func(t *testing.T) {
		defer func() {
			if p := recover(); p != nil {
				t.Errorf("BatchGet panicked: %v", p)
			}
		}()
		got, err := fake().BatchGet(ctx, []model.Key{{Hash: 1}, {Hash: 1.7e9}}, model.Consistent())
		if err != nil || len(got) != 2 || got[0] == nil || got[1] == nil {
			t.Errorf("BatchGet = %v, %v; want both items", got, err)
		}
	})
}
