package dynamotest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dynamodel/dynamodel/internal/servercaps"
)

// fakeServer answers probes as dynalite does, and records each probe's capabilities.
type fakeServer struct {
	mu     sync.Mutex
	probes [][]Feature
	fail   error
}

func (s *fakeServer) probe(_ context.Context, only ...Feature) (servercaps.Set, error) {
	s.mu.Lock()
	s.probes = append(s.probes, slices.Clone(only))
	s.mu.Unlock()
	if s.fail != nil {
		return nil, s.fail
	}
	set := servercaps.Set{ // the probe table's creation always answers these two
		Streams:    {Supported: true, Evidence: "DescribeTable reports the stream CreateTable asked for"},
		TableClass: {Supported: false, Evidence: "CreateTable accepted STANDARD_INFREQUENT_ACCESS, but DescribeTable reports no table class"},
	}
	for _, f := range only {
		switch f {
		case Transactions:
			set[f] = servercaps.Result{Evidence: "TransactWriteItems answered UnknownOperationException"}
		case Streams, TableClass:
		default:
			set[f] = servercaps.Result{Supported: true, Evidence: string(f) + " worked"}
		}
	}
	return set, nil
}

func (s *fakeServer) calls() [][]Feature {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.probes)
}

func TestCapabilitiesAreProbedOnFirstUse(t *testing.T) {
	srv := &fakeServer{}
	as := newAnswers(srv.probe)
	if got := srv.calls(); len(got) != 0 {
		t.Fatalf("probes before any question = %v; want none", got)
	}

	var wg sync.WaitGroup
	for range 16 { // parallel tests asking at once share one probe
		wg.Go(func() {
			if as.supports(Transactions) {
				t.Errorf("supports(Transactions) = true; want the server's no")
			}
		})
	}
	wg.Wait()
	as.supports(Streams)      // answered by the first probe's table
	as.supports(TableClass)   // likewise
	as.supports(Transactions) // asked already
	as.supports(TTL)          // new: a probe of its own
	as.supports(TTL)
	all, err := as.get() // the rest, in one probe
	if err != nil {
		t.Fatalf("get() = %v", err)
	}

	want := [][]Feature{{Transactions}, {TTL}, {Tagging, ConditionFailureItem, IndexUpdates, MultiAttributeKeys}}
	got := srv.calls()
	for _, p := range got {
		slices.Sort(p)
	}
	for _, p := range want {
		slices.Sort(p)
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("probes = %v; want %v: each capability once, when first asked", got, want)
	}
	if len(all) != len(servercaps.All) || !all.Has(Streams) || all.Has(TableClass) || all.Has(Transactions) || !all.Has(IndexUpdates) {
		t.Errorf("get() =\n%s; want every capability with the server's answer", all)
	}
}

// skipRecorder is a testing.TB that records Skipf and Fatalf instead of stopping the test.
type skipRecorder struct {
	testing.TB
	skipped, fatal string
}

func (r *skipRecorder) Helper()                        {}
func (r *skipRecorder) Skipf(format string, a ...any)  { r.skipped = fmt.Sprintf(format, a...) }
func (r *skipRecorder) Fatalf(format string, a ...any) { r.fatal = fmt.Sprintf(format, a...) }

func TestRequireSaysWhy(t *testing.T) {
	tests := []struct {
		name                string
		fail                error
		feature             Feature
		wantSkip, wantFatal string
	}{
		{name: "lacking", feature: Transactions,
			wantSkip: "server lacks transactions (TransactWriteItems answered UnknownOperationException)"},
		{name: "having", feature: TTL},
		{name: "probe failed", feature: TTL, fail: errors.New("servercaps: connection refused"),
			wantFatal: "cannot tell whether no server has time to live: servercaps: connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := newAnswers((&fakeServer{fail: tt.fail}).probe)
			r := &skipRecorder{TB: t}
			as.require(r, tt.feature)
			if r.skipped != tt.wantSkip || r.fatal != tt.wantFatal {
				t.Errorf("require(%s) skipped %q, failed %q; want skipped %q, failed %q", tt.feature, r.skipped, r.fatal, tt.wantSkip, tt.wantFatal)
			}
		})
	}
}

func TestSupportsPanicsWhenTheProbeFails(t *testing.T) {
	as := newAnswers((&fakeServer{fail: errors.New("servercaps: connection refused")}).probe)
	defer func() {
		if msg, _ := recover().(string); !strings.Contains(msg, "connection refused") {
			t.Errorf("supports with a failing probe panicked with %q; want the probe's error", msg)
		}
	}()
	as.supports(Tagging)
	t.Errorf("supports with a failing probe returned; want a panic")
}

func TestProbeWithoutMainSaysSo(t *testing.T) {
	_, err := Capabilities(Transactions)
	if err == nil || !strings.Contains(err.Error(), "TestMain must call dynamotest.Main") {
		t.Errorf("Capabilities() without Main = %v; want an error naming Main", err)
	}
}
