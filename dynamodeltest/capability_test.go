package dynamodeltest_test

import (
	"testing"

	"github.com/dynamodel/dynamodel/dynamodeltest"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
	"github.com/dynamodel/dynamodel/internal/servercaps"
)

// TestRequireSkipsWhatTheServerLacks: each capability's test runs exactly when the probe found
// the capability, and is skipped (not failed) otherwise.
func TestRequireSkipsWhatTheServerLacks(t *testing.T) {
	public := []dynamodeltest.Capability{dynamodeltest.Transactions, dynamodeltest.TTL, dynamodeltest.Tagging,
		dynamodeltest.TableClass, dynamodeltest.Streams, dynamodeltest.IndexUpdates, dynamodeltest.ConditionFailureItem, dynamodeltest.MultiAttributeKeys}
	if len(public) != len(servercaps.All) {
		t.Errorf("dynamodeltest offers %d capabilities; servercaps probes %d: offer each", len(public), len(servercaps.All))
	}
	for _, c := range public {
		ran := false
		skipped := false
		t.Run(string(c), func(t *testing.T) {
			defer func() { skipped = t.Skipped() }()
			dynamodeltest.Require(t, c)
			ran = true
		})
		has := dynamotest.Supports(servercaps.Capability(c))
		if ran != has || skipped == has || dynamodeltest.Supports(c) != has {
			t.Errorf("%s: test ran %v, skipped %v, Supports %v; want it run exactly when the server has it (%v)", c, ran, skipped, dynamodeltest.Supports(c), has)
		}
	}
}
