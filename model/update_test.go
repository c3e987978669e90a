package model

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

func TestNegate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1", "-1"},
		{"-2.5", "2.5"},
		{"+3", "-3"},
		{"0", "0"},
		{"0.00", "0.00"},
		{"1e5", "-1e5"},
		{"12345678901234567890123456789012345678", "-12345678901234567890123456789012345678"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := negate(tt.in); got != tt.want {
				t.Errorf("negate(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestContainsListElement encodes the operand of contains as an element: of a set, through
// the set's element type, and of a list, through the list's element.
func TestContainsListElement(t *testing.T) {
	r := &recorder{deleteItem: func(*dynamodb.DeleteItemInput) (*dynamodb.DeleteItemOutput, error) {
		return &dynamodb.DeleteItemOutput{}, nil
	}}
	m := newOrders(t, r)
	err := m.Delete(context.Background(), Key{"c", 1}, If(And(Where("tags").Contains("gift"), Where("lines").Contains("l1"), Where("status").Contains("ai"))))
	if err != nil {
		t.Fatalf("Delete = %v", err)
	}
	golden(t, "delete_contains", r.requests[0])
}
