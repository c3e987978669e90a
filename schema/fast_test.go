package schema

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

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
		s      *Schema
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
		{
			name:   "kept unknown attributes",
			s:      mustSchema(t)(For[fastItem](Attr("id", HashKey()), SaveUnknown("*"))),
			asIs:   true,
			stored: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}, "extra": &types.AttributeValueMemberS{Value: "e"}},
			want:   fastItem{ID: "a"},
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
