package tablesync

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/awserr"
)

// Option configures [Apply] and [WaitForActive].
type Option func(*options)

type options struct {
	destructive bool
	timeout     time.Duration
	maxPoll     time.Duration
	progress    func(Step)
	waitEvery   time.Duration
	waiting     func(Waiting)
}

func newOptions(opts []Option) options {
	o := options{timeout: 30 * time.Minute, maxPoll: 5 * time.Second}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// AllowDestructive lets Apply run destructive steps: deleting a global index (also to create
// it again with other keys or projection), disabling time to live or a stream, changing the
// time-to-live attribute or the stream view type. No step ever deletes a table or an item.
func AllowDestructive() Option { return func(o *options) { o.destructive = true } }

// WithTimeout bounds each wait for a table and its indexes to become ACTIVE (30 minutes by
// default: building an index on a large table takes long). The context bounds the whole call.
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithPollInterval sets the longest pause between two DescribeTable calls while waiting (5
// seconds by default). Waits start polling after 50ms and double the pause up to this.
func WithPollInterval(d time.Duration) Option { return func(o *options) { o.maxPoll = d } }

// WithProgress calls f before each step Apply runs, e.g. to log it.
func WithProgress(f func(Step)) Option { return func(o *options) { o.progress = f } }

// Waiting is what a wait for ACTIVE has waited for so far, reported by [WithWaitProgress].
type Waiting struct {
	Table string // the full table name
	// Pending lists what is not ACTIVE yet, one entry per part: "table UPDATING",
	// "index byEmail CREATING", "index byEmail CREATING (backfilling)", "the table does not
	// exist".
	Pending []string
	Elapsed time.Duration // since the wait began
}

// String reads "dev_users: index byEmail CREATING (backfilling), 40s so far".
func (w Waiting) String() string {
	return fmt.Sprintf("%s: %s, %v so far", w.Table, strings.Join(w.Pending, ", "), w.Elapsed.Round(time.Second))
}

// WithWaitProgress calls f while Apply or WaitForActive waits for a table and its
// indexes to become ACTIVE: once every interval of waiting (the first time after one
// interval), saying what is still pending and how long the wait has lasted. Building a global
// index on a large table can take many minutes, and a program can show that it is not stuck.
// f runs on the waiting goroutine; a wait that ends within interval reports nothing.
func WithWaitProgress(interval time.Duration, f func(Waiting)) Option {
	return func(o *options) { o.waitEvery, o.waiting = interval, f }
}

// Result is what [Apply] or [Sync] did.
type Result struct {
	Changes *Changes // the plan Sync made and acted on; nil from Apply
	Applied []Step
	Skipped []Skip
}

// Skip is a step that was not applied, and why.
type Skip struct {
	Step   Step
	Reason string
}

// String lists the applied and skipped steps, one a line.
func (r *Result) String() string {
	var b strings.Builder
	for _, s := range r.Applied {
		fmt.Fprintf(&b, "applied %s: %s: %s\n", s.Table, stepTitle(s), s.Change)
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "skipped %s: %s: %s (%s)\n", s.Step.Table, stepTitle(s.Step), s.Step.Change, s.Reason)
	}
	return b.String()
}

// Apply runs the steps of a plan made by [Plan], table by table in the order the tables were
// given, and within a table in a safe order: create the table ([CreateTable]); delete indexes; change billing
// and throughput; create indexes, one per [UpdateTable] call; streams; table class; time to
// live ([UpdateTimeToLive]); tags ([TagResource], [UntagResource]). Before and after every
// change it waits until the table and each of its indexes are ACTIVE (and backfilled), within
// the timeout and the context.
//
// A plan with refused steps (see [Changes.Refused]) is not applied at all: the error is a
// *[RefusedError] that says what to do instead. Destructive steps run only with
// [AllowDestructive]; otherwise they, and the re-creation of an index whose deletion is
// skipped, are reported in Result.Skipped. Tag and time-to-live steps on a server that does
// not support them are skipped with that reason.
//
// Apply stops at the first request that fails and returns what it applied with an *[Error].
// Steps are not transactional: running Plan and Apply again continues where it stopped.
//
// [CreateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// [UpdateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
// [UpdateTimeToLive]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
// [TagResource]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html
// [UntagResource]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UntagResource.html
func Apply(ctx context.Context, client API, c *Changes, opts ...Option) (*Result, error) {
	o := newOptions(opts)
	res := &Result{}
	if refused := c.Refused(); len(refused) > 0 {
		return res, &RefusedError{Steps: refused}
	}
	for _, s := range c.Steps {
		if len(s.requests) == 0 {
			return res, fmt.Errorf("tablesync: %s: %s: the step holds no requests; Apply runs only plans made by Plan, not decoded from JSON", s.Table, stepTitle(s))
		}
	}
	skippedDelete := make(map[[2]string]bool) // table, index
	for _, s := range ordered(c.Steps) {
		if s.Destructive && !o.destructive {
			res.Skipped = append(res.Skipped, Skip{s, "destructive: applied only with AllowDestructive"})
			if s.Action == DeleteIndex {
				skippedDelete[[2]string{s.Table, s.Index}] = true
			}
			continue
		}
		if s.Action == CreateIndex && skippedDelete[[2]string{s.Table, s.Index}] {
			res.Skipped = append(res.Skipped, Skip{s, "the index it replaces was not deleted"})
			continue
		}
		if o.progress != nil {
			o.progress(s)
		}
		skip, err := o.run(ctx, client, s)
		if err != nil {
			return res, err
		}
		if skip != "" {
			res.Skipped = append(res.Skipped, Skip{s, skip})
			continue
		}
		res.Applied = append(res.Applied, s)
	}
	return res, nil
}

// ordered groups steps by table, tables in order of first appearance, and sorts each table's
// steps into Apply's order.
func ordered(steps []Step) []Step {
	var tables []string
	for _, s := range steps {
		if !slices.Contains(tables, s.Table) {
			tables = append(tables, s.Table)
		}
	}
	out := make([]Step, 0, len(steps))
	for _, t := range tables {
		var group []Step
		for _, s := range steps {
			if s.Table == t {
				group = append(group, s)
			}
		}
		out = append(out, sortSteps(group)...)
	}
	return out
}

// run sends the requests of one step. It returns a reason when the server cannot make the
// change (so the step is skipped), or an error.
func (o options) run(ctx context.Context, client API, s Step) (skip string, err error) {
	fail := func(op string, err error) (string, error) {
		return "", &Error{Table: s.Table, Op: op, Step: &s, Err: err}
	}
	for _, req := range s.requests {
		var desc *types.TableDescription
		if s.Action != CreateTable {
			if desc, err = o.wait(ctx, client, s.Table); err != nil {
				return "", err
			}
		}
		switch in := req.(type) {
		case *dynamodb.CreateTableInput:
			_, err := client.CreateTable(ctx, in)
			if code, _ := awserr.Code(err); code == "ResourceInUseException" {
				return "the table was created meanwhile, by another program; plan again to compare it", nil
			}
			if err != nil {
				return fail("CreateTable", err)
			}
		case *dynamodb.UpdateTableInput:
			_, err := client.UpdateTable(ctx, in)
			if s.Action == UpdateClass && ignoresTableClass(err) {
				return "table class: the server does not support it (" + err.Error() + ")", nil
			}
			if err != nil {
				return fail("UpdateTable", err)
			}
		case *billingRequest:
			if _, err := client.UpdateTable(ctx, in.resolve(desc)); err != nil {
				return fail("UpdateTable", err)
			}
		case *dynamodb.UpdateTimeToLiveInput:
			if s.Action == EnableTTL {
				if err := o.waitTTLDisabled(ctx, client, s.Table); err != nil {
					return "", err
				}
			}
			_, err := client.UpdateTimeToLive(ctx, in)
			if unsupported(err) {
				return "time to live: " + reason(err), nil
			}
			if err != nil {
				return fail("UpdateTimeToLive", err)
			}
		case *tagRequest:
			_, err := client.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: desc.TableArn, Tags: in.tags})
			if unsupported(err) {
				return "tagging: " + reason(err), nil
			}
			if err != nil {
				return fail("TagResource", err)
			}
		case *untagRequest:
			_, err := client.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: desc.TableArn, TagKeys: in.keys})
			if unsupported(err) {
				return "tagging: " + reason(err), nil
			}
			if err != nil {
				return fail("UntagResource", err)
			}
		default:
			return "", fmt.Errorf("tablesync: %s: %s holds a request of type %T", s.Table, stepTitle(s), req)
		}
		switch req.(type) {
		case *dynamodb.CreateTableInput, *dynamodb.UpdateTableInput, *billingRequest:
			if _, err := o.wait(ctx, client, s.Table); err != nil {
				return "", err
			}
		}
	}
	return "", nil
}

// WaitForActive waits until the table and every one of its global indexes are ACTIVE and no
// index is backfilling, polling [DescribeTable] with a growing pause (see [WithPollInterval])
// until the timeout ([WithTimeout], 30 minutes by default) or the context ends. A table that
// does not exist is waited for too, since DynamoDB may not describe a table created a moment
// ago. A table being deleted or otherwise unusable ends the wait at once. Either way the
// error wraps [ErrNotActive] and says what was not active.
//
// [DescribeTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html
func WaitForActive(ctx context.Context, client API, table string, opts ...Option) error {
	_, err := newOptions(opts).wait(ctx, client, table)
	return err
}

func (o options) wait(ctx context.Context, client API, table string) (*types.TableDescription, error) {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	pause := 50 * time.Millisecond
	pending := []string{"not described yet"}
	start := time.Now()
	report := o.waitEvery // the wait's age at which the next progress report is due
	for {
		out, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		switch {
		case err != nil && ctx.Err() != nil:
			// the wait ran out while a request was under way: report that below
		case awserr.Is(err, awserr.NotFound):
			// Right after CreateTable, DynamoDB may not describe the table yet.
			pending = []string{"the table does not exist"}
		case err != nil:
			return nil, &Error{Table: table, Op: "DescribeTable", Err: err}
		default:
			d := out.Table
			switch d.TableStatus {
			case types.TableStatusActive:
			case types.TableStatusCreating, types.TableStatusUpdating:
			default:
				return nil, fmt.Errorf("%w: %s is %s", ErrNotActive, table, d.TableStatus)
			}
			if pending = notActive(d); len(pending) == 0 {
				return d, nil
			}
		}
		if elapsed := time.Since(start); o.waiting != nil && o.waitEvery > 0 && elapsed >= report {
			o.waiting(Waiting{Table: table, Pending: pending, Elapsed: elapsed})
			for report <= elapsed {
				report += o.waitEvery
			}
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: %s: %s: %w", ErrNotActive, table, strings.Join(pending, ", "), context.Cause(ctx))
		case <-time.After(pause):
		}
		pause = min(2*pause, o.maxPoll)
	}
}

// waitTTLDisabled waits while the table's time to live is DISABLING, which it is for up to an
// hour after it was disabled: DynamoDB refuses to enable it again before it is DISABLED.
func (o options) waitTTLDisabled(ctx context.Context, client API, table string) error {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	for pause := 50 * time.Millisecond; ; pause = min(2*pause, o.maxPoll) {
		out, err := client.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(table)})
		switch {
		case unsupported(err):
			return nil
		case err != nil && ctx.Err() == nil:
			return &Error{Table: table, Op: "DescribeTimeToLive", Err: err}
		case err == nil && (out.TimeToLiveDescription == nil || out.TimeToLiveDescription.TimeToLiveStatus != types.TimeToLiveStatusDisabling):
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %s: time to live DISABLING: %w", ErrNotActive, table, context.Cause(ctx))
		case <-time.After(pause):
		}
	}
}

// notActive says what is not ACTIVE yet in d; nothing when everything is.
func notActive(d *types.TableDescription) []string {
	var p []string
	if d.TableStatus != types.TableStatusActive {
		p = append(p, "table "+string(d.TableStatus))
	}
	for _, g := range d.GlobalSecondaryIndexes {
		// While DynamoDB backfills a new index, its status is CREATING and Backfilling is true.
		switch backfill := aws.ToBool(g.Backfilling); {
		case g.IndexStatus != types.IndexStatusActive && backfill:
			p = append(p, fmt.Sprintf("index %s %s (backfilling)", aws.ToString(g.IndexName), g.IndexStatus))
		case g.IndexStatus != types.IndexStatusActive:
			p = append(p, fmt.Sprintf("index %s %s", aws.ToString(g.IndexName), g.IndexStatus))
		case backfill:
			p = append(p, fmt.Sprintf("index %s backfilling", aws.ToString(g.IndexName)))
		}
	}
	return p
}
