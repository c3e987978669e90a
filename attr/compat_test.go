package attr_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/dynamodel/dynamodel/attr"
	"github.com/google/go-cmp/cmp"
)

type SDKBase struct {
	Tenant string `dynamodbav:"tenant"`
}

type sdkAddress struct {
	City string `dynamodbav:"city"`
	Zip  string `dynamodbav:"zip,omitempty"`
}

// sdkItem is written the way a user of the SDK's attributevalue package tags structs.
type sdkItem struct {
	SDKBase
	ID       string            `dynamodbav:"id"`
	Count    int               `dynamodbav:"count"`
	Price    float64           `dynamodbav:"price"`
	Big      uint64            `dynamodbav:"big"`
	OK       bool              `dynamodbav:"ok"`
	When     time.Time         `dynamodbav:"when"` // the SDK writes RFC 3339 text
	Expires  time.Time         `dynamodbav:"expires,unixtime"`
	Tags     []string          `dynamodbav:"tags,stringset"`
	Nums     []int             `dynamodbav:"nums,numberset"`
	Bins     [][]byte          `dynamodbav:"bins,binaryset"`
	Names    []string          `dynamodbav:"names"`
	Scores   map[string]int    `dynamodbav:"scores"`
	Address  sdkAddress        `dynamodbav:"address"`
	History  []sdkAddress      `dynamodbav:"history"`
	Nickname *string           `dynamodbav:"nickname"` // nil: the SDK writes NULL
	Note     *string           `dynamodbav:"note,omitempty"`
	Data     []byte            `dynamodbav:"data"`
	Temp     celsius           `dynamodbav:"temp"`
	Extra    map[string]string `dynamodbav:"extra,omitempty"`
	Ignored  string            `dynamodbav:"-"`
}

func newSDKItem() sdkItem {
	note := "n"
	return sdkItem{
		SDKBase: SDKBase{Tenant: "acme"},
		ID:      "id-1", Count: -3, Price: 19.99, Big: 1 << 63, OK: true,
		When:    time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC),
		Expires: time.Unix(1900000000, 0).UTC(),
		Tags:    []string{"a", "b"}, Nums: []int{1, 2, 3}, Bins: [][]byte{{1}, {2, 3}},
		Names: []string{"x", "y"}, Scores: map[string]int{"math": 90},
		Address: sdkAddress{City: "Lyon"},
		History: []sdkAddress{{City: "Paris", Zip: "75001"}, {City: "Nice"}},
		Note:    &note,
		Data:    []byte("bytes"),
		Temp:    celsius(36.6),
	}
}

// TestDecodeSDKItems decodes items written by aws-sdk-go-v2's attributevalue package: a user
// moving from the SDK reads their existing data unchanged.
func TestDecodeSDKItems(t *testing.T) {
	tests := []struct {
		name string
		in   sdkItem
	}{
		{"full", newSDKItem()},
		{"zero", sdkItem{}},
		{"empty collections", sdkItem{Names: []string{}, Scores: map[string]int{}, History: []sdkAddress{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			written, err := attributevalue.MarshalMap(tt.in)
			if err != nil {
				t.Fatalf("attributevalue.MarshalMap(%+v) error: %v", tt.in, err)
			}
			var got sdkItem
			if err := attr.UnmarshalItem(written, &got); err != nil {
				t.Fatalf("UnmarshalItem(%s) error: %v", showItem(written), err)
			}
			if diff := cmp.Diff(tt.in, got); diff != "" {
				t.Errorf("UnmarshalItem(%s) = %+v; want %+v\n%s", showItem(written), got, tt.in, diff)
			}
			c, err := attr.For[sdkItem]()
			if err != nil {
				t.Fatal(err)
			}
			var viaCodec sdkItem
			if err := c.Unmarshal(written, &viaCodec); err != nil {
				t.Fatalf("Codec.Unmarshal(%s) error: %v", showItem(written), err)
			}
			if diff := cmp.Diff(tt.in, viaCodec); diff != "" {
				t.Errorf("Codec.Unmarshal(%s) = %+v; want %+v\n%s", showItem(written), viaCodec, tt.in, diff)
			}
		})
	}
}

// TestSDKDecodesOurItems checks the other direction where both agree on the stored form
// (everything but the default time format and nil pointers, which the SDK writes as NULL).
func TestSDKDecodesOurItems(t *testing.T) {
	in := newSDKItem()
	in.When = time.Time{}
	written, err := attr.MarshalItem(in)
	if err != nil {
		t.Fatalf("MarshalItem(%+v) error: %v", in, err)
	}
	delete(written, "when") // epoch milliseconds here, RFC 3339 text for the SDK
	var got sdkItem
	if err := attributevalue.UnmarshalMap(written, &got); err != nil {
		t.Fatalf("attributevalue.UnmarshalMap(%s) error: %v", showItem(written), err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("attributevalue.UnmarshalMap(%s) = %+v; want %+v\n%s", showItem(written), got, in, diff)
	}
	sdkWritten, err := attributevalue.MarshalMap(in)
	if err != nil {
		t.Fatal(err)
	}
	delete(sdkWritten, "when")
	delete(sdkWritten, "nickname") // NULL from the SDK, absent here
	if diff := diffItem(sdkWritten, written); diff != "" {
		t.Errorf("MarshalItem(%+v) = %s; the SDK writes %s\n%s", in, showItem(written), showItem(sdkWritten), diff)
	}
}
