// Command report reads the output of go test -bench (several -count runs) and writes the
// codec section of docs/performance.md: for each benchmark the median time, its ratio to the
// handwritten conversion measured in the same run, bytes and allocations, and whether the
// codec meets its targets.
//
//	go run ./report -in bench.out -out ../docs/performance.md
//
// Only the text between the codec markers is replaced, so other sections of the file (the
// end-to-end benchmarks) stay as they are. A missing file is created with both sections.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

const (
	beginMarker = "<!-- codec benchmarks: begin (written by bench/report) -->"
	endMarker   = "<!-- codec benchmarks: end -->"
)

// The implementations in table order; the last is the floor the others are compared with.
var impls = []string{"dynamodel", "attributevalue", "guregu", "handwritten"}

// sample is one benchmark's measurements across runs.
type sample struct {
	ns, bytes, allocs []float64
}

// result is the parsed output: samples by name (Marshal/representative/dynamodel) and the
// machine lines (goos, goarch, cpu).
type result struct {
	samples map[string]*sample
	order   []string
	machine []string
}

var line = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+([\d.]+) B/op)?(?:\s+([\d.]+) allocs/op)?`)

func parse(r io.Reader) (*result, error) {
	res := &result{samples: map[string]*sample{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		text := sc.Text()
		for _, key := range []string{"goos:", "goarch:", "cpu:"} {
			if strings.HasPrefix(text, key) && !slices.Contains(res.machine, text) {
				res.machine = append(res.machine, text)
			}
		}
		m := line.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		s := res.samples[m[1]]
		if s == nil {
			s = &sample{}
			res.samples[m[1]] = s
			res.order = append(res.order, m[1])
		}
		s.ns = append(s.ns, number(m[2]))
		if m[3] != "" {
			s.bytes = append(s.bytes, number(m[3]))
		}
		if m[4] != "" {
			s.allocs = append(s.allocs, number(m[4]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(res.samples) == 0 {
		return nil, errors.New("no benchmark lines in the input")
	}
	return res, nil
}

func number(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return f
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// groups returns the benchmark groups (Marshal/representative) in the order first seen.
func (r *result) groups() []string {
	var gs []string
	for _, name := range r.order {
		i := strings.LastIndexByte(name, '/')
		if i < 0 {
			continue
		}
		if g := name[:i]; !slices.Contains(gs, g) {
			gs = append(gs, g)
		}
	}
	return gs
}

// targets says which of the codec's goals a group meets.
func targets(group string, get func(impl string) (ns, allocs float64, ok bool)) []string {
	dn, da, ok1 := get("dynamodel")
	hn, ha, ok2 := get("handwritten")
	if !ok1 || !ok2 {
		return nil
	}
	maxRatio, extraAllocs := 1.1, 0.0
	if strings.HasPrefix(group, "Unmarshal") {
		maxRatio, extraAllocs = 1.5, 2
	}
	mark := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	out := []string{
		fmt.Sprintf("time at most %.1fx handwritten: %.2fx, %s", maxRatio, dn/hn, mark(dn/hn <= maxRatio)),
		fmt.Sprintf("allocations at most handwritten+%g: %g vs %g, %s", extraAllocs, da, ha, mark(da <= ha+extraAllocs)),
	}
	for _, anchor := range []string{"attributevalue", "guregu"} {
		if an, _, ok := get(anchor); ok {
			out = append(out, fmt.Sprintf("faster than %s: %.2fx its time, %s", anchor, dn/an, mark(dn < an)))
		}
	}
	return out
}

func (r *result) markdown(command string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", beginMarker)
	fmt.Fprintf(&b, "Command: `%s`\n\n", command)
	if len(r.machine) > 0 {
		fmt.Fprintf(&b, "Machine: %s; %s.\n\n", strings.Join(r.machine, ", "), runtime.Version())
	}
	runs := 0
	for _, s := range r.samples {
		runs = max(runs, len(s.ns))
	}
	fmt.Fprintf(&b, "Medians of %d runs; ratios are to the handwritten conversion measured in the same run "+
		"(lower is better).\n\n", runs)
	for _, g := range r.groups() {
		get := func(impl string) (ns, allocs float64, ok bool) {
			s := r.samples[g+"/"+impl]
			if s == nil {
				return 0, 0, false
			}
			return median(s.ns), median(s.allocs), true
		}
		fmt.Fprintf(&b, "### %s\n\n", g)
		fmt.Fprintf(&b, "| codec | time/op | vs handwritten | B/op | allocs/op |\n")
		fmt.Fprintf(&b, "| --- | ---: | ---: | ---: | ---: |\n")
		hn, _, haveHand := get("handwritten")
		names := slices.Clone(impls)
		for _, name := range r.order {
			if impl, ok := strings.CutPrefix(name, g+"/"); ok && !slices.Contains(names, impl) {
				names = append(names, impl)
			}
		}
		for _, impl := range names {
			s := r.samples[g+"/"+impl]
			if s == nil {
				continue
			}
			ns := median(s.ns)
			ratio := "–"
			if haveHand && hn > 0 {
				ratio = fmt.Sprintf("%.2fx", ns/hn)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %.0f | %.0f |\n", impl, duration(ns), ratio, median(s.bytes), median(s.allocs))
		}
		if t := targets(g, get); len(t) > 0 {
			fmt.Fprintf(&b, "\nTargets: %s.\n", strings.Join(t, "; "))
		}
		b.WriteString("\n")
	}
	b.WriteString(endMarker)
	return b.String()
}

func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	}
	return fmt.Sprintf("%.1f ns", ns)
}

// template is the file written when there is none yet.
const template = `# Performance

Figures measured by benchmarks, never by timed tests. ` + "`make bench`" + ` runs them and rewrites the
codec section below; nothing here is typed in by hand.

## Codec: Go values to DynamoDB items and back

The benchmarks are in the separate module ` + "`bench/`" + ` (so the library does not depend on its
anchors): Dynamodel's compiled codec (` + "`attr.For[T]`" + `), the SDK's
` + "`feature/dynamodb/attributevalue`" + `, ` + "`guregu/dynamo`" + ` v2, and a conversion written by hand for the
same struct, the floor. ` + "`TestEquivalentItems`" + ` checks that all four write the same item and read
it back, so they do equal work. "representative" is an item of twelve attributes (string keys,
int64, float64, bool, time, string set, map of strings, nested struct, list of three structs,
bytes, nil pointer); "simple" has three.

Each benchmark runs its six times back to back, so other load on the machine can shift one codec
more than another: read ratios within a few percent of a target with that in mind. For a quick look,
` + "`cd bench && go test -run '^$' -bench . -benchmem`" + ` runs everything once.

%s

## End-to-end and client calls (issue 7)

<!-- issue 7 writes its figures here: put/get/query throughput of a Model beside the raw SDK
client on the same local DynamoDB, in one run, as ratios. -->

Not measured yet: these benchmarks arrive with issue 7 (` + "`make bench-e2e`" + `).
`

func main() {
	in := flag.String("in", "bench.out", "go test -bench output to read")
	out := flag.String("out", "../docs/performance.md", "markdown file whose codec section is rewritten")
	command := flag.String("command", "cd bench && go test -run '^$' -bench . -benchmem -count 6", "the command that made the input, quoted in the report")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("report: ")

	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	res, err := parse(f)
	f.Close()
	if err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	section := res.markdown(*command)
	doc, err := os.ReadFile(*out)
	var text string
	switch {
	case errors.Is(err, os.ErrNotExist):
		text = fmt.Sprintf(template, section)
	case err != nil:
		log.Fatal(err)
	default:
		text, err = replaceSection(string(doc), section)
		if err != nil {
			log.Fatalf("%s: %v", *out, err)
		}
	}
	if err := os.WriteFile(*out, []byte(text), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Print(section, "\n")
}

// replaceSection swaps the text between the markers (markers included) for section.
func replaceSection(doc, section string) (string, error) {
	i := strings.Index(doc, beginMarker)
	j := strings.Index(doc, endMarker)
	if i < 0 || j < i {
		return "", errors.New("no codec benchmark markers; delete the file to have it written anew")
	}
	return doc[:i] + section + doc[j+len(endMarker):], nil
}
