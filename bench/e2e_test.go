//go:build e2e

package bench

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The end-to-end benchmarks run against the DynamoDB server at $DYNAMODB_ENDPOINT (make
// bench-e2e starts dynalite for them). Each measurement is one benchmark run
// (-benchtime 1x) that does a fixed amount of work and reports its rate; the repetitions are
// interleaved (every client once, in a rotating order, then again), so that a drift of the
// server shifts all clients alike.

const (
	e2eOps      = 2000   // puts or gets per measurement
	e2eChunk    = 20     // operations of one client in a row, when clients alternate
	e2eQueryN   = 1000   // items of the query
	e2eQueryRun = 10     // queries per measurement
	e2eBatchN   = 10_000 // items of the batch put, and of the iterated query
	// e2eBatchRounds is how many parts the batch put's items are written in when the clients
	// alternate.
	e2eBatchRounds = 10
)

func BenchmarkE2E(b *testing.B) {
	endpoint := os.Getenv("DYNAMODB_ENDPOINT")
	if endpoint == "" {
		b.Fatal("DYNAMODB_ENDPOINT is not set: run make bench-e2e, which starts dynalite")
	}
	ctx := context.Background()
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConns = 256
		t.MaxIdleConnsPerHost = 256
	})
	db := dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDLOCAL", "local", ""),
		HTTPClient:   httpClient,
	})
	table := "bench_e2e_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if err := createTable(ctx, db, table); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _, _ = db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(table)}) })
	clients, err := Clients(db, table, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	hand := clients[1]

	// Items: puts and gets use e2eOps items of one hash key; the query reads e2eQueryN items
	// of another; the batch put writes e2eBatchN of a third, which the memory measurement then
	// iterates. Everything is written once before measuring, so that every measured write
	// replaces an item, whichever client comes first.
	items := make([]Representative, e2eOps)
	for i := range items {
		items[i] = NewRepresentative()
		items[i].Sort = fmt.Sprintf("item#%05d", i)
	}
	batch := make([]Representative, e2eBatchN)
	for i := range batch {
		batch[i] = NewRepresentative()
		batch[i].ID = "customer#ba7c4"
		batch[i].Sort = fmt.Sprintf("item#%05d", i)
	}
	query := make([]Representative, e2eQueryN)
	for i := range query {
		query[i] = NewRepresentative()
		query[i].ID = "customer#9e7e"
		query[i].Sort = fmt.Sprintf("item#%05d", i)
	}
	for _, set := range [][]Representative{items, batch, query} {
		if err := hand.BatchPut(ctx, set); err != nil {
			b.Fatal(err)
		}
	}
	// The layers of Dynamodel's put, each with one more layer of Dynamodel than the one
	// before (their first is raw-handwritten), then the raw SDK with the schema's checks
	// written by hand beside the handwritten conversion, for comparison.
	layers, err := layerClients(db, table, clients, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	layers = append(layers, rawClient("raw-handwritten-validated", db, table, time.Now, handValidatedCodec))
	// Warm the server's JIT and every client's connections (the layers only put).
	for _, c := range layers[1:] {
		if _, err := rate(len(items), 1, func(i int) error { return c.Put(ctx, &items[i]) }); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range clients {
		for _, conc := range []int{16, 1} {
			if _, err := rate(len(items), conc, func(i int) error { return c.Put(ctx, &items[i]) }); err != nil {
				b.Fatal(err)
			}
			if _, err := rate(len(items), conc, func(i int) error {
				var out Representative
				return c.Get(ctx, items[i].ID, items[i].Sort, &out)
			}); err != nil {
				b.Fatal(err)
			}
		}
	}

	measure := func(name string, cs []Client, work func(c Client) (float64, string, error)) {
		for r := range *reps {
			for k := range cs {
				c := cs[(k+r)%len(cs)]
				b.Run(name+"/"+c.Name, func(b *testing.B) {
					v, unit, err := work(c)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(v, unit)
				})
			}
		}
	}
	// alternating runs the operations of the clients alt in turn, e2eChunk operations of one
	// client in a row, the clients in a new random order every round (on each of conc
	// goroutines), e2eOps per client, and reports each client's rate relative to alt[0] (the
	// ratio of their summed latencies): the server's drift then moves every client alike,
	// and no client always follows the same other one.
	// The raw client a second time among them (raw-twin): its ratio to raw-handwritten is
	// the measurement's own bias and spread.
	twin := rawClient("raw-twin", db, table, time.Now, handCodec)
	rng := rand.New(rand.NewPCG(uint64(len(clients)+1), e2eChunk))
	alternating := func(name string, alt []Client, conc int, op func(c Client, i int) error) {
		for range *reps {
			b.Run(name+"/alternating", func(b *testing.B) {
				rounds := e2eOps / e2eChunk
				order := make([]int, 0, rounds*len(alt))
				for range rounds {
					order = append(order, rng.Perm(len(alt))...)
				}
				total := make([]atomic.Int64, len(alt)) // nanoseconds
				// With one goroutine, the process's CPU time during an operation is the
				// client's cost of it (the server is another process).
				cpu := make([]time.Duration, len(alt))
				_, err := rate(len(order)*e2eChunk, conc, func(i int) error {
					block := i / e2eChunk
					k := order[block]
					var c0 time.Duration
					if conc == 1 {
						c0 = cpuTime()
					}
					start := time.Now()
					err := op(alt[k], (block/len(alt))*e2eChunk+i%e2eChunk)
					total[k].Add(int64(time.Since(start)))
					if conc == 1 {
						cpu[k] += cpuTime() - c0
					}
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
				for k, c := range alt {
					b.ReportMetric(float64(total[0].Load())/float64(total[k].Load()), c.Name+"/raw")
					if conc == 1 {
						b.ReportMetric(float64(cpu[k].Nanoseconds())/1e3/e2eOps, c.Name+"/cpu-us")
					}
				}
			})
		}
	}
	// raw-handwritten first, as the others' reference.
	alt := append([]Client{clients[1], clients[0]}, clients[2:]...)
	alt = append(alt, twin)
	put := func(c Client, i int) error { return c.Put(ctx, &items[i]) }
	for _, conc := range []int{1, 16} {
		alternating(fmt.Sprintf("put/c%d", conc), alt, conc, put)
		alternating(fmt.Sprintf("get/c%d", conc), alt, conc, func(c Client, i int) error {
			var out Representative
			return c.Get(ctx, items[i].ID, items[i].Sort, &out)
		})
	}
	// Where a put's cost at concurrency 1 comes from: each layer of Dynamodel in turn.
	alternating("put-layers/c1", append(slices.Clone(layers), twin), 1, put)
	for _, conc := range []int{1, 16} {
		measure(fmt.Sprintf("put/c%d", conc), clients, func(c Client) (float64, string, error) {
			v, err := rate(len(items), conc, func(i int) error { return c.Put(ctx, &items[i]) })
			return v, "ops/s", err
		})
		measure(fmt.Sprintf("get/c%d", conc), clients, func(c Client) (float64, string, error) {
			v, err := rate(len(items), conc, func(i int) error {
				var out Representative
				return c.Get(ctx, items[i].ID, items[i].Sort, &out)
			})
			return v, "ops/s", err
		})
	}
	queryWork := func(pageSize int) func(c Client) (float64, string, error) {
		return func(c Client) (float64, string, error) {
			var out []Representative
			start := time.Now()
			for range e2eQueryRun {
				var err error
				if out, err = c.Query(ctx, query[0].ID, pageSize, out[:0]); err != nil {
					return 0, "", err
				}
				if len(out) != e2eQueryN {
					return 0, "", fmt.Errorf("query returned %d items, want %d", len(out), e2eQueryN)
				}
			}
			return float64(e2eQueryN*e2eQueryRun) / time.Since(start).Seconds(), "items/s", nil
		}
	}
	measure("query/pages-1MB", clients, queryWork(0))
	measure("query/pages-100", clients[:3], queryWork(100))
	for _, conc := range []int{1, 16} {
		name := fmt.Sprintf("batchput/c%d", conc)
		measure(name, clients, func(c Client) (float64, string, error) {
			start := time.Now()
			err := batchPut(ctx, c, batch, conc)
			return float64(len(batch)) / time.Since(start).Seconds(), "items/s", err
		})
		// The same work with the clients alternating, a tenth of the items at a time (each
		// tenth split among the conc callers), in a new random order every round: the
		// server's drift, tens of percent between separate runs, then moves all alike.
		for range *reps {
			b.Run(name+"/alternating", func(b *testing.B) {
				total := make([]time.Duration, len(alt))
				per := len(batch) / e2eBatchRounds
				for r := range e2eBatchRounds {
					part := batch[r*per : (r+1)*per]
					for _, k := range rng.Perm(len(alt)) {
						start := time.Now()
						if err := batchPut(ctx, alt[k], part, conc); err != nil {
							b.Fatal(err)
						}
						total[k] += time.Since(start)
					}
				}
				for k, c := range alt {
					b.ReportMetric(float64(total[0])/float64(total[k]), c.Name+"/raw")
				}
			})
		}
	}
	// The floor of a call: the cheapest client's CPU per call, against the in-process fake,
	// in this same run; the rest of a call against the server is the server's and the
	// network's.
	_, fakes := fakeClients(b, time.Now)
	measure("floor/put", fakes[1:2], func(c Client) (float64, string, error) {
		v, err := rate(len(items), 1, func(i int) error { return c.Put(ctx, &items[i]) })
		return v, "ops/s", err
	})
	measure("floor/get", fakes[1:2], func(c Client) (float64, string, error) {
		v, err := rate(len(items), 1, func(i int) error {
			var out Representative
			return c.Get(ctx, items[i].ID, items[i].Sort, &out)
		})
		return v, "ops/s", err
	})
	for range *reps {
		b.Run("memory/dynamodel", func(b *testing.B) {
			m, err := iterationMemory(ctx, db, table, clients[0], batch[0].ID)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(m.onePage, "page-B")
			b.ReportMetric(m.peak, "peak-B")
			b.ReportMetric(m.all, "all-B")
			b.ReportMetric(m.pageItems, "page-items")
		})
	}
}

func createTable(ctx context.Context, db *dynamodb.Client, table string) error {
	_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   aws.String(table),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sort"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sort"), KeyType: types.KeyTypeRange},
		},
	})
	if err != nil {
		return err
	}
	return dynamodb.NewTableExistsWaiter(db).Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)}, time.Minute)
}

// batchPut writes items with c's BatchPut from conc callers, each given an equal share.
func batchPut(ctx context.Context, c Client, items []Representative, conc int) error {
	shard := (len(items) + conc - 1) / conc
	var wg sync.WaitGroup
	errs := make([]error, conc)
	for w := range conc {
		part := items[min(w*shard, len(items)):min((w+1)*shard, len(items))]
		wg.Go(func() { errs[w] = c.BatchPut(ctx, part) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// cpuTime is processCPU (cpuclock_*_test.go), 0 where the clock cannot be read.
func cpuTime() time.Duration {
	d, _ := processCPU()
	return d
}

// rate runs op(0) ... op(n-1) on conc goroutines and returns the operations per second.
func rate(n, conc int, op func(i int) error) (float64, error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, conc)
	start := time.Now()
	for w := range conc {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := op(i); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return float64(n) / time.Since(start).Seconds(), errors.Join(errs...)
}

type memory struct {
	onePage   float64 // live heap holding one page of the query, raw and decoded
	peak      float64 // the most live heap seen while iterating the whole query
	all       float64 // live heap holding every page of the query and its items decoded
	pageItems float64 // items in the first page
}

// liveHeap returns the bytes of live heap objects, after a collection.
func liveHeap() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc)
}

// iterationMemory measures what iterating a query of e2eBatchN items with Dynamodel's
// iterator keeps alive: the live heap after a collection at every 100th item, beside the live
// heap of one page (the first page DynamoDB returns for the query, with its items decoded)
// and of the whole query loaded at once.
func iterationMemory(ctx context.Context, db *dynamodb.Client, table string, c Client, id string) (memory, error) {
	var m memory
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(table),
		KeyConditionExpression:    aws.String("#id = :id"),
		ExpressionAttributeNames:  map[string]string{"#id": "id"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":id": &types.AttributeValueMemberS{Value: id}},
	}
	base := liveHeap()
	out, err := db.Query(ctx, in)
	if err != nil {
		return m, err
	}
	decoded := make([]Representative, len(out.Items))
	for i, item := range out.Items {
		if err := UnmarshalRepresentative(item, &decoded[i]); err != nil {
			return m, err
		}
	}
	m.onePage = liveHeap() - base
	m.pageItems = float64(len(decoded))
	runtime.KeepAlive(out)
	runtime.KeepAlive(decoded)
	out, decoded = nil, nil

	base = liveHeap()
	n := 0
	var iterErr error
	for _, err := range c.Iterate(ctx, id) {
		if err != nil {
			iterErr = err
			break
		}
		if n++; n%100 == 0 {
			m.peak = max(m.peak, liveHeap()-base)
		}
	}
	if iterErr != nil {
		return m, iterErr
	}
	if n != e2eBatchN {
		return m, fmt.Errorf("the iterator returned %d items, want %d", n, e2eBatchN)
	}
	// For contrast: the whole query read first (every page kept), then decoded.
	base = liveHeap()
	var raw []map[string]types.AttributeValue
	p := dynamodb.NewQueryPaginator(db, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return m, err
		}
		raw = append(raw, page.Items...)
	}
	all := make([]Representative, len(raw))
	for i, item := range raw {
		if err := UnmarshalRepresentative(item, &all[i]); err != nil {
			return m, err
		}
	}
	m.all = liveHeap() - base
	runtime.KeepAlive(raw)
	runtime.KeepAlive(all)
	return m, nil
}
