package hooks

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// item records the hooks that ran on it.
type item struct {
	calls []string
	fail  Event
}

var errRefused = errors.New("refused")

func (it *item) record(e Event) error {
	it.calls = append(it.calls, "method:"+e.String())
	if it.fail == e {
		return errRefused
	}
	return nil
}

func (it *item) BeforePut(context.Context) error    { return it.record(OnBeforePut) }
func (it *item) AfterPut(context.Context) error     { return it.record(OnAfterPut) }
func (it *item) BeforeUpdate(context.Context) error { return it.record(OnBeforeUpdate) }
func (it *item) AfterUpdate(context.Context) error  { return it.record(OnAfterUpdate) }
func (it *item) BeforeDelete(context.Context) error { return it.record(OnBeforeDelete) }
func (it *item) AfterDelete(context.Context) error  { return it.record(OnAfterDelete) }
func (it *item) BeforeGet(context.Context) error    { return it.record(OnBeforeGet) }
func (it *item) AfterGet(context.Context) error     { return it.record(OnAfterGet) }
func (it *item) AfterLoad(context.Context) error    { return it.record(OnAfterLoad) }

var (
	_ BeforePut    = (*item)(nil)
	_ AfterPut     = (*item)(nil)
	_ BeforeUpdate = (*item)(nil)
	_ AfterUpdate  = (*item)(nil)
	_ BeforeDelete = (*item)(nil)
	_ AfterDelete  = (*item)(nil)
	_ BeforeGet    = (*item)(nil)
	_ AfterGet     = (*item)(nil)
	_ AfterLoad    = (*item)(nil)
)

// plain has no hook methods.
type plain struct{}

func registered(name string) Func[item] {
	return func(_ context.Context, it *item) error {
		it.calls = append(it.calls, name)
		return nil
	}
}

func TestRunOrder(t *testing.T) {
	all := []Event{OnBeforePut, OnAfterPut, OnBeforeUpdate, OnAfterUpdate, OnBeforeDelete,
		OnAfterDelete, OnBeforeGet, OnAfterGet, OnAfterLoad}
	for _, e := range all {
		t.Run(e.String(), func(t *testing.T) {
			s := Set[item]{}.On(e, registered("first")).On(e, registered("second"))
			it := &item{}
			if err := s.Run(context.Background(), e, it); err != nil {
				t.Fatalf("Run(%v) = %v; want nil", e, err)
			}
			want := []string{"method:" + e.String(), "first", "second"}
			if diff := cmp.Diff(want, it.calls); diff != "" {
				t.Errorf("Run(%v) calls (-want +got):\n%s", e, diff)
			}
		})
	}
}

func TestRunStopsAtError(t *testing.T) {
	tests := []struct {
		name      string
		set       Set[item]
		fail      Event
		wantCalls []string
	}{
		{
			name:      "method fails, registered hooks do not run",
			set:       Set[item]{}.On(OnBeforePut, registered("registered")),
			fail:      OnBeforePut,
			wantCalls: []string{"method:BeforePut"},
		},
		{
			name: "registered hook fails, later ones do not run",
			set: Set[item]{}.
				On(OnBeforePut, func(context.Context, *item) error { return errRefused }).
				On(OnBeforePut, registered("later")),
			wantCalls: []string{"method:BeforePut"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := &item{fail: tt.fail}
			err := tt.set.Run(context.Background(), OnBeforePut, it)
			var he *Error
			if !errors.As(err, &he) || he.Event != OnBeforePut {
				t.Fatalf("Run() = %v; want *Error for BeforePut", err)
			}
			if !errors.Is(err, errRefused) || !errors.Is(err, ErrHook) {
				t.Errorf("Run() = %v; want it to wrap %v and %v", err, errRefused, ErrHook)
			}
			if got, want := err.Error(), "hooks: BeforePut: refused"; got != want {
				t.Errorf("Error() = %q; want %q", got, want)
			}
			if diff := cmp.Diff(tt.wantCalls, it.calls); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOnDoesNotShare(t *testing.T) {
	base := Set[item]{}.On(OnAfterGet, registered("base"))
	a := base.On(OnAfterGet, registered("a"))
	b := base.On(OnAfterGet, registered("b"))
	tests := []struct {
		name string
		set  Set[item]
		want []string
	}{
		{"base", base, []string{"method:AfterGet", "base"}},
		{"a", a, []string{"method:AfterGet", "base", "a"}},
		{"b", b, []string{"method:AfterGet", "base", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := &item{}
			if err := tt.set.Run(context.Background(), OnAfterGet, it); err != nil {
				t.Fatalf("Run() = %v; want nil", err)
			}
			if diff := cmp.Diff(tt.want, it.calls); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHas(t *testing.T) {
	tests := []struct {
		name string
		has  func(Event) bool
		e    Event
		want bool
	}{
		{"method", Set[item]{}.Has, OnAfterLoad, true},
		{"no method, none registered", Set[plain]{}.Has, OnAfterLoad, false},
		{"no method, one registered", Set[plain]{}.On(OnAfterLoad, func(context.Context, *plain) error { return nil }).Has, OnAfterLoad, true},
		{"registered for another event", Set[plain]{}.On(OnBeforeGet, func(context.Context, *plain) error { return nil }).Has, OnAfterLoad, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.has(tt.e); got != tt.want {
				t.Errorf("Has(%v) = %v; want %v", tt.e, got, tt.want)
			}
		})
	}
}

func TestEvent(t *testing.T) {
	tests := []struct {
		e          Event
		wantName   string
		wantBefore bool
	}{
		{OnBeforePut, "BeforePut", true},
		{OnAfterPut, "AfterPut", false},
		{OnBeforeUpdate, "BeforeUpdate", true},
		{OnBeforeDelete, "BeforeDelete", true},
		{OnBeforeGet, "BeforeGet", true},
		{OnAfterLoad, "AfterLoad", false},
		{Event(0), "Event(0)", false},
		{Event(42), "Event(42)", false},
	}
	for _, tt := range tests {
		t.Run(tt.wantName, func(t *testing.T) {
			if got := tt.e.String(); got != tt.wantName {
				t.Errorf("String() = %q; want %q", got, tt.wantName)
			}
			if got := tt.e.Before(); got != tt.wantBefore {
				t.Errorf("%v.Before() = %v; want %v", tt.e, got, tt.wantBefore)
			}
		})
	}
}

func TestRunUnknownEvent(t *testing.T) {
	s := Set[item]{}.On(Event(42), registered("ignored"))
	it := &item{}
	if err := s.Run(context.Background(), Event(42), it); err != nil || len(it.calls) != 0 {
		t.Errorf("Run(Event(42)) = %v with calls %v; want nil and no calls", err, it.calls)
	}
}
