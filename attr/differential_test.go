package attr_test

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
	"github.com/google/go-cmp/cmp"
)

// The differential test runs the compiled codec, whose struct fields, members and number texts
// are reached through unsafe pointers (struct.go, arena.go), beside the SDK's attributevalue
// package, which walks the same values with reflection. The types use only what the two store
// alike: the tags are the SDK's, empty values are left out on both sides (omitempty), and sets
// have no duplicates.

type diffAward struct {
	Name   string  `dynamodbav:"name"`
	Year   int     `dynamodbav:"year"`
	Gold   bool    `dynamodbav:"gold"`
	Points float64 `dynamodbav:"points"`
}

type diffAddress struct {
	Street string `dynamodbav:"street"`
	City   string `dynamodbav:"city"`
	Zip    int32  `dynamodbav:"zip"`
}

// diffProfile mixes inline scalars with a field encoded through its codec: two runs of scalars
// in a nested struct, whose members come from the arena.
type diffProfile struct {
	Handle string   `dynamodbav:"handle"`
	Langs  []string `dynamodbav:"langs,stringset,omitempty"`
	Level  int32    `dynamodbav:"level"`
	Score  float64  `dynamodbav:"score"`
}

type sdkDiffItem struct {
	ID      string            `dynamodbav:"id"`
	Views   int64             `dynamodbav:"views"`
	Count   int               `dynamodbav:"count"`
	Rating  float64           `dynamodbav:"rating"`
	Active  bool              `dynamodbav:"active"`
	Avatar  []byte            `dynamodbav:"avatar,omitempty"`
	Tags    []string          `dynamodbav:"tags,stringset,omitempty"`
	Labels  map[string]string `dynamodbav:"labels,omitempty"`
	Address diffAddress       `dynamodbav:"address"`
	Awards  []diffAward       `dynamodbav:"awards,omitempty"`
	Scores  []int64           `dynamodbav:"scores,omitempty"`
	Nick    *string           `dynamodbav:"nick,omitempty"`
	Home    *diffAddress      `dynamodbav:"home,omitempty"`
	Profile diffProfile       `dynamodbav:"profile"`
	Rank    int32             `dynamodbav:"rank"` // a second run of scalars, in the item's block
	Note    string            `dynamodbav:"note"`
}

// sdkFlat has only fields the codec encodes in place, into the item's own block: one run of
// inline fields (structPlan.encodeInline) without encodeFields.
type sdkFlat struct {
	ID     string  `dynamodbav:"id"`
	Name   string  `dynamodbav:"name"`
	Age    int     `dynamodbav:"age"`
	Views  int64   `dynamodbav:"views"`
	Small  int32   `dynamodbav:"small"`
	Rating float64 `dynamodbav:"rating"`
	OK     bool    `dynamodbav:"ok"`
}

// newSDKDiffItem builds a value from the fuzzer's inputs: n awards (past 16, a list's members no
// longer come from one cached block), the words of s as set members (empty ones left out, as
// DynamoDB refuses them), labels and texts.
func newSDKDiffItem(s string, i int64, f float64, b bool, bin []byte, n uint8) sdkDiffItem {
	words := strings.Split(s, ",")
	if len(bin) == 0 {
		bin = nil // the SDK's omitempty keeps an empty []byte{}, the codec's leaves it out
	}
	tags := slices.Compact(slices.Sorted(slices.Values(slices.DeleteFunc(slices.Clone(words), func(w string) bool { return w == "" }))))
	v := sdkDiffItem{
		ID:      s,
		Views:   i,
		Count:   int(int32(i)),
		Rating:  f,
		Active:  b,
		Avatar:  bin,
		Tags:    tags,
		Labels:  map[string]string{},
		Address: diffAddress{Street: s, City: strings.ToUpper(s), Zip: int32(i >> 32)},
		Profile: diffProfile{Handle: strings.ToLower(s), Langs: tags, Level: int32(n), Score: -f},
		Rank:    int32(i),
		Note:    s + "!",
	}
	for j, w := range words {
		v.Labels["k"+w] = strconv.Itoa(j) + w // the SDK refuses an empty key
	}
	for j := range int(n % 40) {
		v.Awards = append(v.Awards, diffAward{
			Name:   words[j%len(words)],
			Year:   int(i%3000) + j,
			Gold:   (j%2 == 0) == b,
			Points: f / float64(j+1),
		})
		v.Scores = append(v.Scores, i-int64(j))
	}
	if b {
		v.Nick = &v.ID
	} else {
		v.Home = &diffAddress{Street: strings.Repeat(s, 2), Zip: int32(i)}
	}
	return v
}

// canonicalNumbers returns a copy of av with the text of every number in canonical form: the
// SDK writes floats without an exponent (1000000000000000000000), the codec with one (1e+21).
func canonicalNumbers(av types.AttributeValue) types.AttributeValue {
	switch v := av.(type) {
	case *types.AttributeValueMemberN:
		return &types.AttributeValueMemberN{Value: attr.CanonicalNumber(v.Value)}
	case *types.AttributeValueMemberNS:
		c := make([]string, len(v.Value))
		for i, s := range v.Value {
			c[i] = attr.CanonicalNumber(s)
		}
		return &types.AttributeValueMemberNS{Value: c}
	case *types.AttributeValueMemberM:
		return &types.AttributeValueMemberM{Value: canonicalItem(v.Value)}
	case *types.AttributeValueMemberL:
		c := make([]types.AttributeValue, len(v.Value))
		for i, e := range v.Value {
			c[i] = canonicalNumbers(e)
		}
		return &types.AttributeValueMemberL{Value: c}
	}
	return av
}

func canonicalItem(it item) item {
	c := make(item, len(it))
	for k, v := range it {
		c[k] = canonicalNumbers(v)
	}
	return c
}

// FuzzDifferentialSDK checks that the compiled codec writes the item the SDK's reflection
// writes for the same value, and that both read that item back to the same value: for a
// struct of nested values (sdkDiffItem) and for one of scalars only (sdkFlat).
func FuzzDifferentialSDK(f *testing.F) {
	f.Add("customer#8f14e45f,gold,web", int64(1234567), 4.75, true, []byte{0x89, 0x50}, uint8(3))
	f.Add("", int64(0), 0.0, false, []byte(nil), uint8(0))
	f.Add("a,b,,c", int64(math.MinInt64), -1e300, false, []byte{}, uint8(17))
	f.Add("ünï,cödé", int64(math.MaxInt64), 1e21, true, []byte{0xff}, uint8(39))
	c, err := attr.For[sdkDiffItem]()
	if err != nil {
		f.Fatal(err)
	}
	flatCodec, err := attr.For[sdkFlat]()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, i int64, fl float64, b bool, bin []byte, n uint8) {
		if !utf8.ValidString(s) || math.IsNaN(fl) || math.IsInf(fl, 0) {
			t.Skip("refused by the codec, accepted by the SDK (see FuzzRoundTrip)")
		}
		differential(t, c, newSDKDiffItem(s, i, fl, b, bin, n))
		flat := sdkFlat{ID: s, Name: strings.ToUpper(s), Age: int(int32(i)), Views: i, Small: int32(i >> 32), Rating: fl, OK: b}
		differential(t, flatCodec, flat)
	})
}

// differential checks that c writes the item the SDK writes for in, and reads it back as the
// SDK does.
func differential[T any](t *testing.T, c *attr.Codec[T], in T) {
	t.Helper()
	got, err := c.Marshal(&in)
	if err != nil {
		t.Fatalf("Marshal(%+v) error: %v", in, err)
	}
	want, err := attributevalue.MarshalMap(in)
	if err != nil {
		t.Fatalf("attributevalue.MarshalMap(%+v) error: %v", in, err)
	}
	if diff := diffItem(canonicalItem(want), canonicalItem(got)); diff != "" {
		t.Fatalf("Marshal(%+v) = %s; the SDK writes %s\n%s", in, showItem(got), showItem(want), diff)
	}
	differentialRead(t, c, want)
}

// differentialRead checks that c reads item as the SDK does.
func differentialRead[T any](t *testing.T, c *attr.Codec[T], item item) {
	t.Helper()
	var viaCodec, viaSDK T
	if err := c.Unmarshal(item, &viaCodec); err != nil {
		t.Fatalf("Unmarshal(%s) error: %v", showItem(item), err)
	}
	if err := attributevalue.UnmarshalMap(item, &viaSDK); err != nil {
		t.Fatalf("attributevalue.UnmarshalMap(%s) error: %v", showItem(item), err)
	}
	if diff := cmp.Diff(viaSDK, viaCodec); diff != "" {
		t.Fatalf("Unmarshal(%s) = %+v; the SDK reads %+v\n%s", showItem(item), viaCodec, viaSDK, diff)
	}
}
