package bench

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
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
// client's code and data: the handwritten conversion, Dynamodel's codec, and its whole write
// pipeline with and without its two regular expressions. Each is timed alone after the
// caches are flushed; the reported figures are mean nanoseconds per conversion. It is not
// part of make bench: run it with
//
//	cd bench && go test -run '^$' -bench Cold -count 3
func BenchmarkCold(b *testing.B) {
	s, c, v := pipelineFixture(b)
	lean, err := representativeSchema(time.Now, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	convs := []struct {
		name string
		f    func() (map[string]types.AttributeValue, error)
	}{
		{"handwritten", func() (map[string]types.AttributeValue, error) { return handCodec.marshal(&v) }},
		{"codec", func() (map[string]types.AttributeValue, error) { return c.Marshal(&v) }},
		{"pipeline", func() (map[string]types.AttributeValue, error) { return s.Put(&v) }},
		{"pipeline-no-regexps", func() (map[string]types.AttributeValue, error) { return lean.Put(&v) }},
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
