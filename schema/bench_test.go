package schema

import (
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

// BenchmarkPut measures the write pipeline on a representative item against the codec alone
// (the allocations beyond the codec's are the pipeline's).
func BenchmarkPut(b *testing.B) {
	type Item struct {
		ID        string    `dynamo:"id"`
		Email     string    `dynamo:"email"`
		Name      string    `dynamo:"name"`
		Role      string    `dynamo:"role,omitempty"`
		Age       int       `dynamo:"age"`
		Tags      []string  `dynamo:"tags,set,omitempty"`
		Address   Address   `dynamo:"address"`
		CreatedAt time.Time `dynamo:"createdAt"`
		UpdatedAt time.Time `dynamo:"updatedAt"`
	}
	item := Item{ID: "u1", Email: "Ada@Example.com", Name: "Ada", Age: 36, Tags: []string{"a", "b"},
		Address: Address{City: "London", Zip: "N1"}}
	sc, err := For[Item](
		Attr("email", Lowercase()),
		Attr("role", Default("member"), Enum("member", "admin")),
		Attr("address.city", Required()),
		Timestamps(),
	)
	if err != nil {
		b.Fatal(err)
	}
	codec, err := attr.For[Item]()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("codec", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := codec.Marshal(&item); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pipeline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := sc.Put(&item); err != nil {
				b.Fatal(err)
			}
		}
	})
}
