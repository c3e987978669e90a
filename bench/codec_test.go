package bench

import (
	"fmt"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

// plain turns an attribute value into comparable Go values: each member becomes a one-key map
// from its type to its value, sets sorted (DynamoDB sets have no order).
func plain(av types.AttributeValue) any {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return map[string]any{"S": v.Value}
	case *types.AttributeValueMemberN:
		return map[string]any{"N": v.Value}
	case *types.AttributeValueMemberB:
		return map[string]any{"B": string(v.Value)}
	case *types.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": v.Value}
	case *types.AttributeValueMemberNULL:
		return map[string]any{"NULL": v.Value}
	case *types.AttributeValueMemberM:
		return map[string]any{"M": plainItem(v.Value)}
	case *types.AttributeValueMemberL:
		l := make([]any, len(v.Value))
		for i, e := range v.Value {
			l[i] = plain(e)
		}
		return map[string]any{"L": l}
	case *types.AttributeValueMemberSS:
		return map[string]any{"SS": sorted(v.Value)}
	case *types.AttributeValueMemberNS:
		return map[string]any{"NS": sorted(v.Value)}
	case *types.AttributeValueMemberBS:
		s := make([]string, len(v.Value))
		for i, b := range v.Value {
			s[i] = string(b)
		}
		return map[string]any{"BS": sorted(s)}
	}
	return fmt.Sprintf("unknown %T", av)
}

func plainItem(item map[string]types.AttributeValue) map[string]any {
	m := make(map[string]any, len(item))
	for k, av := range item {
		m[k] = plain(av)
	}
	return m
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

// equivalent checks that every codec writes the item the handwritten code writes, and reads
// it back into the original value: the benchmarks compare equal work.
func equivalent[T any](t *testing.T, v T, codecs []Codec[T]) {
	hand := codecs[len(codecs)-1]
	want, err := hand.Marshal(&v)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codecs {
		t.Run(c.Name, func(t *testing.T) {
			got, err := c.Marshal(&v)
			if err != nil {
				t.Fatalf("Marshal(%v) error: %v", v, err)
			}
			if diff := cmp.Diff(plainItem(want), plainItem(got)); diff != "" {
				t.Errorf("Marshal(%v) differs from the handwritten item (-handwritten +%s):\n%s", v, c.Name, diff)
			}
			var back T
			if err := c.Unmarshal(want, &back); err != nil {
				t.Fatalf("Unmarshal(%v) error: %v", want, err)
			}
			if diff := cmp.Diff(v, back); diff != "" {
				t.Errorf("Unmarshal(handwritten item) = %v; want %v (-want +got):\n%s", back, v, diff)
			}
		})
	}
}

func TestEquivalentItems(t *testing.T) {
	rep, err := Codecs(MarshalRepresentative, UnmarshalRepresentative)
	if err != nil {
		t.Fatal(err)
	}
	simple, err := Codecs(MarshalSimple, UnmarshalSimple)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("representative", func(t *testing.T) { equivalent(t, NewRepresentative(), rep) })
	nick := "ada"
	withNick := NewRepresentative()
	withNick.Nickname = &nick
	t.Run("representative-with-pointer", func(t *testing.T) { equivalent(t, withNick, rep) })
	t.Run("simple", func(t *testing.T) { equivalent(t, NewSimple(), simple) })
}
