package dynamodelcli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// avOptions compares attribute values by content.
var avOptions = cmpopts.IgnoreUnexported(
	types.AttributeValueMemberS{}, types.AttributeValueMemberN{}, types.AttributeValueMemberB{},
	types.AttributeValueMemberBOOL{}, types.AttributeValueMemberNULL{}, types.AttributeValueMemberL{},
	types.AttributeValueMemberM{}, types.AttributeValueMemberSS{}, types.AttributeValueMemberNS{},
	types.AttributeValueMemberBS{},
)

func TestParseItem(t *testing.T) {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	tests := []struct {
		name string
		in   string
		want map[string]types.AttributeValue
	}{
		{"string and number", `{"id":"a","n":1}`, map[string]types.AttributeValue{"id": s("a"), "n": n("1")}},
		{"number text kept", `{"big":123456789012345678901234567890.5,"e":1e-7,"neg":-0.10}`,
			map[string]types.AttributeValue{"big": n("123456789012345678901234567890.5"), "e": n("1e-7"), "neg": n("-0.10")}},
		{"bool and null", `{"t":true,"f":false,"z":null}`, map[string]types.AttributeValue{
			"t": &types.AttributeValueMemberBOOL{Value: true}, "f": &types.AttributeValueMemberBOOL{Value: false}, "z": &types.AttributeValueMemberNULL{Value: true}}},
		{"list and map", `{"l":["a",2,[]],"m":{"k":{"x":"y"},"e":{}}}`, map[string]types.AttributeValue{
			"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{s("a"), n("2"), &types.AttributeValueMemberL{Value: []types.AttributeValue{}}}},
			"m": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
				"k": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"x": s("y")}},
				"e": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}},
			}}}},
		{"empty string", `{"s":""}`, map[string]types.AttributeValue{"s": s("")}},
		{"whitespace around", " \n{\"id\":\"a\"}\n ", map[string]types.AttributeValue{"id": s("a")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseItem([]byte(tt.in), "-item")
			if err != nil {
				t.Fatalf("parseItem(%s) = %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got, avOptions); diff != "" {
				t.Errorf("parseItem(%s) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseItemErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "  ", "-item is empty; want a JSON object"},
		{"syntax", `{"a":}`, "-item is not valid JSON: invalid character '}'"},
		{"string", `"a"`, "-item is a JSON string; want an object"},
		{"number", `1`, "-item is a JSON number; want an object"},
		{"null", `null`, "-item is a JSON null; want an object"},
		{"two objects", `{} {}`, "-item has more after its JSON object"},
		{"empty name", `{"":1}`, "-item has an attribute with an empty name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseItem([]byte(tt.in), "-item")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseItem(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.want)
			}
		})
	}
}

// TestItemRoundTrip writes what parseItem reads: the same JSON, attributes sorted.
func TestItemRoundTrip(t *testing.T) {
	tests := []struct{ name, in string }{
		{"scalars", `{"a":"x","b":1.50,"c":true,"d":null}`},
		{"nested", `{"m":{"l":[1,{"z":[]}],"s":"<&>"}}`},
		{"big number", `{"n":-99999999999999999999999999999999999999}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item, err := parseItem([]byte(tt.in), "-item")
			if err != nil {
				t.Fatalf("parseItem(%s) = %v", tt.in, err)
			}
			var out bytes.Buffer
			if err := writeItem(&out, item); err != nil {
				t.Fatalf("writeItem(%s) = %v", tt.in, err)
			}
			if got := out.String(); got != tt.in+"\n" {
				t.Errorf("writeItem(parseItem(%s)) = %q; want %q", tt.in, got, tt.in+"\n")
			}
		})
	}
}

func TestCursor(t *testing.T) {
	keys := []map[string]types.AttributeValue{
		{"pk": &types.AttributeValueMemberS{Value: "a#1"}},
		{"pk": &types.AttributeValueMemberS{Value: "ü"}, "sk": &types.AttributeValueMemberN{Value: "-1.5"}},
		{"id": &types.AttributeValueMemberB{Value: []byte{0, 255}}, "gsi": &types.AttributeValueMemberS{Value: "x"}},
	}
	for _, key := range keys {
		c, err := encodeCursor(key)
		if err != nil {
			t.Fatalf("encodeCursor(%v) = %v", key, err)
		}
		if strings.ContainsAny(c, "+/= ") {
			t.Errorf("encodeCursor(%v) = %q; want URL- and shell-safe characters", key, c)
		}
		got, err := decodeCursor(c)
		if err != nil {
			t.Fatalf("decodeCursor(%q) = %v", c, err)
		}
		if diff := cmp.Diff(key, got, avOptions); diff != "" {
			t.Errorf("decodeCursor(encodeCursor()) mismatch (-want +got):\n%s", diff)
		}
	}
	if _, err := encodeCursor(map[string]types.AttributeValue{"x": &types.AttributeValueMemberBOOL{Value: true}}); err == nil {
		t.Errorf("encodeCursor(BOOL key) = nil error; want one: keys are S, N or B")
	}
	for _, bad := range []string{"", "!!", "e30", "eyJhIjp7fX0", "eyJhIjp7IlMiOiJ4IiwiTiI6IjEifX0", "eyJhIjp7IkJPT0wiOiJ4In19"} {
		// "", not base64, {}, {"a":{}}, {"a":{"S":"x","N":"1"}}, {"a":{"BOOL":"x"}}
		if got, err := decodeCursor(bad); err == nil {
			t.Errorf("decodeCursor(%q) = %v, nil; want an error", bad, got)
		}
	}
}
