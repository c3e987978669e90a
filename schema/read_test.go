package schema

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
)

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
func m(v map[string]types.AttributeValue) types.AttributeValue {
	return &types.AttributeValueMemberM{Value: v}
}

func TestReadStruct(t *testing.T) {
	past := fmt.Sprint(fixed.Add(-time.Second).Unix())
	future := fmt.Sprint(fixed.Add(time.Hour).Unix())
	type TTLUser struct {
		ID  string    `dynamo:"id"`
		TTL time.Time `dynamo:"ttl,seconds,omitempty"`
	}
	tests := []struct {
		name    string
		build   func() (*core, error)
		item    map[string]types.AttributeValue
		want    any
		wantErr error
	}{
		{
			name:  "plain",
			build: func() (*core, error) { return untype(For[User]()) },
			item:  map[string]types.AttributeValue{"id": s("u1"), "name": s("Ada"), "age": n("36")},
			want:  &User{ID: "u1", Name: "Ada", Age: 36},
		},
		{
			name: "getters, nested too",
			build: func() (*core, error) {
				return untype(For[User](
					Attr("name", Getter(func(v string) (string, error) { return strings.ToUpper(v), nil })),
					Attr("address.city", Getter(func(v string) (string, error) { return "city of " + v, nil })),
				))
			},
			item: map[string]types.AttributeValue{"id": s("u1"), "name": s("ada"), "address": m(map[string]types.AttributeValue{"city": s("Paris")})},
			want: &User{ID: "u1", Name: "ADA", Address: &Address{City: "city of Paris"}},
		},
		{
			name: "fromDynamo",
			build: func() (*core, error) {
				return untype(For[User](Attr("age", FromDynamo(func(av types.AttributeValue) (int, error) {
					return len(av.(*types.AttributeValueMemberS).Value), nil
				}))))
			},
			item: map[string]types.AttributeValue{"id": s("u1"), "age": s("four")},
			want: &User{ID: "u1", Age: 4},
		},
		{
			name: "item getter",
			build: func() (*core, error) {
				return untype(For[User](ItemGetter(func(u *User) error { u.Role = "seen"; return nil })))
			},
			item: map[string]types.AttributeValue{"id": s("u1")},
			want: &User{ID: "u1", Role: "seen"},
		},
		{
			name:    "expired and hidden",
			build:   func() (*core, error) { return untype(For[TTLUser](Expires(time.Hour, HideExpired()), clock())) },
			item:    map[string]types.AttributeValue{"id": s("u1"), "ttl": n(past)},
			wantErr: ErrExpired,
		},
		{
			name:  "not yet expired",
			build: func() (*core, error) { return untype(For[TTLUser](Expires(time.Hour, HideExpired()), clock())) },
			item:  map[string]types.AttributeValue{"id": s("u1"), "ttl": n(future)},
			want:  &TTLUser{ID: "u1", TTL: fixed.Add(time.Hour)},
		},
		{
			name:  "expired but returned",
			build: func() (*core, error) { return untype(For[TTLUser](Expires(time.Hour), clock())) },
			item:  map[string]types.AttributeValue{"id": s("u1"), "ttl": n(past)},
			want:  &TTLUser{ID: "u1", TTL: fixed.Add(-time.Second)},
		},
		{
			name:    "unknown attribute with errorUnknown",
			build:   func() (*core, error) { return untype(For[User](ErrorUnknown())) },
			item:    map[string]types.AttributeValue{"id": s("u1"), "zzz": s("?")},
			wantErr: ErrUnknown,
		},
		{
			name:  "unknown attribute dropped",
			build: func() (*core, error) { return untype(For[User]()) },
			item:  map[string]types.AttributeValue{"id": s("u1"), "zzz": s("?")},
			want:  &User{ID: "u1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mustSchema(t)(tt.build())
			out := sc.newItem()
			err := sc.Read(tt.item, out)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("Read(%s) = %v; want %v", renderItem(tt.item), err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, out); diff != "" {
				t.Errorf("Read(%s) (-want +got):\n%s", renderItem(tt.item), diff)
			}
		})
	}
}

func TestRoundTripStruct(t *testing.T) {
	sc := mustSchema(t)(For[User](Attr("role", Default("member")), Attr("sk", Combine("#", "last", "name"))))
	in := User{ID: "u1", Name: "Ada", Last: "Lovelace", Tags: []string{"x"}, Address: &Address{City: "London"},
		Addresses: []Address{{City: "Paris"}}, Born: time.Unix(1700000000, 0).UTC()}
	item, err := sc.Put(&in)
	if err != nil {
		t.Fatalf("Put() = %v; want nil", err)
	}
	var out User
	if err := sc.Read(item, &out); err != nil {
		t.Fatalf("Read() = %v; want nil", err)
	}
	want := in
	want.Role = "member"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("Read(Put(%+v)) (-want +got):\n%s", in, diff)
	}
}

func TestReadMap(t *testing.T) {
	born := time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		opts []Option
		item map[string]types.AttributeValue
		want map[string]any
	}{
		{
			name: "dates decode as times, aliases as keys, unknown dropped",
			item: map[string]types.AttributeValue{
				"ownerId": n("7"), "name": s("Rex"), "born": s("2020-05-01T00:00:00Z"), "nick": s("R"), "zzz": s("?"),
				"vet": m(map[string]types.AttributeValue{"name": s("X"), "phone": s("555")}),
			},
			want: map[string]any{"ownerId": attr.Number("7"), "name": "Rex", "born": born, "nickname": "R", "vet": map[string]any{"name": "X", "tel": "555"}},
		},
		{
			name: "unknown kept by pattern",
			opts: []Option{SaveUnknown("zzz")},
			item: map[string]types.AttributeValue{"ownerId": n("7"), "name": s("Rex"), "zzz": s("?"), "yyy": s("!")},
			want: map[string]any{"ownerId": attr.Number("7"), "name": "Rex", "zzz": "?"},
		},
		{
			name: "unknown nested attributes dropped",
			item: map[string]types.AttributeValue{"ownerId": n("7"), "name": s("Rex"),
				"vet": m(map[string]types.AttributeValue{"name": s("X"), "zzz": s("?")})},
			want: map[string]any{"ownerId": attr.Number("7"), "name": "Rex", "vet": map[string]any{"name": "X"}},
		},
		{
			name: "unknown nested attributes kept by pattern",
			opts: []Option{SaveUnknown("vet.*")},
			item: map[string]types.AttributeValue{"ownerId": n("7"), "name": s("Rex"),
				"vet": m(map[string]types.AttributeValue{"name": s("X"), "zzz": s("?")})},
			want: map[string]any{"ownerId": attr.Number("7"), "name": "Rex", "vet": map[string]any{"name": "X", "zzz": "?"}},
		},
		{
			name: "lists of maps",
			item: map[string]types.AttributeValue{"ownerId": n("7"), "name": s("Rex"),
				"awards": &types.AttributeValueMemberL{Value: []types.AttributeValue{m(map[string]types.AttributeValue{"year": n("2021")})}}},
			want: map[string]any{"ownerId": attr.Number("7"), "name": "Rex", "awards": []any{map[string]any{"year": attr.Number("2021")}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mustSchema(t)(New(pets(tt.opts...)...))
			var got map[string]any
			if err := sc.Read(tt.item, &got); err != nil {
				t.Fatalf("Read(%s) = %v; want nil", renderItem(tt.item), err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read(%s) (-want +got):\n%s", renderItem(tt.item), diff)
			}
		})
	}
}

func TestReadWrongType(t *testing.T) {
	tests := []struct {
		name  string
		build func() (*core, error)
		out   any
	}{
		{"struct schema, map out", func() (*core, error) { return untype(For[User]()) }, &map[string]any{}},
		{"struct schema, value out", func() (*core, error) { return untype(For[User]()) }, User{}},
		{"map schema, struct out", func() (*core, error) { return untype(New(pets()...)) }, &User{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mustSchema(t)(tt.build())
			if err := sc.Read(map[string]types.AttributeValue{}, tt.out); !errors.Is(err, ErrItemType) {
				t.Errorf("Read(%T) = %v; want %v", tt.out, err, ErrItemType)
			}
		})
	}
}

func TestReadMapErrorUnknown(t *testing.T) {
	sc := mustSchema(t)(New(pets(ErrorUnknown())...))
	tests := []struct {
		name    string
		item    map[string]types.AttributeValue
		wantErr error
	}{
		{"known only", map[string]types.AttributeValue{"ownerId": n("7"), "vet": m(map[string]types.AttributeValue{"name": s("X")})}, nil},
		{"unknown at the top", map[string]types.AttributeValue{"ownerId": n("7"), "zzz": s("?")}, ErrUnknown},
		{"unknown nested", map[string]types.AttributeValue{"ownerId": n("7"), "vet": m(map[string]types.AttributeValue{"zzz": s("?")})}, ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out map[string]any
			err := sc.Read(tt.item, &out)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("Read(%s) = %v; want %v", renderItem(tt.item), err, tt.wantErr)
			}
		})
	}
}
