package schema

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

type Address struct {
	City string `dynamo:"city,omitempty"`
	Zip  string `dynamo:"zip,omitempty"`
}

type User struct {
	ID        string    `dynamo:"id"`
	Email     string    `dynamo:"email,omitempty" validate:"omitempty,email"`
	Name      string    `dynamo:"name,omitempty"`
	Last      string    `dynamo:"last,omitempty"`
	Age       int       `dynamo:"age,omitempty"`
	Role      string    `dynamo:"role,omitempty"`
	Tags      []string  `dynamo:"tags,set,omitempty"`
	Address   *Address  `dynamo:"address,omitempty"`
	Addresses []Address `dynamo:"addresses,omitempty"`
	Born      time.Time `dynamo:"born,seconds,omitempty"`
}

func TestPutStruct(t *testing.T) {
	errTaken := errors.New("taken")
	tests := []struct {
		name   string
		opts   []Option
		item   User
		create bool
		want   string // rendered item, when the put succeeds
		fails  string // "path:rule ..." of the *validate.Error
	}{
		{
			name: "plain",
			item: User{ID: "u1", Name: "Ada", Age: 36},
			want: `{age:N36 id:S"u1" name:S"Ada"}`,
		},
		{
			name: "default value when absent",
			opts: []Option{Attr("role", Default("member"))},
			item: User{ID: "u1"},
			want: `{id:S"u1" role:S"member"}`,
		},
		{
			name: "default value not over a given one",
			opts: []Option{Attr("role", Default("member"))},
			item: User{ID: "u1", Role: "admin"},
			want: `{id:S"u1" role:S"admin"}`,
		},
		{
			name: "forceDefault over a given one",
			opts: []Option{Attr("role", Default("member"), ForceDefault())},
			item: User{ID: "u1", Role: "admin"},
			want: `{id:S"u1" role:S"member"}`,
		},
		{
			name: "default function",
			opts: []Option{Attr("age", DefaultFunc(func() int { return 18 }))},
			item: User{ID: "u1"},
			want: `{age:N18 id:S"u1"}`,
		},
		{
			name: "default then set then validate then enum",
			opts: []Option{Attr("role",
				Default(" Member "),
				Trim(), Lowercase(),
				Validate(validate.Regexp(regexp.MustCompile(`^[a-z]+$`))),
				Enum("member", "admin"))},
			item: User{ID: "u1"},
			want: `{id:S"u1" role:S"member"}`,
		},
		{
			name: "setter result is validated and fails enum",
			opts: []Option{Attr("role",
				Setter(func(v string, _ *string) (string, error) { return v + "!", nil }),
				Enum("member", "admin"))},
			item:  User{ID: "u1", Role: "admin"},
			fails: "role:enum",
		},
		{
			name: "setter sees the previous value",
			opts: []Option{Attr("name", Setter(func(v string, prev *string) (string, error) {
				if prev == nil {
					return v + " (new)", nil
				}
				return v + " (was " + *prev + ")", nil
			}))},
			item: User{ID: "u1", Name: "Ada"},
			want: `{id:S"u1" name:S"Ada (new)"}`,
		},
		{
			name:  "setter error",
			opts:  []Option{Attr("name", Setter(func(string, *string) (string, error) { return "", errTaken }))},
			item:  User{ID: "u1", Name: "Ada"},
			fails: "name:set",
		},
		{
			name: "uppercase on a string set",
			opts: []Option{Attr("tags", Uppercase())},
			item: User{ID: "u1", Tags: []string{"a", "b"}},
			want: `{id:S"u1" tags:SS["A" "B"]}`,
		},
		{
			name:  "validate tag from the struct",
			item:  User{ID: "u1", Email: "not-an-email"},
			fails: "email:email",
		},
		{
			name:  "validate function",
			opts:  []Option{Attr("age", Validate(validate.Func("adult", func(v int) error { return errIf(v < 18) })))},
			item:  User{ID: "u1", Age: 12},
			fails: "age:adult",
		},
		{
			name:  "validate value",
			opts:  []Option{Attr("name", Validate(validate.Value("Ada")))},
			item:  User{ID: "u1", Name: "Bob"},
			fails: "name:value",
		},
		{
			name:  "validators skip absent values",
			opts:  []Option{Attr("name", Validate(validate.Value("Ada")))},
			item:  User{ID: "u1"},
			want:  `{id:S"u1"}`,
			fails: "",
		},
		{
			name:  "required",
			opts:  []Option{Attr("name", Required()), Attr("age", Required())},
			item:  User{ID: "u1"},
			fails: "age:required name:required",
		},
		{
			name:  "enum",
			opts:  []Option{Attr("role", Enum("member", "admin"))},
			item:  User{ID: "u1", Role: "root"},
			fails: "role:enum",
		},
		{
			name:  "enum on set elements",
			opts:  []Option{Attr("tags", Enum("a", "b"))},
			item:  User{ID: "u1", Tags: []string{"a", "z"}},
			fails: "tags:enum",
		},
		{
			name:  "every failure at once",
			opts:  []Option{Attr("name", Required()), Attr("role", Enum("member"))},
			item:  User{ID: "u1", Role: "root", Email: "x"},
			fails: "email:email name:required role:enum",
		},
		{
			name: "required nested only when the parent is present",
			opts: []Option{Attr("address.city", Required())},
			item: User{ID: "u1"},
			want: `{id:S"u1"}`,
		},
		{
			name:  "required nested with the parent present",
			opts:  []Option{Attr("address.city", Required())},
			item:  User{ID: "u1", Address: &Address{Zip: "75001"}},
			fails: "address.city:required",
		},
		{
			name:  "required in list elements",
			opts:  []Option{Attr("addresses.city", Required())},
			item:  User{ID: "u1", Addresses: []Address{{City: "Paris"}, {Zip: "1000"}}},
			fails: "addresses[1].city:required",
		},
		{
			name: "nested default and transform",
			opts: []Option{Attr("address.city", Default("paris"), Uppercase())},
			item: User{ID: "u1", Address: &Address{Zip: "75001"}},
			want: `{address:M{city:S"PARIS" zip:S"75001"} id:S"u1"}`,
		},
		{
			name: "nested transform in list elements",
			opts: []Option{Attr("addresses.city", Lowercase())},
			item: User{ID: "u1", Addresses: []Address{{City: "PARIS"}, {City: "Lyon"}}},
			want: `{addresses:L[M{city:S"paris"} M{city:S"lyon"}] id:S"u1"}`,
		},
		{
			name: "combined attribute",
			opts: []Option{Attr("sk", Combine("#", "last", "name"))},
			item: User{ID: "u1", Name: "Ada", Last: "Lovelace"},
			want: `{id:S"u1" last:S"Lovelace" name:S"Ada" sk:S"Lovelace#Ada"}`,
		},
		{
			name: "combined attribute skips absent sources",
			opts: []Option{Attr("sk", Combine("#", "last", "name"))},
			item: User{ID: "u1", Name: "Ada"},
			want: `{id:S"u1" name:S"Ada" sk:S"Ada"}`,
		},
		{
			name: "combined attribute uses stored forms and defaults",
			opts: []Option{Attr("role", Default("member")), Attr("sk", Combine("#", "role", "born", "age"))},
			item: User{ID: "u1", Age: 7, Born: time.Unix(1700000000, 0)},
			want: `{age:N7 born:N1700000000 id:S"u1" role:S"member" sk:S"member#1700000000#7"}`,
		},
		{
			name: "constant",
			opts: []Option{Attr("type", Constant("USER"))},
			item: User{ID: "u1"},
			want: `{id:S"u1" type:S"USER"}`,
		},
		{
			name: "timestamps on put",
			opts: []Option{Timestamps()},
			item: User{ID: "u1"},
			want: `{createdAt:N` + ms(fixed) + ` id:S"u1" updatedAt:N` + ms(fixed) + `}`,
		},
		{
			name: "custom timestamps with storage",
			opts: []Option{CreatedAt("created", attr.TimeISO), UpdatedAt("modified", attr.TimeSeconds)},
			item: User{ID: "u1"},
			want: `{created:S"2026-11-21T10:30:00.000Z" id:S"u1" modified:N` + fmt.Sprint(fixed.Unix()) + `}`,
		},
		{
			name: "expires",
			opts: []Option{Expires(time.Hour)},
			item: User{ID: "u1"},
			want: `{id:S"u1" ttl:N` + fmt.Sprint(fixed.Add(time.Hour).Unix()) + `}`,
		},
		{
			name: "expires with a default function and another name",
			opts: []Option{Expires(time.Hour, TTLAttribute("expiresAt"), DefaultExpires(func(now time.Time) (time.Time, bool) {
				return now.Add(24 * time.Hour), true
			}))},
			item: User{ID: "u1"},
			want: `{expiresAt:N` + fmt.Sprint(fixed.Add(24*time.Hour).Unix()) + ` id:S"u1"}`,
		},
		{
			name: "expires with no expiry for this item",
			opts: []Option{Expires(time.Hour, DefaultExpires(func(time.Time) (time.Time, bool) { return time.Time{}, false }))},
			item: User{ID: "u1"},
			want: `{id:S"u1"}`,
		},
		{
			name:  "empty hash key",
			item:  User{Name: "Ada"},
			fails: "id:key",
		},
		{
			name: "item validator",
			opts: []Option{ItemValidator(func(u *User) error {
				if u.Name == u.Last {
					return errors.New("name and last name are the same")
				}
				return nil
			})},
			item:  User{ID: "u1", Name: "X", Last: "X"},
			fails: ":item",
		},
		{
			name: "item setter",
			opts: []Option{ItemSetter(func(u *User) error { u.Name = strings.ToUpper(u.Name); return nil })},
			item: User{ID: "u1", Name: "ada"},
			want: `{id:S"u1" name:S"ADA"}`,
		},
		{
			name: "toDynamo",
			opts: []Option{Attr("age", ToDynamo(func(v int) (types.AttributeValue, error) {
				return &types.AttributeValueMemberS{Value: fmt.Sprintf("age-%d", v)}, nil
			}))},
			item: User{ID: "u1", Age: 3},
			want: `{age:S"age-3" id:S"u1"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSchema(t)(For[User](append([]Option{clock()}, tt.opts...)...))
			before := fmt.Sprintf("%+v", tt.item)
			var got map[string]types.AttributeValue
			var err error
			if tt.create {
				got, err = s.Create(&tt.item)
			} else {
				got, err = s.Put(&tt.item)
			}
			if f := failures(err); f != tt.fails {
				t.Fatalf("Put(%+v) = %v; want failures %q", tt.item, err, tt.fails)
			}
			if err == nil && renderItem(got) != tt.want {
				t.Errorf("Put(%+v) = %s; want %s", tt.item, renderItem(got), tt.want)
			}
			if after := fmt.Sprintf("%+v", tt.item); after != before {
				t.Errorf("Put changed the caller's item: %s; want %s", after, before)
			}
		})
	}
}

func errIf(b bool) error {
	if b {
		return errors.New("refused")
	}
	return nil
}

func TestPutDoesNotModifyNestedValues(t *testing.T) {
	s := mustSchema(t)(For[User](Attr("address.city", Uppercase()), Attr("addresses.city", Uppercase())))
	u := User{ID: "u1", Address: &Address{City: "paris"}, Addresses: []Address{{City: "lyon"}}}
	if _, err := s.Put(&u); err != nil {
		t.Fatalf("Put() = %v; want nil", err)
	}
	if u.Address.City != "paris" || u.Addresses[0].City != "lyon" {
		t.Errorf("Put changed nested values of the caller: %+v %+v", *u.Address, u.Addresses)
	}
}

// Timestamps: create always sets createdAt, put keeps one the item has, updatedAt is always
// the write's time.
type Stamped struct {
	ID        string    `dynamo:"id"`
	CreatedAt time.Time `dynamo:"createdAt"`
	UpdatedAt time.Time `dynamo:"updatedAt"`
}

func TestTimestampsCreateVsPut(t *testing.T) {
	earlier := fixed.Add(-48 * time.Hour)
	tests := []struct {
		name   string
		create bool
		item   Stamped
		want   string
	}{
		{"put new", false, Stamped{ID: "a"}, `{createdAt:N` + ms(fixed) + ` id:S"a" updatedAt:N` + ms(fixed) + `}`},
		{"put keeps createdAt", false, Stamped{ID: "a", CreatedAt: earlier, UpdatedAt: earlier}, `{createdAt:N` + ms(earlier) + ` id:S"a" updatedAt:N` + ms(fixed) + `}`},
		{"create sets createdAt", true, Stamped{ID: "a", CreatedAt: earlier}, `{createdAt:N` + ms(fixed) + ` id:S"a" updatedAt:N` + ms(fixed) + `}`},
	}
	s := mustSchema(t)(For[Stamped](Timestamps(), clock()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write := s.Put
			if tt.create {
				write = s.Create
			}
			got, err := write(&tt.item)
			if err != nil {
				t.Fatalf("write(%+v) = %v; want nil", tt.item, err)
			}
			if renderItem(got) != tt.want {
				t.Errorf("write(%+v) = %s; want %s", tt.item, renderItem(got), tt.want)
			}
		})
	}
}

func TestPutPrevious(t *testing.T) {
	s := mustSchema(t)(For[User](Attr("name", Setter(func(v string, prev *string) (string, error) {
		if prev != nil {
			return *prev + "->" + v, nil
		}
		return v, nil
	}))))
	got, err := s.Put(&User{ID: "u1", Name: "new"}, Previous(&User{ID: "u1", Name: "old"}))
	if err != nil {
		t.Fatalf("Put() = %v; want nil", err)
	}
	if want := `{id:S"u1" name:S"old->new"}`; renderItem(got) != want {
		t.Errorf("Put() = %s; want %s", renderItem(got), want)
	}
	if _, err := s.Put(&User{ID: "u1"}, Previous(map[string]any{})); !errors.Is(err, ErrItemType) {
		t.Errorf("Put(Previous(map)) = %v; want %v", err, ErrItemType)
	}
}

func TestPutWrongItemType(t *testing.T) {
	s := mustSchema(t)(For[User]())
	tests := []struct {
		name string
		item any
	}{
		{"value, not pointer", User{ID: "u1"}},
		{"nil pointer", (*User)(nil)},
		{"other struct", &Address{}},
		{"map", map[string]any{"id": "u1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Put(tt.item); !errors.Is(err, ErrItemType) {
				t.Errorf("Put(%T) = %v; want %v", tt.item, err, ErrItemType)
			}
		})
	}
}

type Big struct {
	ID   string `dynamo:"id"`
	Blob string `dynamo:"blob"`
}

func TestItemTooLarge(t *testing.T) {
	s := mustSchema(t)(For[Big]())
	tests := []struct {
		name    string
		size    int
		wantErr error
	}{
		{"just under", MaxItemSize - len("id") - len("u1") - len("blob"), nil},
		{"one byte over", MaxItemSize - len("id") - len("u1") - len("blob") + 1, ErrItemTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Put(&Big{ID: "u1", Blob: strings.Repeat("x", tt.size)})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("Put(%d bytes) = %v; want %v", tt.size, err, tt.wantErr)
			}
		})
	}
}
