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
		"| dynamodel | 200.0 ns | 2.00x | 400 | 3 |",
		"| handwritten | 100.0 ns | 1.00x | 400 | 5 |",
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
		{"keeps the rest", "head\n" + beginMarker + "old" + endMarker + "\ntail", "head\nNEW\ntail", false},
		{"no markers", "head\ntail", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := replaceSection(tt.doc, "NEW")
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("replaceSection(%q) = %q, %v; want %q (error %v)", tt.doc, got, err, tt.want, tt.wantErr)
			}
		})
	}
}
