package main

import (
	"fmt"
	"slices"
	"strings"
)

// The clients of the call and end-to-end benchmarks, in table order; the floor the others
// are compared with is the raw SDK with a handwritten conversion.
var (
	clients = []string{"dynamodel", "raw-handwritten", "raw-attributevalue", "guregu"}
	rawSDK  = "raw-handwritten"
	// twin is raw-handwritten a second time among the alternating clients.
	twin = "raw-twin"
)

func mark(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

// metricOr returns the values of a metric of s, nil when s is nil or has none.
func (s *sample) metricOr(unit string) []float64 {
	if s == nil {
		return nil
	}
	return s.metrics[unit]
}

// subgroups returns the groups under prefix (Call/put, E2E/put/c1) in the order first seen.
func (r *result) subgroups(prefix string) []string {
	var gs []string
	for _, name := range r.order {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		i := strings.LastIndexByte(rest, '/')
		if i < 0 {
			continue
		}
		if g := prefix + rest[:i]; !slices.Contains(gs, g) {
			gs = append(gs, g)
		}
	}
	return gs
}

// callMarkdown returns the section of BenchmarkCall and BenchmarkPipeline.
func (r *result) callMarkdown(command string) string {
	var b strings.Builder
	r.head(&b, callSection, command)
	runs := r.maxRuns("Call/")
	fmt.Fprintf(&b, "Times, bytes and allocations are medians of %d runs of each client on its own. \"vs raw\" "+
		"compares the clients' CPU time per call with the raw SDK with a handwritten conversion (raw-handwritten) "+
		"while their calls alternate, 50 calls of one client at a time in a new random order every round, so that "+
		"the machine's speed, which drifts by tens of percent within seconds here, moves every client alike while "+
		"each runs with its own code and data in the caches, as in a program that uses one client: it is the "+
		"median of %d such runs, with their lowest and highest; lower is better.\n\n", runs, len(r.samples["Call/put/interleaved"].metricOr("dynamodel/raw")))
	for _, g := range r.subgroups("Call/") {
		op := strings.TrimPrefix(g, "Call/")
		inter := r.samples[g+"/interleaved"]
		if op == "put-layers" {
			b.WriteString(layersMarkdown(inter))
			continue
		}
		fmt.Fprintf(&b, "### %s\n\n", op)
		b.WriteString("| client | vs raw | vs raw, lowest–highest | time/op | B/op | allocs/op |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
		ratio := func(c string) ([]float64, bool) {
			rs := inter.metricOr(c + "/raw")
			return rs, len(rs) > 0
		}
		for _, c := range append(slices.Clone(clients), twin, "dynamodel-no-regexps") {
			s := r.samples[g+"/"+c]
			rs, ok := ratio(c)
			if s == nil && !ok {
				continue
			}
			t, bytes, allocs := "–", "–", "–"
			if s != nil {
				t, bytes, allocs = duration(median(s.ns)), fmt.Sprintf("%.0f", median(s.bytes)), fmt.Sprintf("%.0f", median(s.allocs))
			}
			vs, span := "–", "–"
			if ok {
				lo, hi := spread(rs)
				vs, span = fmt.Sprintf("%.3fx", median(rs)), fmt.Sprintf("%.3f–%.3f", lo, hi)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", c, vs, span, t, bytes, allocs)
		}
		if t := callTargets(op, func(c string) (float64, bool) {
			rs, ok := ratio(c)
			return median(rs), ok
		}); len(t) > 0 {
			fmt.Fprintf(&b, "\nTargets: %s.", strings.Join(t, "; "))
			if rs, ok := ratio(twin); ok {
				lo, hi := spread(rs)
				fmt.Fprintf(&b, " %s, the raw client measured a second time, reads %.3fx (%.3f–%.3f): the measurement's own bias and spread.", twin, median(rs), lo, hi)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	for _, g := range r.subgroups("Pipeline/") {
		put, codec := r.samples[g+"/schema-put"], r.samples[g+"/codec"]
		if put == nil || codec == nil {
			continue
		}
		fmt.Fprintf(&b, "### %s\n\n", strings.ToLower(strings.Replace(g, "/", ": ", 1)))
		b.WriteString("| step | time/op | B/op | allocs/op |\n| --- | ---: | ---: | ---: |\n")
		fmt.Fprintf(&b, "| schema.Put (whole write pipeline, encoding included) | %s | %.0f | %.0f |\n", duration(median(put.ns)), median(put.bytes), median(put.allocs))
		fmt.Fprintf(&b, "| codec alone (attr.Codec.Marshal) | %s | %.0f | %.0f |\n", duration(median(codec.ns)), median(codec.bytes), median(codec.allocs))
		// The difference measured with the two alternating call by call.
		diffs := r.samples[g+"/interleaved"].metricOr("pipeline-ns")
		dns := median(diffs)
		lo, hi := spread(diffs)
		dallocs := median(put.allocs) - median(codec.allocs)
		fmt.Fprintf(&b, "| the pipeline beyond the codec (alternating call by call: median of %d runs, lowest–highest %s–%s) | %s | %.0f | %.0f |\n",
			len(diffs), duration(lo), duration(hi), duration(dns), median(put.bytes)-median(codec.bytes), dallocs)
		fmt.Fprintf(&b, "\nTargets: under 2 µs beyond the codec: %s, %s; under 10 allocations beyond the codec: %.0f, %s. "+
			"The steps take %.2fx the codec's own time in this run, a ratio that moves less with the machine's speed than the time itself.\n\n",
			duration(dns), mark(dns < 2000), dallocs, mark(dallocs < 10), dns/median(codec.ns))
	}
	b.WriteString(callSection.end)
	return b.String()
}

// callTargets says which of the call targets an operation meets, from each client's ratio to
// the raw SDK: at most 1.05x for put and get, and below attributevalue and guregu.
func callTargets(op string, ratio func(client string) (float64, bool)) []string {
	d, ok := ratio("dynamodel")
	if !ok {
		return nil
	}
	var out []string
	if op == "put" || op == "get" {
		out = append(out, fmt.Sprintf("at most 1.05x raw-handwritten: %.3fx, %s", d, mark(d <= 1.05)))
	}
	for _, anchor := range []string{"raw-attributevalue", "guregu"} {
		if a, ok := ratio(anchor); ok {
			out = append(out, fmt.Sprintf("below %s: %.3fx vs its %.3fx, %s", anchor, d, a, mark(d < a)))
		}
	}
	return out
}

// layers are the clients of Call/put-layers, in order, each with one more layer of
// Dynamodel than the one before.
var layers = []struct{ client, what string }{
	{"raw-handwritten", "the raw SDK with a handwritten conversion"},
	{"raw-with-codec", "the raw SDK with Dynamodel's codec (attr) as its conversion"},
	{"raw-with-pipeline", "the raw SDK with Dynamodel's write pipeline (schema.Put: the steps, then the codec) as its conversion"},
	{"dynamodel", "Dynamodel's model.Put (the pipeline, hooks, options, the input and the error mapping)"},
}

// layersMarkdown returns the table of Call/put-layers: each layer's ratio to the raw SDK,
// and what it adds to the layer before.
func layersMarkdown(inter *sample) string {
	var b strings.Builder
	b.WriteString("### put, layer by layer\n\n")
	b.WriteString("| layer | vs raw | vs raw, lowest–highest | added by the layer |\n| --- | ---: | ---: | ---: |\n")
	prev := 1.0
	for i, l := range layers {
		rs := inter.metricOr(l.client + "/raw")
		if len(rs) == 0 {
			continue
		}
		m := median(rs)
		lo, hi := spread(rs)
		added := "–"
		if i > 0 {
			added = fmt.Sprintf("%+.1f%%", (m-prev)*100)
		}
		fmt.Fprintf(&b, "| %s (%s) | %.3fx | %.3f–%.3f | %s |\n", l.what, l.client, m, lo, hi, added)
		prev = m
	}
	b.WriteString("\n")
	return b.String()
}
