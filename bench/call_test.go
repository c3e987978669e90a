package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// reps is how many times the call, pipeline and end-to-end benchmarks measure each client.
// The repetitions are interleaved (every client once, in a rotating order, then again), so
// that a slow spell of the machine or the server shifts all clients alike; run them with
// -count 1 (go test -bench Call -args -reps 10).
var reps = flag.Int("reps", 3, "interleaved repetitions of each call, pipeline and end-to-end measurement")

// interleave runs bench for every name, reps times, in a rotating order.
func interleave(b *testing.B, names []string, bench func(b *testing.B, i int)) {
	for r := range *reps {
		for k := range names {
			i := (k + r) % len(names)
			b.Run(names[i], func(b *testing.B) { bench(b, i) })
		}
	}
}

// queryItems is how many items the fake's Query returns, in one page.
const queryItems = 10

// fakeItems returns the stored representative item (with its updated timestamp at now) and
// queryItems items of the same hash key.
func fakeItems(now time.Time) (map[string]types.AttributeValue, []map[string]types.AttributeValue) {
	v := NewRepresentative()
	stored := MarshalRepresentative(&v)
	stored["updated"] = epoch(now)
	items := make([]map[string]types.AttributeValue, queryItems)
	for i := range items {
		w := NewRepresentative()
		w.Sort = fmt.Sprintf("order#%04d", i)
		items[i] = MarshalRepresentative(&w)
		items[i]["updated"] = epoch(now)
	}
	return stored, items
}

// fakeClients returns the fake and the four clients calling it.
func fakeClients(tb testing.TB, now func() time.Time) (*Fake, []Client) {
	stored, items := fakeItems(now())
	f := NewFake(stored, items)
	clients, err := Clients(f.Client(), "bench", now)
	if err != nil {
		tb.Fatal(err)
	}
	return f, clients
}

var sinkList []Representative

// callChunk is how many calls of one client run in a row when clients alternate: enough for
// its code and data to be back in the caches, as in a program that uses one client, and few
// enough (a few milliseconds) that the machine's drift moves the clients alike.
const callChunk = 50

// callRounds is how many rounds of callChunk calls of every client one alternating run makes
// (a few seconds): a fixed amount of work rather than the benchmark's time, so that each
// run's ratio rests on thousands of calls.
const callRounds = 200

// BenchmarkCall measures whole client calls (build the request, sign, send, check and parse
// the response, decode) against the in-process fake, so it measures everything the client
// does and nothing else.
func BenchmarkCall(b *testing.B) {
	ctx := context.Background()
	f, clients := fakeClients(b, time.Now)
	v := NewRepresentative()
	// The representative schema less its two regular expressions, for put: what the
	// pipeline costs without the user's most expensive validators.
	lean, err := representativeSchema(time.Now, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	m, err := model.New[Representative](f.Client(), "bench", lean)
	if err != nil {
		b.Fatal(err)
	}
	noRegexps := dynamodelClient(m)
	noRegexps.Name = "dynamodel-no-regexps"
	layers, err := layerClients(f.Client(), "bench", clients, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	ops := []struct {
		name string
		run  func(c Client) error
	}{
		{"put", func(c Client) error { return c.Put(ctx, &v) }},
		{"get", func(c Client) error {
			sinkRep = Representative{}
			return c.Get(ctx, v.ID, v.Sort, &sinkRep)
		}},
		{"query", func(c Client) error {
			var err error
			sinkList, err = c.Query(ctx, v.ID, 0, sinkList[:0])
			return err
		}},
	}
	for _, op := range ops {
		for _, c := range clients {
			for range 500 {
				if err := op.run(c); err != nil {
					b.Fatalf("%s/%s: %v", op.name, c.Name, err)
				}
			}
		}
	}
	names := make([]string, len(clients))
	for i, c := range clients {
		names[i] = c.Name
	}
	// The raw client a second time, alternating with the others: its ratio to
	// raw-handwritten is the measurement's own bias and spread.
	twin := rawClient("raw-twin", f.Client(), "bench", time.Now, handCodec)
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			cs := append(slices.Clone(clients), twin)
			if op.name == "put" {
				cs = append(cs, noRegexps)
			}
			// Absolute figures: each client on its own.
			interleave(b, names, func(b *testing.B, i int) {
				b.ReportAllocs()
				for b.Loop() {
					if err := op.run(cs[i]); err != nil {
						b.Fatal(err)
					}
				}
			})
			// Ratios: the clients alternating, callChunk calls at a time.
			for range *reps {
				b.Run("interleaved", func(b *testing.B) {
					sums := alternate(b, len(cs), callChunk, callRounds, func(i int) error { return op.run(cs[i]) })
					for i, c := range cs {
						b.ReportMetric(float64(sums[i])/float64(sums[1]), c.Name+"/raw")
					}
				})
			}
		})
	}
	b.Run("put-layers", func(b *testing.B) {
		for _, c := range layers[1:4] {
			for range 500 {
				if err := c.Put(ctx, &v); err != nil {
					b.Fatalf("put-layers/%s: %v", c.Name, err)
				}
			}
		}
		for range *reps {
			b.Run("interleaved", func(b *testing.B) {
				sums := alternate(b, len(layers), callChunk, callRounds, func(i int) error { return layers[i].Put(ctx, &v) })
				for i, c := range layers {
					b.ReportMetric(float64(sums[i])/float64(sums[0]), c.Name+"/raw")
				}
			})
		}
	})
}

// layerClients returns the layers of Dynamodel's put, each a raw SDK call with more of
// Dynamodel as its conversion: raw-handwritten, then the codec alone (raw-with-codec), then
// the whole write pipeline, which ends with the codec (raw-with-pipeline), and then the
// model's Put (the pipeline and the model's own work: dynamodel). clients are Clients' clients over db and table. now is the clock of the
// layers' timestamps.
func layerClients(db *dynamodb.Client, table string, clients []Client, now func() time.Time) ([]Client, error) {
	ac, err := attr.For[Representative]()
	if err != nil {
		return nil, err
	}
	s, err := RepresentativeSchema(now)
	if err != nil {
		return nil, err
	}
	return []Client{
		clients[1],
		rawClient("raw-with-codec", db, table, now, codec{marshal: ac.Marshal}),
		rawClient("raw-with-pipeline", db, table, now, codec{marshal: func(v *Representative) (map[string]types.AttributeValue, error) {
			return s.Put(v)
		}}),
		clients[0],
	}, nil
}

// alternate runs n functions in turn, chunk calls at a time, in a new random order every
// round, for the given number of rounds (0: for as long as b asks), and returns the time each
// took in all. Their ratios are
// robust to the machine's speed drifting, which moves every function's time alike within a
// few milliseconds; the separate benchmarks of each give the absolute figures. The order is
// shuffled rather than rotated so that no function always runs after the same other one
// (whose work would warm or cool the caches it finds).
func alternate(b *testing.B, n, chunk, rounds int, run func(i int) error) []time.Duration {
	next := b.Loop
	if rounds > 0 {
		next = func() bool { rounds--; return rounds >= 0 }
	}
	sums := make([]time.Duration, n)
	order := make([]int, n)
	rng := rand.New(rand.NewPCG(uint64(n), uint64(chunk)))
	for i := range order {
		order[i] = i
	}
	for next() {
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			start := time.Now()
			for range chunk {
				if err := run(i); err != nil {
					b.Fatal(err)
				}
			}
			sums[i] += time.Since(start)
		}
	}
	return sums
}

// pipelineFixture returns the representative schema (with the wall clock), the codec of its
// items, and the item the pipeline benchmarks convert.
func pipelineFixture(tb testing.TB) (*schema.Schema[Representative], *attr.Codec[Representative], Representative) {
	tb.Helper()
	s, err := RepresentativeSchema(time.Now)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := attr.For[Representative]()
	if err != nil {
		tb.Fatal(err)
	}
	return s, c, NewRepresentative()
}

// BenchmarkPipeline measures the write pipeline alone (schema.Put: defaults, validators,
// enum, timestamps, encoding, key and size checks) beside the codec it ends with.
func BenchmarkPipeline(b *testing.B) {
	s, c, v := pipelineFixture(b)
	b.Run("representative", func(b *testing.B) {
		for range 2000 {
			if _, err := s.Put(&v); err != nil {
				b.Fatal(err)
			}
		}
		steps := []func() (map[string]types.AttributeValue, error){
			func() (map[string]types.AttributeValue, error) { return s.Put(&v) },
			func() (map[string]types.AttributeValue, error) { return c.Marshal(&v) },
		}
		interleave(b, []string{"schema-put", "codec"}, func(b *testing.B, i int) {
			b.ReportAllocs()
			for b.Loop() {
				item, err := steps[i]()
				if err != nil {
					b.Fatal(err)
				}
				sinkItem = item
			}
		})
		const chunk = 1
		for range *reps {
			b.Run("interleaved", func(b *testing.B) {
				sums := alternate(b, 2, chunk, 0, func(i int) (err error) {
					sinkItem, err = steps[i]()
					return err
				})
				b.ReportMetric(float64(sums[0]-sums[1])/float64(b.N*chunk), "pipeline-ns")
			})
		}
	})
}

// request parses a recorded request body and writes the values of its expression
// placeholders into the expressions, so that requests differing only in placeholder names
// compare equal.
func request(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("request %s: %v", body, err)
	}
	names, _ := m["ExpressionAttributeNames"].(map[string]any)
	values, _ := m["ExpressionAttributeValues"].(map[string]any)
	var pairs []string
	for k, v := range names {
		pairs = append(pairs, k, fmt.Sprint(v))
	}
	for k, v := range values {
		b, _ := json.Marshal(v)
		pairs = append(pairs, k, string(b))
	}
	// Longer placeholders first, so that #a1 is not read as #a followed by 1.
	r := strings.NewReplacer(sortPairs(pairs)...)
	for _, key := range []string{"KeyConditionExpression", "ConditionExpression", "FilterExpression", "ProjectionExpression"} {
		if s, ok := m[key].(string); ok {
			m[key] = r.Replace(s)
		}
	}
	delete(m, "ExpressionAttributeNames")
	delete(m, "ExpressionAttributeValues")
	// guregu writes the same requests in DynamoDB's older, equivalent forms: an explicit
	// ReturnValues NONE (the default) and KeyConditions for a hash-key equality.
	if m["ReturnValues"] == "NONE" {
		delete(m, "ReturnValues")
	}
	if kc, ok := m["KeyConditions"].(map[string]any); ok && len(kc) == 1 {
		for name, c := range kc {
			c, _ := c.(map[string]any)
			list, _ := c["AttributeValueList"].([]any)
			if c["ComparisonOperator"] == "EQ" && len(list) == 1 {
				b, _ := json.Marshal(list[0])
				m["KeyConditionExpression"] = name + " = " + string(b)
				delete(m, "KeyConditions")
			}
		}
	}
	for _, key := range []string{"Item", "Key"} {
		if item, ok := m[key].(map[string]any); ok {
			for _, av := range item {
				sortSets(av)
			}
		}
	}
	return m
}

func sortPairs(pairs []string) []string {
	type pair struct{ k, v string }
	ps := make([]pair, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		ps = append(ps, pair{pairs[i], pairs[i+1]})
	}
	slices.SortFunc(ps, func(a, b pair) int { return len(b.k) - len(a.k) })
	out := make([]string, 0, len(pairs))
	for _, p := range ps {
		out = append(out, p.k, p.v)
	}
	return out
}

// sortSets sorts the members of the sets in a wire attribute value (sets have no order).
func sortSets(av any) {
	m, ok := av.(map[string]any)
	if !ok {
		return
	}
	for typ, v := range m {
		switch typ {
		case "SS", "NS", "BS":
			l, _ := v.([]any)
			slices.SortFunc(l, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		case "M":
			for _, e := range v.(map[string]any) {
				sortSets(e)
			}
		case "L":
			for _, e := range v.([]any) {
				sortSets(e)
			}
		}
	}
}

// TestCallsEquivalent checks that the clients of BenchmarkCall do equal work: each sends the
// request the handwritten raw client sends (up to placeholder names), and decodes the
// responses into the same values.
func TestCallsEquivalent(t *testing.T) {
	ctx := context.Background()
	at := time.Unix(1718000000, 0).UTC()
	f, clients := fakeClients(t, func() time.Time { return at })
	f.Record()
	v := NewRepresentative()
	_, stored := fakeItems(at)
	var wantList []Representative
	for _, item := range stored {
		var w Representative
		if err := UnmarshalRepresentative(item, &w); err != nil {
			t.Fatal(err)
		}
		wantList = append(wantList, w)
	}
	want := map[string]map[string]any{}
	for _, c := range clients {
		t.Run(c.Name, func(t *testing.T) {
			if err := c.Put(ctx, &v); err != nil {
				t.Fatalf("Put(%v) error: %v", v, err)
			}
			var got Representative
			if err := c.Get(ctx, v.ID, v.Sort, &got); err != nil {
				t.Fatalf("Get(%q, %q) error: %v", v.ID, v.Sort, err)
			}
			if diff := cmp.Diff(v, got); diff != "" {
				t.Errorf("Get(%q, %q) = %v; want %v (-want +got):\n%s", v.ID, v.Sort, got, v, diff)
			}
			list, err := c.Query(ctx, v.ID, 0, nil)
			if err != nil {
				t.Fatalf("Query(%q) error: %v", v.ID, err)
			}
			if diff := cmp.Diff(wantList, list); diff != "" {
				t.Errorf("Query(%q) differs (-want +got):\n%s", v.ID, diff)
			}
			for _, op := range []string{"PutItem", "GetItem", "Query"} {
				req := request(t, f.Last(op))
				if want[op] == nil {
					want[op] = req
					continue
				}
				if diff := cmp.Diff(want[op], req); diff != "" {
					t.Errorf("%s request differs from %s's (-%s +%s):\n%s", op, clients[0].Name, clients[0].Name, c.Name, diff)
				}
			}
		})
	}
}

// TestLayersEquivalent checks that the layers of BenchmarkCall's put-layers send the request
// raw-handwritten sends.
func TestLayersEquivalent(t *testing.T) {
	at := time.Unix(1718000000, 0).UTC()
	now := func() time.Time { return at }
	f, clients := fakeClients(t, now)
	layers, err := layerClients(f.Client(), "bench", clients, now)
	if err != nil {
		t.Fatal(err)
	}
	f.Record()
	v := NewRepresentative()
	var want map[string]any
	for _, c := range layers {
		if err := c.Put(context.Background(), &v); err != nil {
			t.Fatalf("%s: Put(%v) error: %v", c.Name, v, err)
		}
		req := request(t, f.Last("PutItem"))
		if want == nil {
			want = req
			continue
		}
		if diff := cmp.Diff(want, req); diff != "" {
			t.Errorf("PutItem request of %s differs from %s's (-%s +%s):\n%s", c.Name, layers[0].Name, layers[0].Name, c.Name, diff)
		}
	}
}

// TestPipelineRuns checks that Dynamodel's client in the benchmarks runs the whole pipeline:
// an item its validators and enum refuse is not sent.
func TestPipelineRuns(t *testing.T) {
	f, clients := fakeClients(t, time.Now)
	f.Record()
	tests := []struct {
		name   string
		change func(v *Representative)
	}{
		{"rating out of range", func(v *Representative) { v.Rating = 7 }},
		{"id not matching its pattern", func(v *Representative) { v.ID = "user#1" }},
		{"zip not matching its pattern", func(v *Representative) { v.Address.Zip = "7500" }},
		{"tag not in the enum", func(v *Representative) { v.Tags = []string{"gold", "platinum"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewRepresentative()
			tt.change(&v)
			err := clients[0].Put(context.Background(), &v)
			if !errors.Is(err, validate.ErrInvalid) {
				t.Errorf("Put(%v) = %v; want a validation error", v, err)
			}
			if f.Last("PutItem") != nil {
				t.Errorf("Put(%v) sent a request; want none", v)
			}
		})
	}
}

// TestValidateByHand checks that the conversion of raw-handwritten-validated refuses what
// the representative schema refuses, and only that.
func TestValidateByHand(t *testing.T) {
	s, _, _ := pipelineFixture(t)
	tests := []struct {
		name   string
		change func(v *Representative)
	}{
		{"representative", func(*Representative) {}},
		{"id off pattern", func(v *Representative) { v.ID = "user#1" }},
		{"zip off pattern", func(v *Representative) { v.Address.Zip = "7500" }},
		{"no zip", func(v *Representative) { v.Address.Zip = "" }},
		{"rating above 5", func(v *Representative) { v.Rating = 5.5 }},
		{"rating below 0", func(v *Representative) { v.Rating = -1 }},
		{"tag outside the enum", func(v *Representative) { v.Tags = append(v.Tags, "bronze") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewRepresentative()
			tt.change(&v)
			_, schemaErr := s.Put(&v)
			_, handErr := handValidatedCodec.marshal(&v)
			if (schemaErr == nil) != (handErr == nil) {
				t.Errorf("handValidatedCodec.marshal(%+v) error = %v; the schema's Put returned %v", v, handErr, schemaErr)
			}
		})
	}
}
