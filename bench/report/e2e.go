package main

import (
	"fmt"
	"slices"
	"strings"
)

// rate returns the rate metric of a sample (ops/s or items/s) and its unit.
func rate(s *sample) ([]float64, string) {
	for _, unit := range []string{"ops/s", "items/s"} {
		if v := s.metrics[unit]; len(v) > 0 {
			return v, unit
		}
	}
	return nil, ""
}

// ratios returns a[i]/b[i] for the repetitions both have.
func ratios(a, b []float64) []float64 {
	n := min(len(a), len(b))
	out := make([]float64, 0, n)
	for i := range n {
		if b[i] > 0 {
			out = append(out, a[i]/b[i])
		}
	}
	return out
}

func spread(xs []float64) (lo, hi float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	return slices.Min(xs), slices.Max(xs)
}

func bytesText(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.0f KiB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}

var e2eTitles = map[string]string{
	"put/c1":          "PutItem, concurrency 1",
	"put/c16":         "PutItem, concurrency 16",
	"get/c1":          "GetItem, concurrency 1",
	"get/c16":         "GetItem, concurrency 16",
	"query/pages-1MB": "Query of 1,000 items, DynamoDB's pages (up to 1 MB)",
	"query/pages-100": "Query of 1,000 items in pages of 100 (Dynamodel's Page with its cursor; the SDK's paginator with Limit)",
	"batchput/c1":     "Batch put of 10,000 items, one caller",
	"batchput/c16":    "Batch put of 10,000 items, 16 callers of 625 items each",
}

// e2eMarkdown returns the end-to-end section.
func (r *result) e2eMarkdown(command string) string {
	var b strings.Builder
	r.head(&b, e2eSection, command)
	reps := r.maxRuns("E2E/")
	fmt.Fprintf(&b, "%d repetitions, interleaved (each client once per repetition, in a rotating order). "+
		"Rates are medians; \"vs raw\" is the median of the per-repetition ratios to the raw SDK with a handwritten "+
		"conversion (raw-handwritten), with their lowest and highest; higher is better. \"raw noise\" is how far "+
		"raw-handwritten's own rate moved between repetitions ((max - min) / median). The server's speed drifts "+
		"between and within runs, so puts and gets are also measured with the clients' operations alternating, "+
		"20 operations of one client at a time in a new random order every round (\"alternating\": the ratio of "+
		"raw-handwritten's summed latencies to the client's, as many operations per client as a separate run), "+
		"which the server's drift moves alike; batch puts alternate a tenth of their items at a time.\n\n", reps)
	for _, g := range r.subgroups("E2E/") {
		key := strings.TrimPrefix(g, "E2E/")
		if strings.HasPrefix(key, "floor/") || key == "memory" {
			continue
		}
		if key == "put-layers/c1" {
			b.WriteString(e2eLayersMarkdown(r.samples[g+"/alternating"]))
			continue
		}
		base := r.samples[g+"/"+rawSDK]
		var baseRates []float64
		if base != nil {
			baseRates, _ = rate(base)
		}
		title := e2eTitles[key]
		if title == "" {
			title = key
		}
		fmt.Fprintf(&b, "### %s\n\n", title)
		alt := r.samples[g+"/alternating"]
		if alt != nil {
			b.WriteString("| client | vs raw, alternating | alternating, lowest–highest | vs raw | vs raw, lowest–highest | rate |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
		} else {
			b.WriteString("| client | vs raw | vs raw, lowest–highest | rate |\n| --- | ---: | ---: | ---: |\n")
		}
		var dRatios, dAlt []float64
		for _, c := range clients {
			s := r.samples[g+"/"+c]
			if s == nil {
				continue
			}
			rates, unit := rate(s)
			rs := ratios(rates, baseRates)
			lo, hi := spread(rs)
			if c == "dynamodel" {
				dRatios = rs
			}
			b.WriteString("| " + c + " |")
			if alt != nil {
				as := alt.metricOr(c + "/raw")
				alo, ahi := spread(as)
				if c == "dynamodel" {
					dAlt = as
				}
				fmt.Fprintf(&b, " %.3fx | %.3f–%.3f |", median(as), alo, ahi)
			}
			fmt.Fprintf(&b, " %.2fx | %.2f–%.2f | %.0f %s |\n", median(rs), lo, hi, median(rates), unit)
		}
		twinAlt := alt.metricOr(twin + "/raw")
		if len(twinAlt) > 0 {
			lo, hi := spread(twinAlt)
			fmt.Fprintf(&b, "| %s (raw-handwritten again) | %.3fx | %.3f–%.3f | – | – | – |\n", twin, median(twinAlt), lo, hi)
		}
		b.WriteString(clientCPU(alt, clients))
		noise := 0.0
		if len(baseRates) > 0 {
			lo, hi := spread(baseRates)
			noise = (hi - lo) / median(baseRates)
		}
		if len(dRatios) > 0 {
			m := median(dRatios)
			switch {
			case (strings.HasPrefix(key, "put/") || strings.HasPrefix(key, "get/")) && len(dAlt) > 0:
				lo, hi := spread(dAlt)
				if len(twinAlt) > 0 {
					// The noise of the raw SDK is what it reads against itself.
					tlo, thi := spread(twinAlt)
					fmt.Fprintf(&b, "\nTarget: Dynamodel within noise of the raw SDK (its alternating ratios reach the range "+
						"of raw-twin, the raw client against itself): %.3fx, %.3f–%.3f against raw-twin's %.3f–%.3f, %s. "+
						"Separate runs: %.2fx, raw noise %.0f%%.\n", median(dAlt), lo, hi, tlo, thi, mark(hi >= tlo), m, noise*100)
					break
				}
				fmt.Fprintf(&b, "\nTarget: Dynamodel within noise of the raw SDK (the alternating ratios reach 1.00): "+
					"%.3fx, %.3f–%.3f, %s. Separate runs: %.2fx, raw noise %.0f%%.\n", median(dAlt), lo, hi, mark(hi >= 1), m, noise*100)
			case strings.HasPrefix(key, "put/"), strings.HasPrefix(key, "get/"):
				fmt.Fprintf(&b, "\nTarget: Dynamodel within noise of the raw SDK (median ratio at least 1 - raw noise): "+
					"%.2fx, raw noise %.0f%%, %s.\n", m, noise*100, mark(m >= 1-noise))
			case strings.HasPrefix(key, "batchput/") && len(dAlt) > 0 && len(twinAlt) > 0:
				// Not measurably slower: the median of Dynamodel's alternating ratios is within
				// the range of raw-twin's.
				lo, hi := spread(dAlt)
				tlo, thi := spread(twinAlt)
				fmt.Fprintf(&b, "\nTarget: at least as fast as the raw loop of 25-item BatchWriteItem calls (the median of "+
					"Dynamodel's alternating ratios at least raw-twin's lowest): %.3fx, %.3f–%.3f against raw-twin's "+
					"%.3f–%.3f, %s. Separate runs: %.2fx, raw noise %.0f%%.\n",
					median(dAlt), lo, hi, tlo, thi, mark(median(dAlt) >= tlo), m, noise*100)
			case strings.HasPrefix(key, "batchput/"):
				fmt.Fprintf(&b, "\nTarget: at least as fast as the raw loop of 25-item BatchWriteItem calls: %.2fx "+
					"(raw noise %.0f%%), %s.\n", m, noise*100, mark(m >= 1))
			default:
				fmt.Fprintf(&b, "\nRaw noise %.0f%%.\n", noise*100)
			}
		}
		b.WriteString("\n")
	}
	r.ceiling(&b)
	r.memory(&b)
	b.WriteString(e2eSection.end)
	return b.String()
}

// handValidated is the raw client whose conversion also runs the representative schema's
// checks, written by hand.
const handValidated = "raw-handwritten-validated"

// e2eLayersMarkdown returns the table of E2E/put-layers/c1: each layer of Dynamodel's put
// against the server at concurrency 1, its rate relative to raw-handwritten's and the
// client CPU it costs per operation, with what it adds to the layer before.
func e2eLayersMarkdown(alt *sample) string {
	if alt == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("### PutItem at concurrency 1, layer by layer\n\n")
	b.WriteString("The layers of the call benchmarks' put, alternating as above: where the cost of a put against the " +
		"server comes from. Client CPU is the benchmark process's user and system time per operation (medians); " +
		"the last column is what each layer adds to the one before (for the handwritten checks, what they add to " +
		"raw-handwritten).\n\n")
	b.WriteString("| layer | vs raw, alternating | lowest–highest | client CPU per operation | CPU added by the layer |\n| --- | ---: | ---: | ---: | ---: |\n")
	row := func(what, client string, prev float64) (float64, bool) {
		rs, cpu := alt.metricOr(client+"/raw"), alt.metricOr(client+"/cpu-us")
		if len(rs) == 0 || len(cpu) == 0 {
			return 0, false
		}
		lo, hi := spread(rs)
		c := median(cpu)
		added := "–"
		if prev > 0 {
			added = fmt.Sprintf("%+.1f µs", c-prev)
		}
		fmt.Fprintf(&b, "| %s (%s) | %.3fx | %.3f–%.3f | %.1f µs | %s |\n", what, client, median(rs), lo, hi, c, added)
		return c, true
	}
	prev, base := 0.0, 0.0
	for i, l := range layers {
		if c, ok := row(l.what, l.client, prev); ok {
			prev = c
			if i == 0 {
				base = c
			}
		}
	}
	b.WriteString("| *For comparison:* | | | | |\n")
	row("the raw SDK with a handwritten conversion and the schema's checks written by hand (regexp, the rating, the enum)", handValidated, base)
	row("the raw SDK again, the measurement's own bias and spread", twin, 0)
	b.WriteString("\n")
	return b.String()
}

// ceiling writes what a call costs the server, from the cheapest client's rate against the
// server and against the in-process fake, both at concurrency 1 in this run.
func (r *result) ceiling(b *strings.Builder) {
	var rows []string
	for _, op := range []string{"put", "get"} {
		server, fake := r.samples["E2E/"+op+"/c1/"+rawSDK], r.samples["E2E/floor/"+op+"/"+rawSDK]
		if server == nil || fake == nil {
			continue
		}
		sr, _ := rate(server)
		fr, _ := rate(fake)
		total, client := 1e6/median(sr), 1e6/median(fr)
		rows = append(rows, fmt.Sprintf("| %s | %.0f/s | %.1f µs | %.0f/s | %.1f µs | %.1f µs (%.0f%%) |",
			op, median(sr), total, median(fr), client, total-client, 100*(total-client)/total))
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("### The ceiling: what the server costs per call\n\n")
	b.WriteString("The cheapest client (raw-handwritten) at concurrency 1, against the server and against the in-process " +
		"fake of the call benchmarks (no network, no server), in this run: the difference is what the server and the " +
		"loopback connection take of each call, a cost no client can remove.\n\n")
	b.WriteString("| call | against the server | per call | against the fake | client per call | server and network per call |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: |\n")
	b.WriteString(strings.Join(rows, "\n") + "\n\n")
}

// memory writes the live heap of iterating a large query beside one page.
func (r *result) memory(b *strings.Builder) {
	s := r.samples["E2E/memory/dynamodel"]
	if s == nil {
		return
	}
	page, peak, all, items := median(s.metrics["page-B"]), median(s.metrics["peak-B"]), median(s.metrics["all-B"]), median(s.metrics["page-items"])
	b.WriteString("### Memory while iterating a query of 10,000 items\n\n")
	b.WriteString("Live heap after a collection (runtime.MemStats.HeapAlloc after runtime.GC), above what was live before; " +
		"during the iteration it is sampled at every 100th item, and the peak is kept. Medians of the repetitions.\n\n")
	b.WriteString("| what is held | live heap |\n| --- | ---: |\n")
	fmt.Fprintf(b, "| one page of the query (%.0f items as DynamoDB returned them, and decoded) | %s |\n", items, bytesText(page))
	fmt.Fprintf(b, "| peak while iterating all 10,000 items with Dynamodel's Query.All | %s |\n", bytesText(peak))
	fmt.Fprintf(b, "| the whole query loaded at once (every page kept, then decoded) | %s |\n", bytesText(all))
	fmt.Fprintf(b, "\nTarget: memory while iterating bounded by one page: peak %.2fx one page, %s.\n\n", peak/page, mark(peak <= page))
}

// clientCPU returns the line on what each client's operations cost the benchmark's process
// in CPU time, when the alternating runs measured it (at concurrency 1), with Dynamodel's
// difference from raw-handwritten.
func clientCPU(alt *sample, clients []string) string {
	var parts []string
	cpu := map[string]float64{}
	for _, c := range append(slices.Clone(clients), twin) {
		vs := alt.metricOr(c + "/cpu-us")
		if len(vs) == 0 {
			continue
		}
		cpu[c] = median(vs)
		parts = append(parts, fmt.Sprintf("%s %.1f µs", c, cpu[c]))
	}
	d, okD := cpu["dynamodel"]
	raw, okR := cpu["raw-handwritten"]
	if !okD || !okR {
		return ""
	}
	return fmt.Sprintf("\nClient CPU per operation in the alternating runs (the benchmark process's user and system "+
		"time, medians): %s. Dynamodel's difference from raw-handwritten: %+.1f µs per operation.\n",
		strings.Join(parts, ", "), d-raw)
}
