package tablesync

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

// backfillServer describes a table whose index byEmail is created and then backfilled: each
// DescribeTable answers the next of states, and the last one from then on.
type backfillServer struct {
	API
	states []func(*types.TableDescription)
	calls  int
}

func (s *backfillServer) DescribeTable(_ context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	d := &types.TableDescription{TableName: in.TableName, TableStatus: types.TableStatusActive,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndexDescription{{IndexName: aws.String("byEmail"), IndexStatus: types.IndexStatusActive}}}
	s.states[min(s.calls, len(s.states)-1)](d)
	s.calls++
	return &dynamodb.DescribeTableOutput{Table: d}, nil
}

func creating(d *types.TableDescription) {
	d.TableStatus = types.TableStatusUpdating
	d.GlobalSecondaryIndexes[0].IndexStatus = types.IndexStatusCreating
}

func backfilling(d *types.TableDescription) {
	d.GlobalSecondaryIndexes[0].IndexStatus = types.IndexStatusCreating
	d.GlobalSecondaryIndexes[0].Backfilling = aws.Bool(true)
}

func active(*types.TableDescription) {}

func TestWaitProgressSaysWhatIsPendingAndForHowLong(t *testing.T) {
	api := &backfillServer{states: []func(*types.TableDescription){creating, creating, backfilling, backfilling, active}}
	var got []Waiting
	interval := 30 * time.Millisecond
	err := WaitForActive(context.Background(), api, "dev_users", WithPollInterval(40*time.Millisecond),
		WithWaitProgress(interval, func(w Waiting) { got = append(got, w) }))
	if err != nil {
		t.Fatalf("WaitForActive() = %v; want nil", err)
	}
	// Polls come 50ms, then 40ms apart: every poll after the first is past a report time.
	var pending [][]string
	for i, w := range got {
		pending = append(pending, w.Pending)
		if w.Table != "dev_users" {
			t.Errorf("report %d: Table = %q; want dev_users", i, w.Table)
		}
		if w.Elapsed < interval*time.Duration(i+1) {
			t.Errorf("report %d: Elapsed = %v; want at least %v (one report per interval)", i, w.Elapsed, interval*time.Duration(i+1))
		}
	}
	want := [][]string{{"table UPDATING", "index byEmail CREATING"}, {"index byEmail CREATING (backfilling)"}, {"index byEmail CREATING (backfilling)"}}
	if diff := cmp.Diff(want, pending); diff != "" {
		t.Errorf("progress reports' Pending (-want +got):\n%s", diff)
	}
}

func TestWaitProgressIsQuietWhenTheWaitIsShort(t *testing.T) {
	api := &backfillServer{states: []func(*types.TableDescription){backfilling, active}}
	err := WaitForActive(context.Background(), api, "dev_users",
		WithWaitProgress(time.Hour, func(w Waiting) { t.Errorf("progress reported %v; want none within the interval", w) }))
	if err != nil {
		t.Fatalf("WaitForActive() = %v; want nil", err)
	}
}

func TestWaitProgressAlsoReportsAWaitThatTimesOut(t *testing.T) {
	api := &backfillServer{states: []func(*types.TableDescription){backfilling}}
	n := 0
	err := WaitForActive(context.Background(), api, "dev_users", WithTimeout(120*time.Millisecond), WithPollInterval(10*time.Millisecond),
		WithWaitProgress(20*time.Millisecond, func(Waiting) { n++ }))
	if !errors.Is(err, ErrNotActive) {
		t.Fatalf("WaitForActive() = %v; want ErrNotActive", err)
	}
	if n == 0 {
		t.Errorf("WaitForActive reported no progress in a wait of 120ms at a 20ms interval; want some")
	}
}

func TestWaitingString(t *testing.T) {
	w := Waiting{Table: "dev_users", Pending: []string{"index byEmail CREATING (backfilling)"}, Elapsed: 40*time.Second + 300*time.Millisecond}
	if got, want := w.String(), "dev_users: index byEmail CREATING (backfilling), 40s so far"; got != want {
		t.Errorf("Waiting.String() = %q; want %q", got, want)
	}
}
