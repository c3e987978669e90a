package bench

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkCodecRatio measures Dynamodel's codec against the handwritten conversion in
// alternating batches of a few hundred microseconds, and reports the median of the batches'
// time ratios (ratio, lower is better; cpu-ratio for the process's CPU time) beside each
// side's median time per operation. On a
// shared machine whose load changes from one second to the next, a pair of batches run one
// after the other sees nearly the same machine, so the median ratio moves much less than the
// ratio of two separate benchmarks does. It is a tool for working on the codec; the published
// figures come from BenchmarkMarshal and BenchmarkUnmarshal.
//
//	cd bench && go test -run '^$' -bench CodecRatio -benchtime 2s
func BenchmarkCodecRatio(b *testing.B) {
	rep, err := Codecs(MarshalRepresentative, UnmarshalRepresentative)
	if err != nil {
		b.Fatal(err)
	}
	simple, err := Codecs(MarshalSimple, UnmarshalSimple)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("marshal-representative", func(b *testing.B) { ratioMarshal(b, NewRepresentative(), rep) })
	b.Run("marshal-simple", func(b *testing.B) { ratioMarshal(b, NewSimple(), simple) })
	b.Run("unmarshal-representative", func(b *testing.B) { ratioUnmarshal(b, NewRepresentative(), rep) })
	b.Run("unmarshal-simple", func(b *testing.B) { ratioUnmarshal(b, NewSimple(), simple) })
}

func ratioMarshal[T any](b *testing.B, v T, codecs []Codec[T]) {
	dyn, hand := codecs[0], codecs[len(codecs)-1]
	warmUp(v, []Codec[T]{dyn, hand})
	alternateBatches(b, func(i int) {
		c := dyn
		if i == 1 {
			c = hand
		}
		item, err := c.Marshal(&v)
		if err != nil {
			b.Fatal(err)
		}
		sinkItem = item
	})
}

func ratioUnmarshal[T any](b *testing.B, v T, codecs []Codec[T]) {
	dyn, hand := codecs[0], codecs[len(codecs)-1]
	item, err := hand.Marshal(&v)
	if err != nil {
		b.Fatal(err)
	}
	warmUp(v, []Codec[T]{dyn, hand})
	var out, zero T
	alternateBatches(b, func(i int) {
		c := dyn
		if i == 1 {
			c = hand
		}
		out = zero
		if err := c.Unmarshal(item, &out); err != nil {
			b.Fatal(err)
		}
	})
}

// alternateBatches runs op(0) and op(1) in alternating batches (the first of each pair taking
// turns) until b's time is spent, and reports the median ratio of a pair's times (ratio), of
// the CPU time the process used during them, the collector's work included (cpu-ratio, on
// Linux), and each side's median time per operation.
func alternateBatches(b *testing.B, op func(i int)) {
	// Size the batches to about 200µs.
	batch := 1
	for {
		start := time.Now()
		for range batch {
			op(0)
		}
		if time.Since(start) > 200*time.Microsecond || batch >= 1<<20 {
			break
		}
		batch *= 2
	}
	var ratios, cpuRatios, per0, per1 []float64
	pair := 0
	for b.Loop() {
		var d, cpu [2]time.Duration
		for k := range 2 {
			i := (k + pair) % 2
			cpu0, _ := processCPU()
			start := time.Now()
			for range batch {
				op(i)
			}
			d[i] = time.Since(start)
			cpu1, _ := processCPU()
			cpu[i] = cpu1 - cpu0
		}
		pair++
		ratios = append(ratios, float64(d[0])/float64(d[1]))
		if cpu[1] > 0 {
			cpuRatios = append(cpuRatios, float64(cpu[0])/float64(cpu[1]))
		}
		per0 = append(per0, float64(d[0])/float64(batch))
		per1 = append(per1, float64(d[1])/float64(batch))
	}
	b.ReportMetric(median(ratios), "ratio")
	if len(cpuRatios) > 0 {
		b.ReportMetric(median(cpuRatios), "cpu-ratio")
	}
	b.ReportMetric(median(per0), "dyn-ns/op")
	b.ReportMetric(median(per1), "hand-ns/op")
	b.ReportMetric(0, "ns/op")
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	slices.Sort(x)
	return x[len(x)/2]
}
