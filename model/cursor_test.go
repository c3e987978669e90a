package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

func TestCursorRoundTrip(t *testing.T) {
	key := map[string]types.AttributeValue{
		"pk":  &types.AttributeValueMemberS{Value: "user#1"},
		"sk":  &types.AttributeValueMemberN{Value: "42"},
		"bin": &types.AttributeValueMemberB{Value: []byte{0, 1, 255}},
	}
	for _, tt := range []struct {
		name   string
		secret []byte
	}{
		{"unsigned", nil},
		{"signed", []byte("s3cret")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := encodeCursor(tt.secret, "users", cursorScope{op: "query", index: "byEmail", part: "p1"}, key)
			if err != nil {
				t.Fatalf("encodeCursor = %v", err)
			}
			if strings.Contains(c, "user#1") {
				t.Errorf("cursor %q shows the key in clear text", c)
			}
			got, err := decodeCursor(tt.secret, "users", cursorScope{op: "query", index: "byEmail", part: "p1"}, c)
			if err != nil {
				t.Fatalf("decodeCursor(%q) = %v", c, err)
			}
			if diff := cmp.Diff(got, key, avOpts); diff != "" {
				t.Errorf("decodeCursor(%q) mismatch (-got +want):\n%s", c, diff)
			}
		})
	}
}

func TestCursorLastPage(t *testing.T) {
	c, err := encodeCursor(nil, "t", cursorScope{op: "scan"}, nil)
	if c != "" || err != nil {
		t.Errorf("encodeCursor(no key) = %q, %v; want \"\", nil", c, err)
	}
	key, err := decodeCursor(nil, "t", cursorScope{op: "scan"}, "")
	if key != nil || err != nil {
		t.Errorf("decodeCursor(\"\") = %v, %v; want nil, nil", key, err)
	}
}

func TestCursorRefused(t *testing.T) {
	key := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}}
	secret := []byte("k1")
	signed, err := encodeCursor(secret, "t", cursorScope{op: "query", part: "p1"}, key)
	if err != nil {
		t.Fatal(err)
	}
	unsigned, err := encodeCursor(nil, "t", cursorScope{op: "query", part: "p1"}, key)
	if err != nil {
		t.Fatal(err)
	}
	otherIndex, err := encodeCursor(nil, "t", cursorScope{op: "query", index: "ix", part: "p1"}, key)
	if err != nil {
		t.Fatal(err)
	}
	otherTable, err := encodeCursor(nil, "u", cursorScope{op: "query", part: "p1"}, key)
	if err != nil {
		t.Fatal(err)
	}
	ofScan, err := encodeCursor(nil, "t", cursorScope{op: "scan"}, key)
	if err != nil {
		t.Fatal(err)
	}
	otherPartition, err := encodeCursor(nil, "t", cursorScope{op: "query", part: "p2"}, key)
	if err != nil {
		t.Fatal(err)
	}
	payload, _, _ := strings.Cut(signed, ".")
	tests := []struct {
		name   string
		secret []byte
		cursor string
	}{
		{"unsigned where signing is required", secret, unsigned},
		{"signed with another key", []byte("k2"), signed},
		{"forged payload", secret, strings.Replace(signed, payload, unsigned[:len(unsigned)-2]+"xx", 1)},
		{"signed where none is expected", nil, signed},
		{"another index", nil, otherIndex},
		{"another table", nil, otherTable},
		{"a scan's", nil, ofScan},
		{"another partition", nil, otherPartition},
		{"not base64", nil, "***"},
		{"not json", nil, "bm90IGpzb24"},
		{"empty key", nil, "eyJ0IjoidCIsImsiOnt9fQ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeCursor(tt.secret, "t", cursorScope{op: "query", part: "p1"}, tt.cursor)
			if !errors.Is(err, ErrBadCursor) {
				t.Errorf("decodeCursor(%q) = %v, %v; want ErrBadCursor", tt.cursor, got, err)
			}
		})
	}
}

func TestPartitionDigest(t *testing.T) {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	a := partitionDigest("pk", s("a"))
	if again := partitionDigest("pk", s("a")); again != a {
		t.Errorf("digest of one partition = %q and %q; want them equal", a, again)
	}
	for _, other := range []string{
		partitionDigest("pk", s("b")),
		partitionDigest("gsi", s("a")),
		partitionDigest("pk", &types.AttributeValueMemberN{Value: "1"}),
	} {
		if other == a {
			t.Errorf("digest of another partition = %q; want it to differ from %q", other, a)
		}
	}
}

func TestCursorKeyChecked(t *testing.T) {
	want := []index.Key{{Name: "pk", Type: attr.S}, {Name: "sk", Type: attr.N}}
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	tests := []struct {
		name string
		key  map[string]types.AttributeValue
		ok   bool
	}{
		{"the keys", map[string]types.AttributeValue{"pk": s("a"), "sk": n("1")}, true},
		{"a key missing", map[string]types.AttributeValue{"pk": s("a")}, false},
		{"another attribute", map[string]types.AttributeValue{"pk": s("a"), "status": s("x")}, false},
		{"an attribute too many", map[string]types.AttributeValue{"pk": s("a"), "sk": n("1"), "status": s("x")}, false},
		{"a key of the wrong type", map[string]types.AttributeValue{"pk": s("a"), "sk": s("1")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkCursorKey(tt.key, want)
			if tt.ok != (err == nil) || err != nil && !errors.Is(err, ErrBadCursor) {
				t.Errorf("checkCursorKey(%v) = %v; want ok %v, else ErrBadCursor", tt.key, err, tt.ok)
			}
		})
	}
}
