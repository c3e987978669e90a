package tablesync

import (
	"context"
	"fmt"
	"slices"
)

// Mode is what [Sync] may do to the tables at startup.
type Mode int

const (
	// Off sends no request at all: the tables are managed elsewhere (see [Export]).
	Off Mode = iota
	// CreateOnly creates the tables that do not exist (with their indexes, time to live and
	// tags) and changes nothing in the tables that do.
	CreateOnly
	// Update applies the plan, without destructive steps, which are reported as skipped.
	Update
	// Verify sends no DDL: it returns a *[DriftError] when a table differs from its definition.
	Verify
)

var modeNames = []string{Off: "off", CreateOnly: "create", Update: "update", Verify: "verify"}

func (m Mode) String() string {
	if m >= 0 && int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// ParseMode reads a mode by its name: "off", "create", "update" or "verify", e.g. from a
// flag or an environment variable.
func ParseMode(s string) (Mode, error) {
	if i := slices.Index(modeNames, s); i >= 0 {
		return Mode(i), nil
	}
	return 0, fmt.Errorf("tablesync: unknown mode %q; want off, create, update or verify", s)
}

// Sync brings the tables in line with their definitions as far as mode allows, for a program
// at startup: it runs [Plan], then, by mode, nothing ([Off] does not even plan), the creation
// of missing tables ([CreateOnly]), [Apply] without destructive steps ([Update]), or a check
// that the plan is empty ([Verify]). The Result holds the plan and what was applied and
// skipped. For destructive changes, call Plan and Apply with [AllowDestructive] instead.
//
// The requests are those of Plan ([DescribeTable], [DescribeTimeToLive],
// [ListTagsOfResource]) and of Apply ([CreateTable], [UpdateTable], [UpdateTimeToLive],
// [TagResource], [UntagResource]).
//
// [DescribeTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html
// [DescribeTimeToLive]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html
// [ListTagsOfResource]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html
// [CreateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// [UpdateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
// [UpdateTimeToLive]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
// [TagResource]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html
// [UntagResource]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UntagResource.html
func Sync(ctx context.Context, client API, mode Mode, tables ...Spec) (*Result, error) {
	switch mode {
	case Off:
		return &Result{}, nil
	case CreateOnly, Update, Verify:
	default:
		return nil, fmt.Errorf("tablesync: unknown mode %v", mode)
	}
	plan, err := Plan(ctx, client, tables...)
	if err != nil {
		return nil, err
	}
	res := &Result{Changes: plan}
	switch mode {
	case Verify:
		if !plan.Empty() {
			return res, &DriftError{Changes: plan}
		}
		return res, nil
	case CreateOnly:
		created := make(map[string]bool)
		for _, s := range plan.Steps {
			if s.Action == CreateTable {
				created[s.Table] = true
			}
		}
		sub := &Changes{Tables: plan.Tables, Notes: plan.Notes}
		var skipped []Skip
		for _, s := range plan.Steps {
			if created[s.Table] {
				sub.Steps = append(sub.Steps, s)
			} else {
				skipped = append(skipped, Skip{s, "the table exists, and create-only mode changes no existing table"})
			}
		}
		applied, err := Apply(ctx, client, sub)
		res.Applied, res.Skipped = applied.Applied, append(skipped, applied.Skipped...)
		return res, err
	}
	applied, err := Apply(ctx, client, plan)
	res.Applied, res.Skipped = applied.Applied, applied.Skipped
	return res, err
}
