// Command report reads the output of go test -bench (several -count runs, or repetitions
// interleaved by the benchmark itself) and writes the sections of docs/performance.md that
// the input holds figures for:
//
//   - the codec (BenchmarkMarshal, BenchmarkUnmarshal): median time, ratio to the handwritten
//     conversion measured in the same run, bytes and allocations, and the codec's targets;
//
//   - client calls (BenchmarkCall, BenchmarkPipeline): whole calls against the in-process fake,
//     as ratios to the raw SDK with a handwritten conversion, and the write pipeline beside the
//     codec;
//
//   - end to end (BenchmarkE2E, built with -tags e2e): rates against a DynamoDB server as
//     ratios to the raw SDK per repetition, with their spread, and the memory of an iteration.
//
//     go run ./report -in bench.out -out ../docs/performance.md -command "..."
//
// Only the text between a section's markers is replaced, so the other sections stay as they
// are. A missing file is created with every section's markers.
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

// section is a part of the report between two markers.
type section struct {
	name       string
	begin, end string
}

var (
	codecSection = section{"codec", "<!-- codec benchmarks: begin (written by bench/report) -->", "<!-- codec benchmarks: end -->"}
	callSection  = section{"client calls", "<!-- client calls: begin (written by bench/report) -->", "<!-- client calls: end -->"}
	e2eSection   = section{"end to end", "<!-- end-to-end benchmarks: begin (written by bench/report) -->", "<!-- end-to-end benchmarks: end -->"}
)

// The implementations in table order; the last is the floor the others are compared with.
var impls = []string{"dynamodel", "attributevalue", "guregu", "handwritten"}

// sample is one benchmark's measurements across runs, in the order of the runs.
type sample struct {
	ns, bytes, allocs []float64
	metrics           map[string][]float64 // other units reported with b.ReportMetric (ops/s)
}

// result is the parsed output: samples by name (Marshal/representative/dynamodel) and the
// machine lines (goos, goarch, cpu).
type result struct {
	samples map[string]*sample
	order   []string
	machine []string
}

var (
	line   = regexp.MustCompile(`^Benchmark(\S+?)(?:#\d+)?(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+([\d.]+) B/op)?(?:\s+([\d.]+) allocs/op)?`)
	metric = regexp.MustCompile(`\s([\d.e+]+) (\S+)`)
)

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
			s = &sample{metrics: map[string][]float64{}}
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
		for _, mm := range metric.FindAllStringSubmatch(text[len(m[0]):], -1) {
			s.metrics[mm[2]] = append(s.metrics[mm[2]], number(mm[1]))
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

// groups returns the benchmark groups (Marshal/representative) in the order first seen,
// those of the codec only.
func (r *result) groups() []string {
	var gs []string
	for _, name := range r.order {
		if !strings.HasPrefix(name, "Marshal/") && !strings.HasPrefix(name, "Unmarshal/") {
			continue
		}
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

// has reports whether the input holds benchmarks whose names start with prefix.
func (r *result) has(prefix string) bool {
	return slices.ContainsFunc(r.order, func(name string) bool { return strings.HasPrefix(name, prefix) })
}

// maxRuns returns the most samples any benchmark whose name starts with one of prefixes has.
func (r *result) maxRuns(prefixes ...string) int {
	runs := 0
	for _, name := range r.order {
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				runs = max(runs, len(r.samples[name].ns))
				break
			}
		}
	}
	return runs
}

// machineLine is the description of the machine and Go version.
func (r *result) machineLine() string {
	if len(r.machine) == 0 {
		return ""
	}
	return fmt.Sprintf("Machine: %s; %s, %d CPUs.\n\n", strings.Join(r.machine, ", "), runtime.Version(), runtime.NumCPU())
}

// head writes the start of section sec: its begin marker, the command and the machine.
func (r *result) head(b *strings.Builder, sec section, command string) {
	fmt.Fprintf(b, "%s\n\nCommand: `%s`\n\n", sec.begin, command)
	b.WriteString(r.machineLine())
}

// markdown returns the codec section.
func (r *result) markdown(command string) string {
	var b strings.Builder
	r.head(&b, codecSection, command)
	var groups []string
	for _, g := range r.groups() {
		groups = append(groups, g+"/")
	}
	runs := r.maxRuns(groups...)
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
		fmt.Fprintf(&b, "| codec | vs handwritten | time/op | B/op | allocs/op |\n")
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
			fmt.Fprintf(&b, "| %s | %s | %s | %.0f | %.0f |\n", impl, ratio, duration(ns), median(s.bytes), median(s.allocs))
		}
		if t := targets(g, get); len(t) > 0 {
			fmt.Fprintf(&b, "\nTargets: %s.\n", strings.Join(t, "; "))
		}
		b.WriteString("\n")
	}
	b.WriteString(codecSection.end)
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

Figures measured by benchmarks, never by timed tests; nothing here is typed in by hand.

## Codec

%s

## Client calls

%s

## End to end

%s
`

func main() {
	in := flag.String("in", "bench.out", "go test -bench output to read")
	out := flag.String("out", "../docs/performance.md", "markdown file whose sections are rewritten")
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
	type part struct {
		sec  section
		text string
	}
	var parts []part
	if len(res.groups()) > 0 {
		parts = append(parts, part{codecSection, res.markdown(*command)})
	}
	if res.has("Call/") || res.has("Pipeline/") {
		parts = append(parts, part{callSection, res.callMarkdown(*command)})
	}
	if res.has("E2E/") {
		parts = append(parts, part{e2eSection, res.e2eMarkdown(*command)})
	}
	if len(parts) == 0 {
		log.Fatalf("%s: no benchmark the report knows", *in)
	}
	doc, err := os.ReadFile(*out)
	var text string
	switch {
	case errors.Is(err, os.ErrNotExist):
		text = fmt.Sprintf(template, codecSection.begin+"\n"+codecSection.end, callSection.begin+"\n"+callSection.end, e2eSection.begin+"\n"+e2eSection.end)
	case err != nil:
		log.Fatal(err)
	default:
		text = string(doc)
	}
	for _, p := range parts {
		if text, err = p.sec.replace(text, p.text); err != nil {
			log.Fatalf("%s: %v", *out, err)
		}
		fmt.Print(p.text, "\n\n")
	}
	if err := os.WriteFile(*out, []byte(text), 0o644); err != nil {
		log.Fatal(err)
	}
}

// replace swaps the text between the section's markers (markers included) for text, which
// holds the markers again.
func (sec section) replace(doc, text string) (string, error) {
	i := strings.Index(doc, sec.begin)
	j := strings.Index(doc, sec.end)
	if i < 0 || j < i {
		return "", fmt.Errorf("no %s markers (%s ... %s); add them, or delete the file to have it written anew", sec.name, sec.begin, sec.end)
	}
	return doc[:i] + text + doc[j+len(sec.end):], nil
}
