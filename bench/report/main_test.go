package main

import (
	"strings"
	"testing"
)

const sampleOutput = `goos: linux
goarch: amd64
pkg: github.com/dynamodel/dynamodel/bench
cpu: Test CPU
BenchmarkMarshal/simple/dynamodel-2   	 1000	  200 ns/op	 400 B/op	 3 allocs/op
BenchmarkMarshal/simple/handwritten-2 	 1000	  100 ns/op	 400 B/op	 5 allocs/op
BenchmarkMarshal/simple/dynamodel-2   	 1000	  300 ns/op	 400 B/op	 3 allocs/op
BenchmarkMarshal/simple/handwritten-2 	 1000	  100 ns/op	 400 B/op	 5 allocs/op
BenchmarkMarshal/simple/dynamodel-2   	 1000	  100 ns/op	 400 B/op	 3 allocs/op
BenchmarkMarshal/simple/handwritten-2 	 1000	  150 ns/op	 400 B/op	 5 allocs/op
PASS
`

func TestParseMedians(t *testing.T) {
	res, err := parse(strings.NewReader(sampleOutput))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want float64
	}{
		{"Marshal/simple/dynamodel", 200},
		{"Marshal/simple/handwritten", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := res.samples[tt.name]
			if s == nil {
				t.Fatalf("parse() has no %s; got %v", tt.name, res.order)
			}
			if got := median(s.ns); got != tt.want {
				t.Errorf("median(%v) = %v; want %v", s.ns, got, tt.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	res, err := parse(strings.NewReader(sampleOutput))
	if err != nil {
		t.Fatal(err)
	}
	md := res.markdown("the command")
	for _, want := range []string{
		"| dynamodel | 2.00x | 200.0 ns | 400 | 3 |",
		"| handwritten | 1.00x | 100.0 ns | 400 | 5 |",
		"time at most 1.1x handwritten: 2.00x, **missed**",
		"allocations at most handwritten+0: 3 vs 5, met",
		"cpu: Test CPU",
		"Command: `the command`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown() lacks %q; got:\n%s", want, md)
		}
	}
}

func TestReplaceSection(t *testing.T) {
	tests := []struct {
		name, doc, want string
		wantErr         bool
	}{
		{"keeps the rest", "head\n" + codecSection.begin + "old" + codecSection.end + "\ntail", "head\nNEW\ntail", false},
		{"no markers", "head\ntail", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := codecSection.replace(tt.doc, "NEW")
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("codecSection.replace(%q) = %q, %v; want %q (error %v)", tt.doc, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

const callOutput = `goos: linux
cpu: Test CPU
BenchmarkCall/put/dynamodel-2          	 1000	  104 ns/op	 400 B/op	 3 allocs/op
BenchmarkCall/put/raw-handwritten-2    	 1000	  100 ns/op	 400 B/op	 5 allocs/op
BenchmarkCall/put/raw-handwritten#01-2 	 1000	  100 ns/op	 400 B/op	 5 allocs/op
BenchmarkCall/put/dynamodel#01-2       	 1000	  108 ns/op	 400 B/op	 3 allocs/op
BenchmarkCall/put/interleaved-2        	 10	 4000 ns/op	 1.04 dynamodel/raw	 1.00 raw-handwritten/raw	 1.20 guregu/raw	 1.01 raw-twin/raw
BenchmarkCall/put/interleaved#01-2     	 10	 4000 ns/op	 1.08 dynamodel/raw	 1.00 raw-handwritten/raw	 1.10 guregu/raw	 0.99 raw-twin/raw
BenchmarkCall/put/interleaved#02-2     	 10	 4000 ns/op	 1.06 dynamodel/raw	 1.00 raw-handwritten/raw	 1.30 guregu/raw	 1.02 raw-twin/raw
BenchmarkCall/put-layers/interleaved-2    	 10	 4000 ns/op	 1.00 raw-handwritten/raw	 1.01 raw-with-codec/raw	 1.03 raw-with-pipeline/raw	 1.04 dynamodel/raw
BenchmarkCall/put-layers/interleaved#01-2 	 10	 4000 ns/op	 1.00 raw-handwritten/raw	 1.02 raw-with-codec/raw	 1.05 raw-with-pipeline/raw	 1.06 dynamodel/raw
BenchmarkPipeline/representative/schema-put-2	 1000	 3000 ns/op	 3400 B/op	 24 allocs/op
BenchmarkPipeline/representative/codec-2	 1000	 2000 ns/op	 3100 B/op	 18 allocs/op
BenchmarkPipeline/representative/interleaved-2	 10	 9000 ns/op	 1200 pipeline-ns
BenchmarkPipeline/representative/interleaved#01-2	 10	 9000 ns/op	 2400 pipeline-ns
BenchmarkPipeline/representative/interleaved#02-2	 10	 9000 ns/op	 1500 pipeline-ns
PASS
`

func TestCallMarkdown(t *testing.T) {
	res, err := parse(strings.NewReader(callOutput))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res.samples["Call/put/dynamodel"].ns); got != 2 {
		t.Errorf("parse() kept %d samples of Call/put/dynamodel (with #01); want 2", got)
	}
	md := res.callMarkdown("the command")
	for _, want := range []string{
		"| dynamodel | 1.060x | 1.040–1.080 | 106.0 ns | 400 | 3 |",
		"at most 1.05x raw-handwritten: 1.060x, **missed**",
		"below guregu: 1.060x vs its 1.200x, met",
		"| raw-twin | 1.010x | 0.990–1.020 | – | – | – |",
		"raw-twin, the raw client measured a second time, reads 1.010x (0.990–1.020)",
		"| 1.50 µs | 300 | 6 |",
		"under 2 µs beyond the codec: 1.50 µs, met",
		"### put, layer by layer",
		"(raw-with-codec) | 1.015x | 1.010–1.020 | +1.5% |",
		"(raw-with-pipeline) | 1.040x | 1.030–1.050 | +2.5% |",
		"(dynamodel) | 1.050x | 1.040–1.060 | +1.0% |",
		callSection.begin, callSection.end,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("callMarkdown() lacks %q; got:\n%s", want, md)
		}
	}
}

const e2eOutput = `cpu: Test CPU
BenchmarkE2E/put/c1/dynamodel-2          	 1	 1 ns/op	 990 ops/s
BenchmarkE2E/put/c1/raw-handwritten-2    	 1	 1 ns/op	 1000 ops/s
BenchmarkE2E/put/c1/raw-handwritten#01-2 	 1	 1 ns/op	 1100 ops/s
BenchmarkE2E/put/c1/dynamodel#01-2       	 1	 1 ns/op	 1111 ops/s
BenchmarkE2E/put/c1/alternating-2     	 1	 1 ns/op	 0.98 dynamodel/raw	 1.00 raw-handwritten/raw	 1.01 raw-twin/raw	 230 dynamodel/cpu-us	 220 raw-handwritten/cpu-us	 221 raw-twin/cpu-us
BenchmarkE2E/put/c1/alternating#01-2  	 1	 1 ns/op	 1.02 dynamodel/raw	 1.00 raw-handwritten/raw	 0.97 raw-twin/raw	 240 dynamodel/cpu-us	 224 raw-handwritten/cpu-us	 223 raw-twin/cpu-us
BenchmarkE2E/put-layers/c1/alternating-2    	 1	 1 ns/op	 1.00 raw-handwritten/raw	 0.99 raw-with-codec/raw	 0.96 raw-with-pipeline/raw	 0.97 dynamodel/raw	 1.01 raw-twin/raw	 200 raw-handwritten/cpu-us	 205 raw-with-codec/cpu-us	 214 raw-with-pipeline/cpu-us	 212 dynamodel/cpu-us	 201 raw-twin/cpu-us	 0.98 raw-handwritten-validated/raw	 204 raw-handwritten-validated/cpu-us
BenchmarkE2E/put-layers/c1/alternating#01-2 	 1	 1 ns/op	 1.00 raw-handwritten/raw	 0.97 raw-with-codec/raw	 0.94 raw-with-pipeline/raw	 0.95 dynamodel/raw	 0.99 raw-twin/raw	 210 raw-handwritten/cpu-us	 207 raw-with-codec/cpu-us	 220 raw-with-pipeline/cpu-us	 216 dynamodel/cpu-us	 209 raw-twin/cpu-us	 0.96 raw-handwritten-validated/raw	 212 raw-handwritten-validated/cpu-us
BenchmarkE2E/get/c1/dynamodel-2          	 1	 1 ns/op	 1000 ops/s
BenchmarkE2E/get/c1/raw-handwritten-2    	 1	 1 ns/op	 1000 ops/s
BenchmarkE2E/get/c1/alternating-2     	 1	 1 ns/op	 0.97 dynamodel/raw	 1.00 raw-handwritten/raw
BenchmarkE2E/batchput/c1/dynamodel-2      	 1	 1 ns/op	 900 items/s
BenchmarkE2E/batchput/c1/raw-handwritten-2	 1	 1 ns/op	 1000 items/s
BenchmarkE2E/batchput/c16/dynamodel-2      	 1	 1 ns/op	 900 items/s
BenchmarkE2E/batchput/c16/raw-handwritten-2	 1	 1 ns/op	 1000 items/s
BenchmarkE2E/batchput/c16/alternating-2     	 1	 1 ns/op	 0.99 dynamodel/raw	 1.00 raw-handwritten/raw	 1.02 raw-twin/raw
BenchmarkE2E/batchput/c16/alternating#01-2  	 1	 1 ns/op	 1.05 dynamodel/raw	 1.00 raw-handwritten/raw	 0.96 raw-twin/raw
BenchmarkE2E/floor/put/raw-handwritten-2 	 1	 1 ns/op	 20000 ops/s
BenchmarkE2E/memory/dynamodel-2          	 1	 1 ns/op	 2097152 page-B	 1048576 peak-B	 8388608 all-B	 3000 page-items
`

func TestE2EMarkdown(t *testing.T) {
	res, err := parse(strings.NewReader(e2eOutput))
	if err != nil {
		t.Fatal(err)
	}
	md := res.e2eMarkdown("make bench-e2e")
	for _, want := range []string{
		"| dynamodel | 1.000x | 0.980–1.020 | 1.00x | 0.99–1.01 | 1050 ops/s |",
		"(its alternating ratios reach the range of raw-twin, the raw client against itself): 1.000x, 0.980–1.020 against raw-twin's 0.970–1.010, met. Separate runs: 1.00x, raw noise 10%.",
		"| raw-twin (raw-handwritten again) | 0.990x | 0.970–1.010 | – | – | – |",
		"at least as fast as the raw loop of 25-item BatchWriteItem calls: 0.90x",
		"(the median of Dynamodel's alternating ratios at least raw-twin's lowest): 1.020x, 0.990–1.050 against raw-twin's 0.960–1.020, met. Separate runs: 0.90x, raw noise 0%.",
		"(the alternating ratios reach 1.00): 0.970x, 0.970–0.970, **missed**",
		"| put | 1050/s | 952.4 µs | 20000/s | 50.0 µs | 902.4 µs (95%) |",
		"### PutItem at concurrency 1, layer by layer",
		"(raw-handwritten) | 1.000x | 1.000–1.000 | 205.0 µs | – |",
		"(raw-with-codec) | 0.980x | 0.970–0.990 | 206.0 µs | +1.0 µs |",
		"(raw-with-pipeline) | 0.950x | 0.940–0.960 | 217.0 µs | +11.0 µs |",
		"(dynamodel) | 0.960x | 0.950–0.970 | 214.0 µs | -3.0 µs |",
		"(raw-twin) | 1.000x | 0.990–1.010 | 205.0 µs | – |",
		"(raw-handwritten-validated) | 0.970x | 0.960–0.980 | 208.0 µs | +3.0 µs |",
		"peak 0.50x one page, met",
		"medians): dynamodel 235.0 µs, raw-handwritten 222.0 µs, raw-twin 222.0 µs. Dynamodel's difference from raw-handwritten: +13.0 µs per operation.",
		e2eSection.begin, e2eSection.end,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("e2eMarkdown() lacks %q; got:\n%s", want, md)
		}
	}
}
