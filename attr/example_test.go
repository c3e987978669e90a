package attr_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dynamodel/dynamodel/attr"
)

type Award struct {
	Title string `dynamo:"title"`
	Year  int    `dynamo:"year"`
}

type Customer struct {
	ID       string            `dynamo:"id"`
	Name     string            `dynamo:"name"`
	Joined   time.Time         `dynamo:"joined"` // epoch milliseconds, as Dynamoose stores a Date
	Tags     []string          `dynamo:"tags,set"`
	Awards   []Award           `dynamo:"awards,omitempty"`
	Nickname *string           `dynamo:"nickname"` // nil: left out of the item
	Labels   map[string]string `dynamo:"labels,omitempty"`
	Internal string            `dynamo:"-"`
}

// printItem prints an item's attributes in name order, with their DynamoDB types.
func printItem(item map[string]types.AttributeValue) {
	names := make([]string, 0, len(item))
	for name := range item {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		var v any
		switch av := item[name].(type) {
		case *types.AttributeValueMemberS:
			v = av.Value
		case *types.AttributeValueMemberN:
			v = av.Value
		case *types.AttributeValueMemberSS:
			v = av.Value
		case *types.AttributeValueMemberL:
			v = fmt.Sprintf("%d elements", len(av.Value))
		case *types.AttributeValueMemberM:
			v = fmt.Sprintf("%d attributes", len(av.Value))
		default:
			v = av
		}
		fmt.Printf("%s %s %v\n", name, attr.TypeOf(item[name]), v)
	}
}

// A Codec is compiled once per struct type and then encodes and decodes without walking the
// type again.
func Example() {
	codec, err := attr.For[Customer]()
	if err != nil {
		panic(err)
	}
	in := Customer{
		ID:     "c#1",
		Name:   "Ada",
		Joined: time.Date(2024, 6, 10, 6, 13, 20, 0, time.UTC),
		Tags:   []string{"gold", "beta"},
		Awards: []Award{{"First Program", 1843}},
	}
	item, err := codec.Marshal(&in)
	if err != nil {
		panic(err)
	}
	printItem(item)

	var out Customer
	if err := codec.Unmarshal(item, &out); err != nil {
		panic(err)
	}
	fmt.Println(out.Name, out.Joined.Format(time.DateOnly), out.Awards[0].Year)
	// Output:
	// awards L 1 elements
	// id S c#1
	// joined N 1718000000000
	// name S Ada
	// tags SS [gold beta]
	// Ada 2024-06-10 1843
}

// MarshalWith encodes a single value as an attribute with the given options would be
// encoded, so keys, conditions and update values match what items hold.
func ExampleMarshalWith() {
	expires := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	av, err := attr.MarshalWith(expires, attr.Options{Time: attr.TimeSeconds})
	if err != nil {
		panic(err)
	}
	fmt.Println(attr.TypeOf(av), av.(*types.AttributeValueMemberN).Value)

	av, err = attr.MarshalWith(expires, attr.Options{Time: attr.TimeISO})
	if err != nil {
		panic(err)
	}
	fmt.Println(attr.TypeOf(av), av.(*types.AttributeValueMemberS).Value)

	av, err = attr.MarshalWith([]string{}, attr.Options{Set: true})
	fmt.Println(av, err) // DynamoDB stores no empty sets: nothing to send
	// Output:
	// N 1893456000
	// S 2030-01-01T00:00:00.000Z
	// <nil> <nil>
}

type Profile struct {
	ID    string                          `dynamo:"id"`
	Email string                          `dynamo:"email"`
	Rest  map[string]types.AttributeValue `dynamo:",unknown"`
}

// A field tagged unknown keeps the attributes the struct has no field for, so a
// read-modify-write does not drop them.
func Example_unknownAttributes() {
	stored := map[string]types.AttributeValue{
		"id":        &types.AttributeValueMemberS{Value: "p#1"},
		"email":     &types.AttributeValueMemberS{Value: "old@example.com"},
		"legacyKey": &types.AttributeValueMemberN{Value: "42"},
	}
	var p Profile
	if err := attr.UnmarshalItem(stored, &p); err != nil {
		panic(err)
	}
	p.Email = "new@example.com"
	item, err := attr.MarshalItem(&p)
	if err != nil {
		panic(err)
	}
	printItem(item)
	// Output:
	// email S new@example.com
	// id S p#1
	// legacyKey N 42
}

// Errors name the attribute path, the Go type and the DynamoDB type.
func Example_errors() {
	item := map[string]types.AttributeValue{
		"id": &types.AttributeValueMemberS{Value: "c#1"},
		"awards": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
				"year": &types.AttributeValueMemberN{Value: "1843"},
			}},
			&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
				"year": &types.AttributeValueMemberS{Value: "last year"},
			}},
		}},
	}
	var c Customer
	err := attr.UnmarshalItem(item, &c)
	fmt.Println(err)

	var e *attr.Error
	if errors.As(err, &e) {
		fmt.Println(e.Path, e.GoType, e.DynamoType, errors.Is(err, attr.ErrType))
	}
	// Output:
	// attr: unmarshal "awards[1].year": S into int: type mismatch
	// awards[1].year int S true
}

func ExampleFields() {
	fields, err := attr.Fields(reflect.TypeFor[Customer]())
	if err != nil {
		panic(err)
	}
	for _, f := range fields {
		fmt.Printf("%-8s %-8s %-4s omitempty=%t\n", f.Name, f.GoName, f.Kind, f.Options.OmitEmpty)
	}
	// Output:
	// id       ID       S    omitempty=false
	// name     Name     S    omitempty=false
	// joined   Joined   N    omitempty=false
	// tags     Tags     SS   omitempty=false
	// awards   Awards   L    omitempty=true
	// nickname Nickname S    omitempty=false
	// labels   Labels   M    omitempty=true
}

func ExampleParsePath() {
	p, err := attr.ParsePath("awards[1].year")
	if err != nil {
		panic(err)
	}
	fmt.Println(len(p), p)
	fmt.Println(p[:1].Index(0).Key("title"))
	_, err = attr.ParsePath("awards[x]")
	fmt.Println(err)
	// Output:
	// 3 awards[1].year
	// awards[0].title
	// attr: path "awards[x]": bad index "x"
}

// Number keeps all 38 digits DynamoDB allows, where a float64 keeps about 16.
func ExampleNumber() {
	balance := attr.Number("12345678901234567890123456789.123456789")
	av, err := attr.Marshal(balance)
	if err != nil {
		panic(err)
	}
	var back any
	if err := attr.Unmarshal(av, &back); err != nil {
		panic(err)
	}
	fmt.Printf("%T %v\n", back, back)
	f, _ := balance.Float64()
	fmt.Println(f)
	// Output:
	// attr.Number 12345678901234567890123456789.123456789
	// 1.2345678901234568e+28
}
