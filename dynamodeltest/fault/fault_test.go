package fault

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// recorder is a server that records the bodies it receives and answers BatchWriteItem with
// nothing unprocessed, BatchGetItem with one item per key, and anything else with {}.
type recorder struct {
	mu     sync.Mutex
	bodies []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.bodies = append(r.bodies, string(b))
	r.mu.Unlock()
	switch operation(req) {
	case "BatchWriteItem":
		io.WriteString(w, `{"UnprocessedItems":{}}`)
	case "BatchGetItem":
		var in struct {
			RequestItems map[string]struct{ Keys []json.RawMessage }
		}
		json.Unmarshal(b, &in)
		out := map[string]any{"Responses": map[string][]json.RawMessage{"t": in.RequestItems["t"].Keys}, "UnprocessedKeys": map[string]any{}}
		json.NewEncoder(w).Encode(out)
	default:
		io.WriteString(w, `{}`)
	}
}

func (r *recorder) received() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.bodies...)
}

func send(t *testing.T, tr *Transport, url, op, body string) (*http.Response, string, error) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b), nil
}

const batchWrite = `{"RequestItems":{"t":[{"PutRequest":{"Item":{"id":{"S":"a"}}}},{"PutRequest":{"Item":{"id":{"S":"b"}}}},{"PutRequest":{"Item":{"id":{"S":"c"}}}},{"PutRequest":{"Item":{"id":{"S":"d"}}}}]}}`

// TestKinds checks, for each kind, whether the server received the request and what the
// client got back.
func TestKinds(t *testing.T) {
	tests := []struct {
		kind       Kind
		op         string
		reached    bool   // the server received the request
		status     int    // 0: an error instead of a response
		bodyHas    string // in the response body
		wantResets bool
	}{
		{Throttle, "PutItem", false, 400, "Exception", false},
		{Status500, "PutItem", false, 500, "InternalServerError", false},
		{Status503, "PutItem", false, 503, "ServiceUnavailable", false},
		{BadGatewayHTML, "PutItem", false, 502, "<html>", false},
		{ResetBefore, "PutItem", false, 0, "", true},
		{LostReset, "PutItem", true, 0, "", true},
		{Lost500, "PutItem", true, 500, "InternalServerError", false},
		{Unprocessed, "PutItem", true, 200, "{}", false}, // not a batch: passed through
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			rec := &recorder{}
			srv := httptest.NewServer(rec)
			defer srv.Close()
			tr := New(nil, Options{Seed: 1, Rate: 1, Kinds: []Kind{tt.kind}})
			resp, body, err := send(t, tr, srv.URL, tt.op, `{"TableName":"t"}`)
			if got := len(rec.received()) == 1; got != tt.reached {
				t.Errorf("server received the request: %v; want %v", got, tt.reached)
			}
			if tt.wantResets {
				if !errors.Is(err, syscall.ECONNRESET) {
					t.Fatalf("RoundTrip() error = %v; want a connection reset", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("RoundTrip() = %v", err)
			}
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.bodyHas) {
				t.Errorf("RoundTrip() = %d %s; want %d with %q", resp.StatusCode, body, tt.status, tt.bodyHas)
			}
		})
	}
}

// TestUnprocessedWriteStripsRequest checks that the items reported unprocessed are exactly
// those the server did not receive.
func TestUnprocessedWriteStripsRequest(t *testing.T) {
	for seed := range uint64(20) {
		rec := &recorder{}
		srv := httptest.NewServer(rec)
		tr := New(nil, Options{Seed: seed, Rate: 1, Kinds: []Kind{Unprocessed}})
		_, body, err := send(t, tr, srv.URL, "BatchWriteItem", batchWrite)
		srv.Close()
		if err != nil {
			t.Fatalf("seed %d: RoundTrip() = %v", seed, err)
		}
		var out struct{ UnprocessedItems map[string][]json.RawMessage }
		json.Unmarshal([]byte(body), &out)
		left := ids(out.UnprocessedItems["t"])
		var sent []string
		if r := rec.received(); len(r) == 1 {
			var in struct{ RequestItems map[string][]json.RawMessage }
			json.Unmarshal([]byte(r[0]), &in)
			sent = ids(in.RequestItems["t"])
		}
		if len(left) == 0 || len(left)+len(sent) != 4 {
			t.Fatalf("seed %d: sent %v, left %v; want a non-empty part of a..d left and the rest sent", seed, sent, left)
		}
		for _, id := range left {
			if strings.Contains(strings.Join(sent, ","), id) {
				t.Errorf("seed %d: %s was both sent and reported unprocessed", seed, id)
			}
		}
	}
}

func ids(reqs []json.RawMessage) []string {
	var out []string
	for _, r := range reqs {
		var w struct {
			PutRequest struct {
				Item struct {
					ID struct{ S string } `json:"id"`
				}
			}
		}
		json.Unmarshal(r, &w)
		out = append(out, w.PutRequest.Item.ID.S)
	}
	return out
}

// TestUnprocessedGetMovesItemsToKeys checks that the keys of the items left out of a
// BatchGetItem response are listed unprocessed.
func TestUnprocessedGetMovesItemsToKeys(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	tr := New(nil, Options{Seed: 3, Rate: 1, Kinds: []Kind{Unprocessed}})
	in := `{"RequestItems":{"t":{"ConsistentRead":true,"Keys":[{"id":{"S":"a"}},{"id":{"S":"b"}},{"id":{"S":"c"}}]}}}`
	_, body, err := send(t, tr, srv.URL, "BatchGetItem", in)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Responses       map[string][]map[string]map[string]string
		UnprocessedKeys map[string]struct {
			ConsistentRead bool
			Keys           []map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("response %s: %v", body, err)
	}
	got := map[string]string{}
	for _, it := range out.Responses["t"] {
		got[it["id"]["S"]] = "read"
	}
	for _, k := range out.UnprocessedKeys["t"].Keys {
		got[k["id"]["S"]] += "left"
	}
	if len(out.UnprocessedKeys["t"].Keys) == 0 || !out.UnprocessedKeys["t"].ConsistentRead {
		t.Errorf("UnprocessedKeys = %+v; want some keys, with ConsistentRead kept", out.UnprocessedKeys)
	}
	for _, id := range []string{"a", "b", "c"} {
		if got[id] != "read" && got[id] != "left" {
			t.Errorf("key %s: %q; want read or left, once", id, got[id])
		}
	}
}

// TestDeterministicAndBounded checks that a seed gives the same faults in the same order,
// and that Max bounds them.
func TestDeterministicAndBounded(t *testing.T) {
	srv := httptest.NewServer(&recorder{})
	defer srv.Close()
	run := func(seed uint64, max int) []string {
		tr := New(nil, Options{Seed: seed, Rate: 0.5, Kinds: []Kind{Throttle, Status500, Status503, BadGatewayHTML}, Max: max})
		var out []string
		for range 40 {
			resp, _, err := send(t, tr, srv.URL, "GetItem", `{}`)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, resp.Status)
		}
		if max > 0 && tr.Total() > max {
			t.Errorf("Total() = %d; want at most %d", tr.Total(), max)
		}
		return out
	}
	a, b := run(7, 0), run(7, 0)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs with seed 7 differ (-first +second):\n%s", diff)
	}
	if cmp.Equal(a, run(8, 0)) {
		t.Errorf("seeds 7 and 8 gave the same faults")
	}
	run(7, 3)
}

// TestOperationsFilter checks that faults go only to the operations named.
func TestOperationsFilter(t *testing.T) {
	srv := httptest.NewServer(&recorder{})
	defer srv.Close()
	tr := New(nil, Options{Seed: 1, Rate: 1, Kinds: []Kind{Status500}, Operations: []string{"PutItem"}})
	if resp, _, _ := send(t, tr, srv.URL, "GetItem", `{}`); resp.StatusCode != 200 {
		t.Errorf("GetItem: %s; want 200", resp.Status)
	}
	if resp, _, _ := send(t, tr, srv.URL, "PutItem", `{}`); resp.StatusCode != 500 {
		t.Errorf("PutItem: %s; want 500", resp.Status)
	}
}
