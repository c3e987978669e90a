package tablesync

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/awserr"
)

// Action is the kind of a [Step].
type Action string

// The actions, in the order Apply runs them within a table.
const (
	ChangeKeys         Action = "change keys"          // refused: DynamoDB cannot change a key schema
	ChangeLocalIndexes Action = "change local indexes" // refused: LSIs exist only from CreateTable
	CreateTable        Action = "create table"
	DeleteIndex        Action = "delete index" // destructive
	UpdateBilling      Action = "update billing"
	UpdateThroughput   Action = "update throughput"
	UpdateIndex        Action = "update index throughput"
	CreateIndex        Action = "create index"
	EnableStream       Action = "enable stream"
	DisableStream      Action = "disable stream" // destructive
	ChangeStream       Action = "change stream"  // destructive: disable, then enable
	UpdateClass        Action = "update table class"
	EnableTTL          Action = "enable ttl"
	DisableTTL         Action = "disable ttl" // destructive
	ChangeTTL          Action = "change ttl"  // destructive: disable, then enable
	TagTable           Action = "tag table"
	UntagTable         Action = "untag table"
)

var actionOrder = []Action{
	ChangeKeys, ChangeLocalIndexes, CreateTable, DeleteIndex, UpdateBilling, UpdateThroughput,
	UpdateIndex, CreateIndex, EnableStream, DisableStream, ChangeStream, UpdateClass,
	EnableTTL, DisableTTL, ChangeTTL, TagTable, UntagTable,
}

func (a Action) rank() int { return slices.Index(actionOrder, a) }

// symbol is the mark of the action in a printed plan: + adds, - removes, ~ changes, ! refused.
func (a Action) symbol() string {
	switch a {
	case ChangeKeys, ChangeLocalIndexes:
		return "!"
	case CreateTable, CreateIndex, EnableStream, EnableTTL, TagTable:
		return "+"
	case DeleteIndex, DisableStream, DisableTTL, UntagTable:
		return "-"
	}
	return "~"
}

// Step is one change of one table.
type Step struct {
	Table  string `json:"table"`
	Action Action `json:"action"`
	Index  string `json:"index,omitempty"` // the index an index action is about
	Change string `json:"change"`          // what changes, e.g. "provisioned 5 read, 5 write → on demand"
	Why    string `json:"why"`             // why, and for refused steps what to do instead
	// Destructive steps (deleting an index, disabling TTL or a stream) run only with
	// [AllowDestructive]; without it Apply reports them as skipped.
	Destructive bool `json:"destructive,omitempty"`
	// Refused steps are changes DynamoDB cannot make in place; Apply runs no plan that has one.
	Refused bool `json:"refused,omitempty"`

	requests []any // the requests that make the change, sent in order
}

// Changes is the result of [Plan]: the steps that would make the live tables what the
// definitions want, in the order [Apply] runs them. Print it (String) for a readable diff, or
// encode it as JSON.
type Changes struct {
	Tables []string `json:"tables"` // the tables compared, in order
	Steps  []Step   `json:"steps"`
	// Notes are what could not be compared, e.g. tags on a server without tagging.
	Notes []string `json:"notes,omitempty"`
}

// Empty reports whether the plan changes nothing.
func (c *Changes) Empty() bool { return len(c.Steps) == 0 }

// Refused returns the steps DynamoDB cannot make in place.
func (c *Changes) Refused() []Step {
	var out []Step
	for _, s := range c.Steps {
		if s.Refused {
			out = append(out, s)
		}
	}
	return out
}

// Plan compares each table definition with the live table and returns the steps that would
// make them agree. It only reads: [DescribeTable], [DescribeTimeToLive] and, when the
// definition manages tags, [ListTagsOfResource]. Definitions that name the same table (several
// models in one table) are merged first; a conflict between them, or a definition that fails
// [Spec.Check], is an error and nothing is read.
//
// When the server does not support time to live or tagging, the plan says so in its Notes
// instead of failing.
//
// [DescribeTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html
// [DescribeTimeToLive]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html
// [ListTagsOfResource]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html
func Plan(ctx context.Context, client API, tables ...Spec) (*Changes, error) {
	tables, err := mergeTables(tables)
	if err != nil {
		return nil, err
	}
	out := &Changes{Steps: []Step{}}
	for _, t := range tables {
		state, err := read(ctx, client, t)
		if err != nil {
			return nil, err
		}
		steps, notes := compare(t, state)
		out.Tables = append(out.Tables, t.Name)
		out.Steps = append(out.Steps, steps...)
		out.Notes = append(out.Notes, notes...)
	}
	return out, nil
}

// state is what the server says about one table.
type state struct {
	desc *types.TableDescription // nil when the table does not exist
	// ttl is nil when ttlUnsupported is set.
	ttl            *types.TimeToLiveDescription
	ttlUnsupported string
	// tags is read only when the definition manages tags.
	tags            map[string]string
	tagsUnsupported string
}

func read(ctx context.Context, client API, t Spec) (state, error) {
	var s state
	d, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(t.Name)})
	if awserr.Is(err, awserr.NotFound) {
		return s, nil
	}
	if err != nil {
		return s, &Error{Table: t.Name, Op: "DescribeTable", Err: err}
	}
	s.desc = d.Table
	ttl, err := client.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(t.Name)})
	switch {
	case unsupported(err):
		s.ttlUnsupported = reason(err)
	case err != nil:
		return s, &Error{Table: t.Name, Op: "DescribeTimeToLive", Err: err}
	default:
		s.ttl = ttl.TimeToLiveDescription
		if s.ttl == nil {
			s.ttl = &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}
		}
	}
	if t.Tags == nil {
		return s, nil
	}
	s.tags = make(map[string]string)
	arn := aws.String(aws.ToString(s.desc.TableArn))
	for token := (*string)(nil); ; {
		out, err := client.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: arn, NextToken: token})
		if unsupported(err) {
			s.tags, s.tagsUnsupported = nil, reason(err)
			break
		}
		if err != nil {
			return s, &Error{Table: t.Name, Op: "ListTagsOfResource", Err: err}
		}
		for _, tag := range out.Tags {
			s.tags[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	return s, nil
}

// compare returns the steps that turn the table s describes into t, in Apply's order, and
// notes on what it could not compare. It reads nothing: it is the whole comparison logic.
func compare(t Spec, s state) (steps []Step, notes []string) {
	add := func(st Step) {
		st.Table = t.Name
		steps = append(steps, st)
	}
	if s.desc == nil {
		add(Step{Action: CreateTable, Change: describeTable(t), Why: "the table does not exist",
			requests: []any{createTableInput(t, false)}})
		notes = append(notes, minimalThroughput(t, true, t.Index.Indexes)...)
		if t.TTL != "" {
			add(enableTTL(t))
		}
		if len(t.Tags) > 0 {
			add(tag(t, t.Tags))
		}
		return sortSteps(steps), notes
	}
	l := fromDescription(s.desc)

	if !l.keys.Equal(t.Index.Keys) {
		add(Step{Action: ChangeKeys, Refused: true,
			Change: fmt.Sprintf("%s → %s", l.keys, t.Index.Keys),
			Why: "DynamoDB cannot change the key schema of a table. Create a table with the new keys " +
				"under another name, copy the items into it (a scan and batch writes, or export to S3 " +
				"and import), point the model at it, then delete the old table; or keep the old keys " +
				"in the definition"})
	}
	if diff := localDifferences(l.locals, t.Index); diff != "" {
		add(Step{Action: ChangeLocalIndexes, Refused: true, Change: diff,
			Why: "local secondary indexes can only be defined when a table is created. Use a global " +
				"secondary index instead (it can be added to an existing table), or create a new " +
				"table with the local indexes and copy the items into it"})
	}

	// Global indexes: delete what the definition lacks or defines differently, then create.
	want := make(map[string]index.Index)
	for _, ix := range t.Index.Indexes {
		if ix.Global {
			want[ix.Name] = ix
		}
	}
	have := make(map[string]index.Index)
	var recreate []string
	for _, ix := range l.globals {
		have[ix.Name] = ix
		w, ok := want[ix.Name]
		switch {
		case !ok:
			add(Step{Action: DeleteIndex, Index: ix.Name, Destructive: true, Change: describeIndex(ix, l.billing),
				Why:      "the table has this global index and the definition does not; deleting an index loses no items, but queries that use it will fail",
				requests: []any{deleteIndex(t.Name, ix.Name)}})
		case !w.Keys.Equal(ix.Keys) || !w.Projection.Equal(ix.Projection):
			recreate = append(recreate, ix.Name)
			add(Step{Action: DeleteIndex, Index: ix.Name, Destructive: true, Change: describeIndex(ix, l.billing),
				Why: fmt.Sprintf("DynamoDB cannot change an index's keys or projection in place; it is deleted and created again (%s)",
					indexChange(ix, w)),
				requests: []any{deleteIndex(t.Name, ix.Name)}})
		}
	}

	// Billing and throughput. Switching to provisioned capacity must give every index that
	// remains its throughput in the same request.
	switch {
	case l.billing.OnDemand != t.Billing.OnDemand:
		in := &billingRequest{UpdateTableInput: dynamodb.UpdateTableInput{TableName: aws.String(t.Name), BillingMode: billingMode(t.Billing)}}
		if !t.Billing.OnDemand {
			in.ProvisionedThroughput = provisioned(t.Billing.Throughput)
			in.indexes = make(map[string]index.Throughput)
			in.fallback = t.Billing.Throughput
			for name, w := range want {
				if !slices.Contains(recreate, name) {
					in.indexes[name], _ = w.ThroughputFor(t.Billing)
				}
			}
		}
		add(Step{Action: UpdateBilling, Change: fmt.Sprintf("%v → %v", l.billing, t.Billing),
			Why: "the definition's billing mode differs from the table's", requests: []any{in}})
	case !t.Billing.OnDemand:
		if l.billing.Throughput != t.Billing.Throughput {
			add(Step{Action: UpdateThroughput, Change: fmt.Sprintf("%v → %v", l.billing.Throughput, t.Billing.Throughput),
				Why:      "the definition's provisioned throughput differs from the table's",
				requests: []any{&dynamodb.UpdateTableInput{TableName: aws.String(t.Name), ProvisionedThroughput: provisioned(t.Billing.Throughput)}}})
		}
		for _, ix := range l.globals {
			w, ok := want[ix.Name]
			if !ok || slices.Contains(recreate, ix.Name) || ix.Throughput == nil {
				continue
			}
			if tp, _ := w.ThroughputFor(t.Billing); tp != *ix.Throughput {
				add(Step{Action: UpdateIndex, Index: ix.Name, Change: fmt.Sprintf("%v → %v", *ix.Throughput, tp),
					Why: "the definition's throughput for this index differs from the index's",
					requests: []any{&dynamodb.UpdateTableInput{TableName: aws.String(t.Name), GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{
						Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String(ix.Name), ProvisionedThroughput: provisioned(tp)}}}}}})
			}
		}
	}

	for _, ix := range t.Index.Indexes {
		if !ix.Global {
			continue
		}
		why := "the definition has this global index and the table does not; DynamoDB fills it from the existing items (backfill) before it is ACTIVE"
		if slices.Contains(recreate, ix.Name) {
			why = "created again with the definition's keys and projection, after the old index is deleted"
		} else if _, ok := have[ix.Name]; ok {
			continue
		}
		g := globalIndex(ix, t.Billing)
		notes = append(notes, minimalThroughput(t, false, []index.Index{ix})...)
		add(Step{Action: CreateIndex, Index: ix.Name, Change: describeIndex(ix, t.Billing), Why: why,
			requests: []any{&dynamodb.UpdateTableInput{
				TableName:                   aws.String(t.Name),
				AttributeDefinitions:        indexAttributes(t, ix),
				GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection, ProvisionedThroughput: g.ProvisionedThroughput}}},
			}}})
	}

	if st := streamStep(t, l.stream); st != nil {
		add(*st)
	}
	if t.Class != "" && t.Class != l.class {
		add(Step{Action: UpdateClass, Change: fmt.Sprintf("%s → %s", l.class, t.Class),
			Why:      "the definition's table class differs from the table's",
			requests: []any{&dynamodb.UpdateTableInput{TableName: aws.String(t.Name), TableClass: t.Class}}})
	}

	if s.ttlUnsupported != "" {
		if t.TTL != "" {
			notes = append(notes, fmt.Sprintf("%s: time to live not compared: %s", t.Name, s.ttlUnsupported))
		}
	} else if st := ttlStep(t, s.ttl); st != nil {
		add(*st)
	}

	if t.Tags != nil {
		if s.tagsUnsupported != "" {
			notes = append(notes, fmt.Sprintf("%s: tags not compared: %s", t.Name, s.tagsUnsupported))
		} else {
			steps = append(steps, tagSteps(t, s.tags)...)
		}
	}
	return sortSteps(steps), notes
}

func sortSteps(steps []Step) []Step {
	slices.SortStableFunc(steps, func(a, b Step) int { return a.Action.rank() - b.Action.rank() })
	return steps
}

func deleteIndex(table, name string) *dynamodb.UpdateTableInput {
	return &dynamodb.UpdateTableInput{TableName: aws.String(table), GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{
		Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String(name)}}}}
}

// localDifferences describes how the table's LSIs differ from the definition's; "" when they
// agree.
func localDifferences(have []index.Index, t index.Layout) string {
	var d []string
	want := make(map[string]index.Index)
	for _, ix := range t.Indexes {
		if !ix.Global {
			want[ix.Name] = ix
		}
	}
	got := make(map[string]index.Index)
	for _, ix := range have {
		got[ix.Name] = ix
		w, ok := want[ix.Name]
		switch {
		case !ok:
			d = append(d, fmt.Sprintf("the table has LSI %q and the definition does not", ix.Name))
		case !w.Keys.Equal(ix.Keys) || !w.Projection.Equal(ix.Projection):
			d = append(d, fmt.Sprintf("LSI %q: %s", ix.Name, indexChange(ix, w)))
		}
	}
	for _, ix := range t.Indexes {
		if _, ok := got[ix.Name]; !ix.Global && !ok {
			d = append(d, fmt.Sprintf("the definition has LSI %q and the table does not", ix.Name))
		}
	}
	return strings.Join(d, "; ")
}

// indexChange describes how the keys and projection of an index change from have to want.
func indexChange(have, want index.Index) string {
	var d []string
	if !have.Keys.Equal(want.Keys) {
		d = append(d, fmt.Sprintf("keys %s → %s", have.Keys, want.Keys))
	}
	if !have.Projection.Equal(want.Projection) {
		d = append(d, fmt.Sprintf("projection %s → %s", have.Projection, want.Projection))
	}
	return strings.Join(d, ", ")
}

func streamStep(t Spec, have Stream) *Step {
	want := t.Stream
	if want == have {
		return nil
	}
	enable := &dynamodb.UpdateTableInput{TableName: aws.String(t.Name),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: want.View}}
	disable := &dynamodb.UpdateTableInput{TableName: aws.String(t.Name),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}}
	change := fmt.Sprintf("%v → %v", have, want)
	switch {
	case !have.Enabled:
		return &Step{Action: EnableStream, Change: change, Why: "the definition enables the stream", requests: []any{enable}}
	case !want.Enabled:
		return &Step{Action: DisableStream, Change: change, Destructive: true,
			Why:      "the definition has no stream; disabling it ends the stream its consumers read",
			requests: []any{disable}}
	default:
		return &Step{Action: ChangeStream, Change: change, Destructive: true,
			Why:      "DynamoDB cannot change a stream's view type in place: the stream is disabled, which ends the stream its consumers read, and enabled again with a new ARN",
			requests: []any{disable, enable}}
	}
}

func enableTTL(t Spec) Step {
	return Step{Table: t.Name, Action: EnableTTL, Change: t.TTL, Why: "the definition expires items by the attribute " + t.TTL,
		requests: []any{ttlInput(t.Name, t.TTL, true)}}
}

func ttlInput(table, attribute string, enabled bool) *dynamodb.UpdateTimeToLiveInput {
	return &dynamodb.UpdateTimeToLiveInput{TableName: aws.String(table),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String(attribute), Enabled: aws.Bool(enabled)}}
}

func ttlStep(t Spec, have *types.TimeToLiveDescription) *Step {
	on := have.TimeToLiveStatus == types.TimeToLiveStatusEnabled || have.TimeToLiveStatus == types.TimeToLiveStatusEnabling
	attr := aws.ToString(have.AttributeName)
	switch {
	case t.TTL == "" && on:
		return &Step{Action: DisableTTL, Change: attr, Destructive: true,
			Why:      "the definition has no time to live; once disabled, items are no longer expired, and DynamoDB allows enabling it again only after up to an hour",
			requests: []any{ttlInput(t.Name, attr, false)}}
	case t.TTL != "" && !on:
		st := enableTTL(t)
		return &st
	case t.TTL != "" && attr != t.TTL:
		return &Step{Action: ChangeTTL, Change: fmt.Sprintf("%s → %s", attr, t.TTL), Destructive: true,
			Why:      "DynamoDB cannot change the time-to-live attribute in place: it is disabled and enabled again, and AWS may refuse the second call for up to an hour (run Apply again then)",
			requests: []any{ttlInput(t.Name, attr, false), ttlInput(t.Name, t.TTL, true)}}
	}
	return nil
}

func tag(t Spec, tags map[string]string) Step {
	var kv []string
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		kv = append(kv, k+"="+tags[k])
	}
	return Step{Table: t.Name, Action: TagTable, Change: strings.Join(kv, ", "), Why: "the definition has these tags",
		requests: []any{&tagRequest{table: t.Name, tags: tagList(tags)}}}
}

// billingRequest changes a table's billing mode. Switching to provisioned capacity must give
// every global index its throughput in the same request, so Apply adds an update for each index
// the table has when the request is sent (earlier steps may have deleted some): indexes'
// throughput when the definition has the index, else fallback.
type billingRequest struct {
	dynamodb.UpdateTableInput
	indexes  map[string]index.Throughput
	fallback index.Throughput
}

// resolve returns the request to send to the table d describes.
func (r *billingRequest) resolve(d *types.TableDescription) *dynamodb.UpdateTableInput {
	up := r.UpdateTableInput
	if r.indexes == nil {
		return &up
	}
	for _, g := range d.GlobalSecondaryIndexes {
		tp, ok := r.indexes[aws.ToString(g.IndexName)]
		if !ok {
			tp = r.fallback
		}
		up.GlobalSecondaryIndexUpdates = append(up.GlobalSecondaryIndexUpdates, types.GlobalSecondaryIndexUpdate{
			Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: g.IndexName, ProvisionedThroughput: provisioned(tp)}})
	}
	return &up
}

// tagRequest tags a table by name; Apply looks up the table's ARN, which a plan for a table
// that does not exist yet cannot know.
type tagRequest struct {
	table string
	tags  []types.Tag
}

type untagRequest struct {
	table string
	keys  []string
}

func tagSteps(t Spec, have map[string]string) []Step {
	var steps []Step
	set := make(map[string]string)
	for k, v := range t.Tags {
		if hv, ok := have[k]; !ok || hv != v {
			set[k] = v
		}
	}
	if len(set) > 0 {
		st := tag(t, set)
		st.Why = "the table lacks these tags or has other values"
		steps = append(steps, st)
	}
	var remove []string
	for _, k := range slices.Sorted(maps.Keys(have)) {
		if _, ok := t.Tags[k]; !ok {
			remove = append(remove, k)
		}
	}
	if len(remove) > 0 {
		steps = append(steps, Step{Table: t.Name, Action: UntagTable, Change: strings.Join(remove, ", "),
			Why:      "the table has these tags and the definition, which manages tags, does not",
			requests: []any{&untagRequest{table: t.Name, keys: remove}}})
	}
	return steps
}

func describeIndex(ix index.Index, b index.Billing) string {
	s := fmt.Sprintf("%s (%s), projection %s", kind(ix), ix.Keys, ix.Projection)
	if tp, ok := ix.ThroughputFor(b); ok {
		s += ", throughput " + tp.String()
	}
	return s
}

func kind(ix index.Index) string {
	if ix.Global {
		return "GSI"
	}
	return "LSI"
}

func describeTable(t Spec) string {
	parts := []string{"keys " + t.Index.Keys.String(), t.Billing.String()}
	for _, ix := range t.Index.Indexes {
		parts = append(parts, fmt.Sprintf("%s %s", ix.Name, describeIndex(ix, t.Billing)))
	}
	if t.Stream.Enabled {
		parts = append(parts, "stream "+string(t.Stream.View))
	}
	if t.Class != "" {
		parts = append(parts, "class "+string(t.Class))
	}
	return strings.Join(parts, "; ")
}

// leastThroughput is Dynamoose's default provisioned throughput, and DynamoDB's least.
var leastThroughput = index.Throughput{Read: 1, Write: 1}

// minimalThroughput notes the table t (when table is true) and the global indexes among ixs
// that would be created with 1 read and 1 write unit: the default when a schema names no
// throughput, as in Dynamoose, and rarely what a production table can serve.
func minimalThroughput(t Spec, table bool, ixs []index.Index) []string {
	const fix = "rarely enough in production; give schema.Throughput(read, write) or schema.OnDemand()"
	var notes []string
	if table && !t.Billing.OnDemand && t.Billing.Throughput == leastThroughput {
		notes = append(notes, fmt.Sprintf("%s: created with provisioned throughput of 1 read and 1 write unit (the default): %s", t.Name, fix))
	}
	for _, ix := range ixs {
		if tp, ok := ix.ThroughputFor(t.Billing); ok && tp == leastThroughput {
			notes = append(notes, fmt.Sprintf("%s: index %s created with provisioned throughput of 1 read and 1 write unit: %s", t.Name, ix.Name, fix))
		}
	}
	return notes
}
