package schema

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/validate"
)

type fastItem struct {
	ID    string `dynamo:"id"`
	Name  string `dynamo:"Label"` // stored under another field's Go name
	Label string `dynamo:"lbl"`
}

// TestReadAsIs checks that a struct schema reads stored items as they are (unknown
// attributes ignored) exactly as when they are dropped first.
func TestReadAsIs(t *testing.T) {
	tests := []struct {
		name   string
		s      *core
		asIs   bool
		stored map[string]types.AttributeValue
		want   fastItem
	}{
		{
			name: "unknown attributes ignored",
			s:    mustSchema(t)(For[fastItem](Attr("id", HashKey()))),
			asIs: true,
			stored: map[string]types.AttributeValue{
				"id": &types.AttributeValueMemberS{Value: "a"}, "Label": &types.AttributeValueMemberS{Value: "x"},
				"other": &types.AttributeValueMemberN{Value: "1"}, "ID": &types.AttributeValueMemberS{Value: "go name"},
			},
			want: fastItem{ID: "a", Name: "x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.s.readAsIs != tt.asIs {
				t.Errorf("readAsIs = %v; want %v", tt.s.readAsIs, tt.asIs)
			}
			var got fastItem
			if err := tt.s.Read(tt.stored, &got); err != nil {
				t.Fatalf("Read(%v) error: %v", tt.stored, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read(%v) = %v; want %v (-want +got):\n%s", tt.stored, got, tt.want, diff)
			}
		})
	}
	t.Run("ErrorUnknown reads through the check", func(t *testing.T) {
		s := mustSchema(t)(For[fastItem](Attr("id", HashKey()), ErrorUnknown()))
		if s.readAsIs {
			t.Fatal("readAsIs with ErrorUnknown; want false")
		}
		var got fastItem
		err := s.Read(map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}, "x": &types.AttributeValueMemberS{Value: "b"}}, &got)
		if !errors.Is(err, ErrUnknown) {
			t.Errorf("Read(unknown x) = %v; want ErrUnknown", err)
		}
	})
}

// TestKeyStrings checks the direct encoding of string keys beside the general one.
func TestKeyStrings(t *testing.T) {
	s := mustSchema(t)(For[fastItem](Attr("id", HashKey())))
	got, err := s.Key("a", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}}, got, cmp.AllowUnexported(types.AttributeValueMemberS{})); diff != "" {
		t.Errorf("Key(a) differs (-want +got):\n%s", diff)
	}
	if _, err := s.Key("", nil); !errors.Is(err, validate.ErrInvalid) {
		t.Errorf("Key(\"\") = %v; want a refusal", err)
	}
	if _, err := s.Key(42, nil); !errors.Is(err, validate.ErrInvalid) {
		t.Errorf("Key(42) = %v; want a refusal", err)
	}
}

type copyItem struct {
	ID      string    `dynamo:"id"`
	Views   int64     `dynamo:"views"`
	Tags    []string  `dynamo:"tags,set"`
	Created time.Time `dynamo:"created,unixtime"`
}

// TestWriteLeavesItem checks that an item the pipeline changes (a default, createdAt) and one
// it does not are both written right, and that the caller's item is unchanged either way.
func TestWriteLeavesItem(t *testing.T) {
	at := time.Unix(1718000000, 0).UTC()
	s := mustSchema(t)(For[copyItem](
		Attr("id", HashKey()),
		Attr("views", Default(int64(7))),
		Attr("tags", Enum("a", "b")),
		CreatedAt("created", attr.TimeSeconds),
		UpdatedAt("updated", attr.TimeSeconds),
		Clock(func() time.Time { return at }),
	))
	earlier := at.Add(-time.Hour)
	tests := []struct {
		name      string
		item      copyItem
		create    bool
		wantViews string
		wantAt    time.Time
	}{
		{"nothing to write", copyItem{ID: "a", Views: 3, Tags: []string{"a"}, Created: earlier}, false, "3", earlier},
		{"default to write", copyItem{ID: "a", Tags: []string{"a"}, Created: earlier}, false, "7", earlier},
		{"createdAt to write", copyItem{ID: "a", Views: 3}, false, "3", at},
		{"create sets createdAt", copyItem{ID: "a", Views: 3, Created: earlier}, true, "3", at},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := tt.item
			before.Tags = slices.Clone(tt.item.Tags)
			write := s.Put
			if tt.create {
				write = s.Create
			}
			got, err := write(&tt.item)
			if err != nil {
				t.Fatal(err)
			}
			if v := got["views"].(*types.AttributeValueMemberN).Value; v != tt.wantViews {
				t.Errorf("views = %s; want %s", v, tt.wantViews)
			}
			if c, want := got["created"].(*types.AttributeValueMemberN).Value, strconv.FormatInt(tt.wantAt.Unix(), 10); c != want {
				t.Errorf("created = %s; want %s", c, want)
			}
			if _, ok := got["updated"]; !ok {
				t.Errorf("no updated attribute in %v", got)
			}
			if diff := cmp.Diff(before, tt.item); diff != "" {
				t.Errorf("the caller's item changed (-before +after):\n%s", diff)
			}
		})
	}
	t.Run("refused item", func(t *testing.T) {
		item := copyItem{ID: "a", Views: 3, Tags: []string{"c"}, Created: earlier}
		if _, err := s.Put(&item); !errors.Is(err, validate.ErrInvalid) {
			t.Errorf("Put(tag c) = %v; want an enum refusal", err)
		}
	})
}
