// Package fault injects the faults of a network and of DynamoDB into the HTTP requests of an
// SDK client, for tests of what a program does when they happen: whether its retries, its
// idempotent writes and its handling of unprocessed batch items hold.
//
// A [Transport] is an http.RoundTripper. Put it on the client under test, so that the
// program's own requests, the SDK's serializer and the SDK's retryer all stay in use; with
// package dynamodeltest:
//
//	ft := fault.New(nil, fault.Options{Seed: 1, Rate: 0.3, Kinds: []fault.Kind{fault.Throttle, fault.Status500}})
//	c := dynamodeltest.Client(t, dynamodeltest.WithTransport(ft))
//
// or on an SDK client of your own:
//
//	db := dynamodb.New(opts, func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: ft} })
//
// # Faults
//
// Each request draws, in the order requests arrive, from a random source seeded with
// Options.Seed: with probability Options.Rate it meets one of Options.Kinds, chosen
// uniformly. The sequence of decisions is the same for a seed; which request meets which
// decision depends on the order concurrent requests arrive in. Options.Max bounds the
// number of faults, so that a test ends however its retries go.
//
// Some kinds never reach the server (throttling, 5xx, a reset before sending); some are
// applied by the server and then lose their response ([LostReset], [Lost500]); [Unprocessed]
// removes some items of a BatchWriteItem from the request before sending it, and reports
// them unprocessed, as DynamoDB does, and moves read items of a BatchGetItem response to its
// unprocessed keys. Only the items the server did not apply are ever reported unprocessed.
//
// # Limits
//
// [Unprocessed] on BatchWriteItem rewrites the signed request body, which breaks its SigV4
// signature: it works with servers that do not check signatures (local servers such as
// dynalite), not with AWS. Every other kind leaves the request as signed.
package fault

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Kind is a kind of fault.
type Kind uint8

const (
	// Throttle answers 400 with ThrottlingException or ProvisionedThroughputExceededException,
	// without sending the request.
	Throttle Kind = iota
	// Status500 answers 500 InternalServerError without sending the request.
	Status500
	// Status503 answers 503 ServiceUnavailable without sending the request.
	Status503
	// BadGatewayHTML answers 502 with an HTML body, as a proxy does, without sending the
	// request.
	BadGatewayHTML
	// ResetBefore fails with a connection reset before the request reaches the server.
	ResetBefore
	// LostReset sends the request, which the server applies, then drops the response and
	// fails with a connection reset.
	LostReset
	// Lost500 sends the request, which the server applies, then replaces its response with
	// 500 InternalServerError.
	Lost500
	// Unprocessed leaves some items of a BatchWriteItem or BatchGetItem unprocessed (see the
	// package documentation); on other operations it does nothing.
	Unprocessed
	numKinds
)

var kindNames = [...]string{
	Throttle: "throttle", Status500: "500", Status503: "503", BadGatewayHTML: "502 html",
	ResetBefore: "reset before", LostReset: "lost (reset)", Lost500: "lost (500)", Unprocessed: "unprocessed",
}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// AllKinds lists every kind.
var AllKinds = []Kind{Throttle, Status500, Status503, BadGatewayHTML, ResetBefore, LostReset, Lost500, Unprocessed}

// Options configure a [Transport].
type Options struct {
	Seed uint64  // the seed of the random source
	Rate float64 // the probability that a request meets a fault, from 0 to 1
	// Kinds are the faults to inject, drawn uniformly; none: every kind.
	Kinds []Kind
	// Operations limits the faults to these DynamoDB operations ("PutItem",
	// "BatchWriteItem", ...); none: every operation.
	Operations []string
	// Max bounds the number of faults injected; 0: no bound.
	Max int
}

// Transport is an http.RoundTripper that injects faults into the requests it passes to its
// base. It is safe for concurrent use.
type Transport struct {
	base http.RoundTripper
	o    Options

	mu     sync.Mutex
	rnd    *rand.Rand
	counts [numKinds]int
	total  int
}

// New returns a Transport that sends requests through base (http.DefaultTransport when nil).
func New(base http.RoundTripper, o Options) *Transport {
	if base == nil {
		base = http.DefaultTransport
	}
	if len(o.Kinds) == 0 {
		o.Kinds = AllKinds
	}
	return &Transport{base: base, o: o, rnd: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))}
}

// Counts returns how many faults of each kind were injected so far.
func (t *Transport) Counts() map[Kind]int {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make(map[Kind]int)
	for k, n := range t.counts {
		if n > 0 {
			out[Kind(k)] = n
		}
	}
	return out
}

// Total returns how many faults were injected so far.
func (t *Transport) Total() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total
}

// draw decides the fault of one request of op: ok is false for none. seed seeds the choices
// within the fault (which items to leave unprocessed).
func (t *Transport) draw(op string) (k Kind, seed uint64, ok bool) {
	if len(t.o.Operations) > 0 && !slices.Contains(t.o.Operations, op) {
		return 0, 0, false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.o.Max > 0 && t.total >= t.o.Max {
		return 0, 0, false
	}
	if t.rnd.Float64() >= t.o.Rate {
		return 0, 0, false
	}
	k = t.o.Kinds[t.rnd.IntN(len(t.o.Kinds))]
	if k == Unprocessed && op != "BatchWriteItem" && op != "BatchGetItem" {
		return 0, 0, false
	}
	t.counts[k]++
	t.total++
	return k, t.rnd.Uint64(), true
}

// operation returns the DynamoDB operation of req, from its X-Amz-Target header
// ("DynamoDB_20120810.PutItem").
func operation(req *http.Request) string {
	target := req.Header.Get("X-Amz-Target")
	if i := strings.LastIndexByte(target, '.'); i >= 0 {
		return target[i+1:]
	}
	return target
}

// RoundTrip sends req, or fails it, as the next draw decides.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	op := operation(req)
	kind, seed, ok := t.draw(op)
	if !ok {
		return t.base.RoundTrip(req)
	}
	switch kind {
	case Throttle:
		code := "ThrottlingException"
		if seed%2 == 0 {
			code = "ProvisionedThroughputExceededException"
		}
		return t.answer(req, 400, code, "injected throttling")
	case Status500:
		return t.answer(req, 500, "InternalServerError", "injected internal error")
	case Status503:
		return t.answer(req, 503, "ServiceUnavailable", "injected unavailability")
	case BadGatewayHTML:
		discard(req)
		body := "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
		return response(req, 502, "text/html", []byte(body)), nil
	case ResetBefore:
		discard(req)
		return nil, reset()
	case LostReset, Lost500:
		resp, err := t.base.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if kind == LostReset {
			return nil, reset()
		}
		return t.answer(nil, 500, "InternalServerError", "injected internal error after the request was applied")
	case Unprocessed:
		if op == "BatchWriteItem" {
			return t.unprocessedWrite(req, seed)
		}
		return t.unprocessedGet(req, seed)
	}
	return t.base.RoundTrip(req)
}

// reset is the error of a connection the peer reset, as net/http reports it.
func reset() error {
	return &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
}

func discard(req *http.Request) {
	if req != nil && req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
}

// answer is DynamoDB's JSON error response with code.
func (t *Transport) answer(req *http.Request, status int, code, msg string) (*http.Response, error) {
	discard(req)
	body, _ := json.Marshal(map[string]string{"__type": "com.amazonaws.dynamodb.v20120810#" + code, "message": msg})
	return response(req, status, "application/x-amz-json-1.0", body), nil
}

// response builds a response with body, its CRC32 in X-Amz-Crc32 as DynamoDB sends it.
func response(req *http.Request, status int, contentType string, body []byte) *http.Response {
	h := http.Header{}
	h.Set("Content-Type", contentType)
	h.Set("X-Amzn-Requestid", "dynamodeltest-fault")
	h.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10))
	return &http.Response{
		Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h,
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: req,
	}
}

// pick chooses, from n elements, a non-empty proper subset to leave unprocessed (all of
// them when n is 1): element i is left when left[i].
func pick(n int, seed uint64) []bool {
	r := rand.New(rand.NewPCG(seed, seed>>1|1))
	left := make([]bool, n)
	count := 0
	for i := range left {
		if r.IntN(2) == 0 {
			left[i] = true
			count++
		}
	}
	if count == 0 {
		left[r.IntN(n)] = true
	}
	return left
}

// unprocessedWrite sends req without some of its write requests, and reports those
// unprocessed.
func (t *Transport) unprocessedWrite(req *http.Request, seed uint64) (*http.Response, error) {
	raw, err := readAll(req.Body)
	if err != nil {
		return nil, err
	}
	var in struct {
		RequestItems map[string][]json.RawMessage
	}
	var rest map[string]json.RawMessage
	if json.Unmarshal(raw, &in) != nil || json.Unmarshal(raw, &rest) != nil || len(in.RequestItems) == 0 {
		return t.resend(req, raw)
	}
	sent := make(map[string][]json.RawMessage)
	left := make(map[string][]json.RawMessage)
	for table, reqs := range in.RequestItems {
		for i, l := range pick(len(reqs), seed) {
			if l {
				left[table] = append(left[table], reqs[i])
			} else {
				sent[table] = append(sent[table], reqs[i])
			}
		}
	}
	var resp *http.Response
	var body map[string]json.RawMessage
	if len(sent) > 0 {
		rest["RequestItems"], _ = json.Marshal(sent)
		newRaw, _ := json.Marshal(rest)
		if resp, err = t.resend(req, newRaw); err != nil {
			return nil, err
		}
		b, err := readAll(resp.Body)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != 200 || json.Unmarshal(b, &body) != nil {
			resp.Body = io.NopCloser(bytes.NewReader(b))
			return resp, nil
		}
	} else {
		body = map[string]json.RawMessage{}
	}
	var unprocessed map[string][]json.RawMessage
	if u, ok := body["UnprocessedItems"]; ok {
		json.Unmarshal(u, &unprocessed)
	}
	if unprocessed == nil {
		unprocessed = make(map[string][]json.RawMessage)
	}
	for table, reqs := range left {
		unprocessed[table] = append(unprocessed[table], reqs...)
	}
	body["UnprocessedItems"], _ = json.Marshal(unprocessed)
	out, _ := json.Marshal(body)
	return response(req, 200, "application/x-amz-json-1.0", out), nil
}

// unprocessedGet sends req and moves some of the items read to the unprocessed keys.
func (t *Transport) unprocessedGet(req *http.Request, seed uint64) (*http.Response, error) {
	raw, err := readAll(req.Body)
	if err != nil {
		return nil, err
	}
	var in struct {
		RequestItems map[string]map[string]json.RawMessage
	}
	if json.Unmarshal(raw, &in) != nil {
		return t.resend(req, raw)
	}
	resp, err := t.resend(req, raw)
	if err != nil || resp.StatusCode != 200 {
		return resp, err
	}
	b, err := readAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var body map[string]json.RawMessage
	var out struct {
		Responses       map[string][]map[string]json.RawMessage
		UnprocessedKeys map[string]map[string]json.RawMessage
	}
	if json.Unmarshal(b, &body) != nil || json.Unmarshal(b, &out) != nil {
		resp.Body = io.NopCloser(bytes.NewReader(b))
		return resp, nil
	}
	if out.UnprocessedKeys == nil {
		out.UnprocessedKeys = make(map[string]map[string]json.RawMessage)
	}
	for table, items := range out.Responses {
		if len(items) == 0 {
			continue
		}
		var keyNames []string
		var reqKeys []map[string]json.RawMessage
		json.Unmarshal(in.RequestItems[table]["Keys"], &reqKeys)
		if len(reqKeys) > 0 {
			for name := range reqKeys[0] {
				keyNames = append(keyNames, name)
			}
		}
		var kept []map[string]json.RawMessage
		var leftKeys []map[string]json.RawMessage
		for i, l := range pick(len(items), seed) {
			if !l {
				kept = append(kept, items[i])
				continue
			}
			k := make(map[string]json.RawMessage, len(keyNames))
			for _, n := range keyNames {
				k[n] = items[i][n]
			}
			leftKeys = append(leftKeys, k)
		}
		out.Responses[table] = kept
		ka := out.UnprocessedKeys[table]
		if ka == nil {
			ka = make(map[string]json.RawMessage)
			for name, v := range in.RequestItems[table] {
				if name != "Keys" {
					ka[name] = v
				}
			}
		}
		var prior []map[string]json.RawMessage
		json.Unmarshal(ka["Keys"], &prior)
		ka["Keys"], _ = json.Marshal(append(prior, leftKeys...))
		out.UnprocessedKeys[table] = ka
	}
	body["Responses"], _ = json.Marshal(out.Responses)
	body["UnprocessedKeys"], _ = json.Marshal(out.UnprocessedKeys)
	nb, _ := json.Marshal(body)
	return response(req, 200, "application/x-amz-json-1.0", nb), nil
}

// readAll reads body to its end and closes it.
func readAll(body io.ReadCloser) ([]byte, error) {
	b, err := io.ReadAll(body)
	body.Close()
	return b, err
}

// resend sends req with body.
func (t *Transport) resend(req *http.Request, body []byte) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.Header.Set("Content-Length", strconv.Itoa(len(body)))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return t.base.RoundTrip(r)
}

var _ http.RoundTripper = (*Transport)(nil)
