package bench

import (
	"time"
)

// Representative is an item of about twelve attributes: string hash and range keys, an
// int64, a float64, a bool, a time, a string set, a map of strings, a nested struct, a list
// of three structs, bytes and a nil pointer. Its tags make all four codecs write the same item
// (times as epoch seconds, the nil pointer left out).
type Representative struct {
	ID       string            `dynamo:"id" dynamodbav:"id"`
	Sort     string            `dynamo:"sort" dynamodbav:"sort"`
	Views    int64             `dynamo:"views" dynamodbav:"views"`
	Rating   float64           `dynamo:"rating" dynamodbav:"rating"`
	Active   bool              `dynamo:"active" dynamodbav:"active"`
	Created  time.Time         `dynamo:"created,unixtime" dynamodbav:"created,unixtime"`
	Tags     []string          `dynamo:"tags,set" dynamodbav:"tags,stringset"`
	Labels   map[string]string `dynamo:"labels" dynamodbav:"labels"`
	Address  Address           `dynamo:"address" dynamodbav:"address"`
	Awards   []Award           `dynamo:"awards" dynamodbav:"awards"`
	Avatar   []byte            `dynamo:"avatar" dynamodbav:"avatar"`
	Nickname *string           `dynamo:"nickname,omitempty" dynamodbav:"nickname,omitempty"`
}

// Address is Representative's nested struct.
type Address struct {
	Street string `dynamo:"street" dynamodbav:"street"`
	City   string `dynamo:"city" dynamodbav:"city"`
	Zip    string `dynamo:"zip" dynamodbav:"zip"`
}

// Award is an element of Representative's list.
type Award struct {
	Name string `dynamo:"name" dynamodbav:"name"`
	Year int    `dynamo:"year" dynamodbav:"year"`
}

// Simple is a three-attribute item.
type Simple struct {
	ID   string `dynamo:"id" dynamodbav:"id"`
	Name string `dynamo:"name" dynamodbav:"name"`
	Age  int    `dynamo:"age" dynamodbav:"age"`
}

// NewRepresentative returns the representative value the benchmarks encode.
func NewRepresentative() Representative {
	return Representative{
		ID:      "customer#8f14e45f",
		Sort:    "profile#2024",
		Views:   1234567,
		Rating:  4.75,
		Active:  true,
		Created: time.Unix(1718000000, 0).UTC(),
		Tags:    []string{"gold", "early-adopter", "newsletter"},
		Labels:  map[string]string{"source": "web", "region": "eu-west-1"},
		Address: Address{Street: "12 Rue de Rivoli", City: "Paris", Zip: "75001"},
		Awards: []Award{
			{Name: "Best Newcomer", Year: 2019},
			{Name: "Top Seller", Year: 2021},
			{Name: "Hall of Fame", Year: 2024},
		},
		Avatar: []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d},
	}
}

// NewSimple returns the simple value the benchmarks encode.
func NewSimple() Simple {
	return Simple{ID: "user#42", Name: "Ada Lovelace", Age: 36}
}
