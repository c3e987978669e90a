package dynamodelcli

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/internal/schemaview"
	"github.com/dynamodel/dynamodel/schema"
)

type address struct {
	City string `dynamo:"city"`
	Zip  []byte `dynamo:"zip"`
}

type profile struct {
	ID      string    `dynamo:"id"`
	Tags    []string  `dynamo:"tags,set"`
	Scores  []int     `dynamo:"scores,set"`
	Keys    [][]byte  `dynamo:"keys,set"`
	Photo   []byte    `dynamo:"photo"`
	Home    address   `dynamo:"home"`
	Past    []address `dynamo:"past"`
	Born    time.Time `dynamo:"born"`
	Nick    string    `dynamo:"nick"`
	Visits  int       `dynamo:"visits"`
	Comment string    // stored as Comment
}

var profileSchema = schema.Must(schema.For[profile](schema.Attr("id", schema.HashKey())))

// TestParseModelItemTypesValuesAsTheSchemaStoresThem: JSON has no literal for sets and binary;
// the schema says which arrays are sets and which strings are base64, down nested paths.
func TestParseModelItemTypesValuesAsTheSchemaStoresThem(t *testing.T) {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	b := func(v string) types.AttributeValue { return &types.AttributeValueMemberB{Value: []byte(v)} }
	tests := []struct {
		name string
		json string
		want map[string]types.AttributeValue
	}{
		{"string set", `{"tags":["a","b"]}`, map[string]types.AttributeValue{"tags": &types.AttributeValueMemberSS{Value: []string{"a", "b"}}}},
		{"number set keeps the numbers' text", `{"scores":[1, 2.50]}`, map[string]types.AttributeValue{"scores": &types.AttributeValueMemberNS{Value: []string{"1", "2.50"}}}},
		{"binary set from base64", `{"keys":["aGk=","eW8="]}`, map[string]types.AttributeValue{"keys": &types.AttributeValueMemberBS{Value: [][]byte{[]byte("hi"), []byte("yo")}}}},
		{"binary from base64", `{"photo":"aGk="}`, map[string]types.AttributeValue{"photo": b("hi")}},
		{"nested map", `{"home":{"city":"Oslo","zip":"MDE1MA=="}}`, map[string]types.AttributeValue{"home": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"city": s("Oslo"), "zip": b("0150")}}}},
		{"list of maps", `{"past":[{"zip":"aGk="}]}`, map[string]types.AttributeValue{"past": &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"zip": b("hi")}}}}}},
		{"date as text, for the codec to read", `{"born":"1990-05-01T00:00:00Z"}`, map[string]types.AttributeValue{"born": s("1990-05-01T00:00:00Z")}},
		{"plain values", `{"id":"a","visits":3,"nick":null}`, map[string]types.AttributeValue{"id": s("a"), "visits": n("3"), "nick": &types.AttributeValueMemberNULL{Value: true}}},
		{"Go field name for the stored name", `{"Comment":"x","Visits":1}`, map[string]types.AttributeValue{"Comment": s("x"), "visits": n("1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseModelItem(schemaview.Of(profileSchema), []byte(tt.json), "-item")
			if err != nil {
				t.Fatalf("parseModelItem(%s) = %v; want nil", tt.json, err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreUnexported(types.AttributeValueMemberS{}, types.AttributeValueMemberN{}, types.AttributeValueMemberB{},
				types.AttributeValueMemberSS{}, types.AttributeValueMemberNS{}, types.AttributeValueMemberBS{}, types.AttributeValueMemberM{},
				types.AttributeValueMemberL{}, types.AttributeValueMemberNULL{})); diff != "" {
				t.Errorf("parseModelItem(%s) (-want +got):\n%s", tt.json, diff)
			}
		})
	}
}

func TestParseModelItemRefusesWithThePath(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"unknown attribute, with the nearest name", `{"tagz":["a"]}`, `-item: schema: unknown attribute: tagz (did you mean "tags"?)`},
		{"unknown nested attribute", `{"home":{"ctiy":"Oslo"}}`, `home.ctiy`},
		{"wrong element in a set", `{"tags":["a",1]}`, `tags[1] is a JSON number; tags is a set of type SS, of strings`},
		{"binary that is not base64", `{"home":{"zip":"%%"}}`, `home.zip is binary: want its bytes in base64`},
		{"binary set element not base64", `{"keys":["%%"]}`, `keys[0] is binary`},
		{"the same attribute twice", `{"visits":1,"Visits":2}`, `gives visits twice`},
		{"not an object", `[1]`, `-item is a JSON array`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseModelItem(schemaview.Of(profileSchema), []byte(tt.json), "-item")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseModelItem(%s) = %v; want an error containing %q", tt.json, err, tt.want)
			}
		})
	}
}
