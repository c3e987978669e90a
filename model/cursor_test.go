package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
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
			c, err := encodeCursor(tt.secret, "users", "byEmail", key)
			if err != nil {
				t.Fatalf("encodeCursor = %v", err)
			}
			if strings.Contains(c, "user#1") {
				t.Errorf("cursor %q shows the key in clear text", c)
			}
			got, err := decodeCursor(tt.secret, "users", "byEmail", c)
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
	c, err := encodeCursor(nil, "t", "", nil)
	if c != "" || err != nil {
		t.Errorf("encodeCursor(no key) = %q, %v; want \"\", nil", c, err)
	}
	key, err := decodeCursor(nil, "t", "", "")
	if key != nil || err != nil {
		t.Errorf("decodeCursor(\"\") = %v, %v; want nil, nil", key, err)
	}
}

func TestCursorRefused(t *testing.T) {
	key := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}}
	secret := []byte("k1")
	signed, err := encodeCursor(secret, "t", "", key)
	if err != nil {
		t.Fatal(err)
	}
	unsigned, err := encodeCursor(nil, "t", "", key)
	if err != nil {
		t.Fatal(err)
	}
	otherIndex, err := encodeCursor(nil, "t", "ix", key)
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
		{"not base64", nil, "***"},
		{"not json", nil, "bm90IGpzb24"},
		{"empty key", nil, "eyJ0IjoidCIsImsiOnt9fQ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeCursor(tt.secret, "t", "", tt.cursor)
			if !errors.Is(err, ErrBadCursor) {
				t.Errorf("decodeCursor(%q) = %v, %v; want ErrBadCursor", tt.cursor, got, err)
			}
		})
	}
}
