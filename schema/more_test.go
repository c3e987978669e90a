package schema

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

type Doc struct {
	ID    string         `dynamo:"id"`
	Body  any            `dynamo:"body,omitempty"`
	Extra map[string]any `dynamo:",unknown"`
}

func TestUnknownField(t *testing.T) {
	tests := []struct {
		name  string
		opts  []Option
		extra map[string]any
		want  string
		fails string
	}{
		{"kept by default", nil, map[string]any{"a": 1, "b": "x"}, `{a:N1 b:S"x" id:S"d"}`, ""},
		{"patterns", []Option{SaveUnknown("a", "m.keep")}, map[string]any{"a": 1, "b": "x", "m": map[string]any{"keep": 1, "drop": 2}}, `{a:N1 id:S"d" m:M{keep:N1}}`, ""},
		{"errorUnknown with patterns", []Option{SaveUnknown("a"), ErrorUnknown()}, map[string]any{"a": 1, "b": "x"}, "", "b:unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mustSchema(t)(For[Doc](tt.opts...))
			got, err := sc.Put(&Doc{ID: "d", Extra: tt.extra})
			if f := failures(err); f != tt.fails {
				t.Fatalf("Put() = %v; want failures %q", err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("Put() = %s; want %s", renderItem(got), tt.want)
			}
		})
	}
	sc := mustSchema(t)(For[Doc](SaveUnknown("a")))
	var d Doc
	if err := sc.Read(map[string]types.AttributeValue{"id": s("d"), "a": n("1"), "b": s("x")}, &d); err != nil {
		t.Fatalf("Read() = %v; want nil", err)
	}
	if diff := cmp.Diff(map[string]any{"a": attr.Number("1")}, d.Extra); diff != "" {
		t.Errorf("Read() unknown attributes (-want +got):\n%s", diff)
	}
}

func TestInterfaceFieldWithType(t *testing.T) {
	sc := mustSchema(t)(For[Doc](Attr("body", Type(attr.M))))
	tests := []struct {
		name  string
		body  any
		want  string
		fails string
	}{
		{"a map", map[string]any{"k": "v"}, `{body:M{k:S"v"} id:S"d"}`, ""},
		{"a string", "text", "", "body:type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sc.Put(&Doc{ID: "d", Body: tt.body})
			if f := failures(err); f != tt.fails {
				t.Fatalf("Put(%v) = %v; want failures %q", tt.body, err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("Put(%v) = %s; want %s", tt.body, renderItem(got), tt.want)
			}
		})
	}
}

func TestNullAndAny(t *testing.T) {
	sc := mustSchema(t)(New(Attr("id", Type(attr.S)), Attr("gone", Type(attr.NULL)), Attr("free", Any())))
	tests := []struct {
		name  string
		item  map[string]any
		want  string
		fails string
	}{
		{"null stored as NULL", map[string]any{"id": "x", "gone": nil}, `{gone:NULL id:S"x"}`, ""},
		{"null refuses values", map[string]any{"id": "x", "gone": 1}, "", "gone:type"},
		{"any takes anything", map[string]any{"id": "x", "free": []any{1, "a"}}, `{free:L[N1 S"a"] id:S"x"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sc.Put(tt.item)
			if f := failures(err); f != tt.fails {
				t.Fatalf("Put(%v) = %v; want failures %q", tt.item, err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("Put(%v) = %s; want %s", tt.item, renderItem(got), tt.want)
			}
		})
	}
}

func TestItemSetterDoesNotReachCaller(t *testing.T) {
	sc := mustSchema(t)(For[User](ItemSetter(func(u *User) error {
		u.Address.City = "changed"
		u.Addresses[0].City = "changed"
		return nil
	})))
	u := User{ID: "u1", Address: &Address{City: "Paris"}, Addresses: []Address{{City: "Lyon"}}}
	got, err := sc.Put(&u)
	if err != nil {
		t.Fatalf("Put() = %v; want nil", err)
	}
	if want := `{address:M{city:S"changed"} addresses:L[M{city:S"changed"}] id:S"u1"}`; renderItem(got) != want {
		t.Errorf("Put() = %s; want %s", renderItem(got), want)
	}
	if u.Address.City != "Paris" || u.Addresses[0].City != "Lyon" {
		t.Errorf("ItemSetter changed the caller's item: %+v %+v", *u.Address, u.Addresses)
	}
}

func TestUpdatePrevious(t *testing.T) {
	sc := mustSchema(t)(For[Profile](Attr("visits", Setter(func(v int, prev *int) (int, error) {
		if prev != nil && v < *prev {
			return 0, fmt.Errorf("visits cannot go down from %d to %d", *prev, v)
		}
		return v, nil
	}))))
	tests := []struct {
		name  string
		v     int
		fails string
	}{
		{"up", 5, ""},
		{"down", 1, "visits:set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sc.Update([]Change{{UpdateSet, "visits", tt.v}}, Previous(&Profile{ID: "p", Visits: 3}))
			if f := failures(err); f != tt.fails {
				t.Errorf("Update(visits=%d) = %v; want failures %q", tt.v, err, tt.fails)
			}
		})
	}
}

func TestExpiredMapItems(t *testing.T) {
	sc := mustSchema(t)(New(Attr("id", Type(attr.S)), Expires(time.Hour, HideExpired()), clock()))
	tests := []struct {
		name string
		ttl  time.Time
		want bool
	}{
		{"passed", fixed.Add(-time.Minute), true},
		{"now", fixed, true},
		{"later", fixed.Add(time.Minute), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item := map[string]types.AttributeValue{"id": s("x"), "ttl": n(fmt.Sprint(tt.ttl.Unix()))}
			if got := sc.Expired(item); got != tt.want {
				t.Errorf("Expired(ttl %v) = %v; want %v", tt.ttl, got, tt.want)
			}
			var out map[string]any
			err := sc.Read(item, &out)
			if errors.Is(err, ErrExpired) != tt.want {
				t.Errorf("Read(ttl %v) = %v; want expired %v", tt.ttl, err, tt.want)
			}
			if !tt.want && !out["ttl"].(time.Time).Equal(tt.ttl) {
				t.Errorf("Read(ttl %v) ttl = %v; want the time back", tt.ttl, out["ttl"])
			}
		})
	}
}

func TestHidesExpiredAndNow(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		hide bool
	}{
		{"no expiry", nil, false},
		{"expiry shown", []Option{Expires(time.Hour)}, false},
		{"expiry hidden", []Option{Expires(time.Hour, HideExpired())}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mustSchema(t)(New(append([]Option{Attr("id", Type(attr.S)), clock()}, tt.opts...)...))
			if got := sc.HidesExpired(); got != tt.hide {
				t.Errorf("HidesExpired() = %v; want %v", got, tt.hide)
			}
			if got := sc.Now(); !got.Equal(fixed) {
				t.Errorf("Now() = %v; want %v", got, fixed)
			}
		})
	}
}
