package interop_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/dynamoosetest"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

var profileSchema = schema.Must(schema.New(
	schema.Attr("id", schema.Type(attr.S), schema.HashKey()),
	schema.Attr("age", schema.Type(attr.N)),
	schema.Attr("role", schema.Type(attr.S), schema.Default("user")),
	schema.Attr("tags", schema.Type(attr.SS)),
	schema.Attr("born", schema.Date(attr.TimeISO)),
	schema.Attr("address", schema.Map(
		schema.Attr("city", schema.Type(attr.S)),
		schema.Attr("since", schema.Date(attr.TimeSeconds)),
	)),
	schema.Attr("logins", schema.List(schema.Map(
		schema.Attr("at", schema.Date(attr.TimeMillis)),
		schema.Attr("ok", schema.Type(attr.BOOL)),
	))),
	schema.Timestamps(),
	schema.Expires(time.Hour),
))

const profileJS = `
const date = (storage) => ({ type: { value: Date, settings: { storage } } });
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  age: Number,
  role: { type: String, default: "user" },
  tags: { type: Set, schema: [String] },
  born: date("iso"),
  address: { type: Object, schema: { city: String, since: date("seconds") } },
  logins: { type: Array, schema: [{ type: Object, schema: { at: Date, ok: Boolean } }] },
}, { timestamps: true }), { ...noTables, expires: { ttl: 3600 * 1000 } });
`

// TestMapItemProfileBothWays checks a map item (schema.New) with timestamps, expiry, a
// default, a string set, dates in the three storages at the top, in an object and in the
// objects of a list: each side writes one and reads the other's, Dynamodel's Get then Put of
// Dynamoose's item leaves it unchanged but for updatedAt, and an update of it by Dynamodel
// is read by Dynamoose.
func TestMapItemProfileBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, profileSchema, "profile")
	at := time.Date(1990, 5, 6, 7, 8, 9, 123e6, time.UTC)
	goItem := map[string]any{"id": "go", "age": 34, "tags": []string{"a", "b"}, "born": at,
		"address": map[string]any{"city": "Lyon", "since": at.Truncate(time.Second)},
		"logins":  []any{map[string]any{"at": at, "ok": true}, map[string]any{"at": at, "ok": false}}}
	fromJS, fromGo := exchange(t, m, table, map[string]any{"at": at.UnixMilli()}, profileJS, `{ age: 34, tags: new Set(["a", "b"]),
  born: new Date(input.at), address: { city: "Lyon", since: new Date(Math.floor(input.at / 1000) * 1000) },
  logins: [{ at: new Date(input.at), ok: true }, { at: new Date(input.at), ok: false }] }`, &goItem)
	for _, name := range []string{"createdAt", "updatedAt", "ttl"} {
		if _, ok := fromJS[name].(time.Time); !ok {
			t.Errorf("Dynamodel's read of Dynamoose's %s = %#v; want a time.Time", name, fromJS[name])
		}
		delete(fromJS, name)
		if _, ok := fromGo[name].(map[string]any)["$date"]; !ok {
			t.Errorf("Dynamoose's read of Dynamodel's %s = %#v; want a Date", name, fromGo[name])
		}
		delete(fromGo, name)
	}
	tags, _ := fromJS["tags"].(attr.StringSet)
	if len(tags) == 2 && tags[0] > tags[1] {
		tags[0], tags[1] = tags[1], tags[0]
	}
	want := map[string]any{"id": "js", "age": attr.Number("34"), "role": "user", "tags": attr.StringSet{"a", "b"}, "born": at,
		"address": map[string]any{"city": "Lyon", "since": at.Truncate(time.Second)},
		"logins":  []any{map[string]any{"at": at, "ok": true}, map[string]any{"at": at, "ok": false}}}
	if diff := cmp.Diff(want, fromJS); diff != "" {
		t.Errorf("Dynamodel's read of Dynamoose's item (-want +got):\n%s", diff)
	}
	d := `{"$date": ` + jsonInt(at.UnixMilli()) + `}`
	sameJSON(t, "Dynamoose's read of Dynamodel's item", fromGo, `{"id": "go", "age": 34, "role": "user", "tags": {"$set": ["a", "b"]},
  "born": `+d+`, "address": {"city": "Lyon", "since": {"$date": `+jsonInt(at.Truncate(time.Second).UnixMilli())+`}},
  "logins": [{"at": `+d+`, "ok": true}, {"at": `+d+`, "ok": false}]}`)
	sameStorage(t, table, "js", "go", "createdAt", "updatedAt", "ttl")

	before := stored(t, table, "js")
	it, err := m.Get(ctx(t), model.Key{Hash: "js"})
	if err != nil {
		t.Fatalf("Dynamodel Get = %v", err)
	}
	if err := m.Put(ctx(t), &it); err != nil {
		t.Fatalf("Dynamodel Put of what Get returned = %v", err)
	}
	after := stored(t, table, "js")
	delete(before, "updatedAt")
	delete(after, "updatedAt")
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("Dynamodel's Put of its Get changed Dynamoose's item (-before +after):\n%s", diff)
	}
	if _, err := m.Update(model.Key{Hash: "js"}).Set("address.since", at.Add(time.Hour)).Append("logins", []any{map[string]any{"at": at.Add(time.Hour), "ok": true}}).Exec(ctx(t)); err != nil {
		t.Fatalf("Dynamodel Update = %v", err)
	}
	var again map[string]any
	dynamoosetest.Run(t, profileJS+`const it = await Item.get("js"); out({ since: it.address.since, last: it.logins[2].at, n: it.logins.length });`,
		map[string]any{"table": table}, &again)
	later := `{"$date": ` + jsonInt(at.Add(time.Hour).Truncate(time.Second).UnixMilli()) + `}`
	sameJSON(t, "Dynamoose's read of Dynamodel's update", again, `{"since": `+later+`, "last": {"$date": `+jsonInt(at.Add(time.Hour).UnixMilli())+`}, "n": 3}`)
}
