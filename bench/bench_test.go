package bench

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

var (
	sinkItem map[string]types.AttributeValue
	sinkRep  Representative
	sinkSimp Simple
)

func BenchmarkMarshal(b *testing.B) {
	rep, err := Codecs(MarshalRepresentative, UnmarshalRepresentative)
	if err != nil {
		b.Fatal(err)
	}
	simple, err := Codecs(MarshalSimple, UnmarshalSimple)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("representative", func(b *testing.B) { benchMarshal(b, NewRepresentative(), rep) })
	b.Run("simple", func(b *testing.B) { benchMarshal(b, NewSimple(), simple) })
}

// warmUp runs every codec a while before the first measurement, so that none of them pays
// for a small starting heap or cold caches that the others do not.
func warmUp[T any](v T, codecs []Codec[T]) {
	for _, c := range codecs {
		for range 2000 {
			item, err := c.Marshal(&v)
			if err != nil {
				return
			}
			var out T
			if c.Unmarshal(item, &out) != nil {
				return
			}
		}
	}
}

func benchMarshal[T any](b *testing.B, v T, codecs []Codec[T]) {
	warmUp(v, codecs)
	interleave(b, codecNames(codecs), func(b *testing.B, i int) {
		b.ReportAllocs()
		for b.Loop() {
			item, err := codecs[i].Marshal(&v)
			if err != nil {
				b.Fatal(err)
			}
			sinkItem = item
		}
	})
}

// codecNames returns the names of codecs, in order.
func codecNames[T any](codecs []Codec[T]) []string {
	names := make([]string, len(codecs))
	for i, c := range codecs {
		names[i] = c.Name
	}
	return names
}

func BenchmarkUnmarshal(b *testing.B) {
	rep, err := Codecs(MarshalRepresentative, UnmarshalRepresentative)
	if err != nil {
		b.Fatal(err)
	}
	simple, err := Codecs(MarshalSimple, UnmarshalSimple)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("representative", func(b *testing.B) { benchUnmarshal(b, NewRepresentative(), rep, &sinkRep) })
	b.Run("simple", func(b *testing.B) { benchUnmarshal(b, NewSimple(), simple, &sinkSimp) })
}

// benchUnmarshal decodes the handwritten item into a zeroed value each time, as a Get does.
func benchUnmarshal[T any](b *testing.B, v T, codecs []Codec[T], sink *T) {
	item, err := codecs[len(codecs)-1].Marshal(&v)
	if err != nil {
		b.Fatal(err)
	}
	warmUp(v, codecs)
	interleave(b, codecNames(codecs), func(b *testing.B, i int) {
		b.ReportAllocs()
		var zero T
		for b.Loop() {
			*sink = zero
			if err := codecs[i].Unmarshal(item, sink); err != nil {
				b.Fatal(err)
			}
		}
	})
}
