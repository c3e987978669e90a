package bench

import (
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// evictBuf is larger than this machine's caches: writing a byte of each of its cache lines
// evicts what a conversion would otherwise find cached.
var evictBuf = make([]byte, 16<<20)

func evict() {
	for i := 0; i < len(evictBuf); i += 64 {
		evictBuf[i]++
	}
}

// BenchmarkCold measures the representative item's conversion for a put with cold caches,
// as a call finds them end to end when the server's work between two calls has evicted the
// client's code and data: the handwritten conversion, Dynamodel's codec, its whole write
// pipeline with and without its two regular expressions, and the pipeline of a schema with
// the keys alone (keys), then with each of the representative schema's features alone beside
// them (keys+timestamps, ...), which tells what each adds cold. Each is timed alone after
// the caches are flushed; the reported figures are mean nanoseconds per conversion.
// It is not part of make bench: run it with
//
//	cd bench && go test -run '^$' -bench Cold -count 3
func BenchmarkCold(b *testing.B) {
	s, c, v := pipelineFixture(b)
	lean, err := representativeSchema(time.Now, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	type conversion struct {
		name string
		f    func() (map[string]types.AttributeValue, error)
	}
	convs := []conversion{
		{"handwritten", func() (map[string]types.AttributeValue, error) { return handCodec.marshal(&v) }},
		{"codec", func() (map[string]types.AttributeValue, error) { return c.Marshal(&v) }},
		{"pipeline", func() (map[string]types.AttributeValue, error) { return s.Put(&v) }},
		{"pipeline-no-regexps", func() (map[string]types.AttributeValue, error) { return lean.Put(&v) }},
	}
	keys := []schema.Option{schema.Attr("id", schema.HashKey()), schema.Attr("sort", schema.RangeKey())}
	for _, feature := range []struct {
		name string
		opts []schema.Option
	}{
		{"keys", nil},
		{"keys+timestamps", []schema.Option{schema.CreatedAt("created", attr.TimeSeconds), schema.UpdatedAt("updated", attr.TimeSeconds)}},
		{"keys+default", []schema.Option{schema.Attr("views", schema.Default(int64(0)))}},
		{"keys+func", []schema.Option{schema.Attr("rating", schema.Validate(validate.Func("rating", checkRating)))}},
		{"keys+enum", []schema.Option{schema.Attr("tags", schema.Enum("gold", "silver", "early-adopter", "newsletter"))}},
		{"keys+regexps", []schema.Option{
			schema.Attr("id", schema.HashKey(), schema.Validate(validate.Regexp(idPattern))),
			schema.Attr("address.zip", schema.Validate(validate.Regexp(zipPattern))),
		}},
	} {
		fs, err := schema.For[Representative](append(slices.Clone(keys), feature.opts...)...)
		if err != nil {
			b.Fatal(err)
		}
		convs = append(convs, conversion{feature.name, func() (map[string]types.AttributeValue, error) { return fs.Put(&v) }})
	}
	sums := make([]time.Duration, len(convs))
	n := 0
	for b.Loop() {
		for i, conv := range convs {
			evict()
			start := time.Now()
			item, err := conv.f()
			sums[i] += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
			sinkItem = item
		}
		n++
	}
	for i, conv := range convs {
		b.ReportMetric(float64(sums[i].Nanoseconds())/float64(n), conv.name+"-ns")
	}
}
