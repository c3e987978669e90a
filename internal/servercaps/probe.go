package servercaps

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// Capability is a part of DynamoDB's API that not every server implements.
type Capability string

const (
	// Transactions: TransactWriteItems and TransactGetItems.
	Transactions Capability = "transactions"
	// TTL: UpdateTimeToLive enables time to live, and DescribeTimeToLive reports it.
	TTL Capability = "time to live"
	// Tagging: TagResource adds a tag that ListTagsOfResource then lists.
	Tagging Capability = "tagging"
	// TableClass: DescribeTable reports the table class CreateTable set.
	TableClass Capability = "table class reporting"
	// Streams: DescribeTable reports the stream CreateTable asked for.
	Streams Capability = "streams"
	// IndexUpdates: UpdateTable creates a global secondary index on an on-demand table, with
	// no throughput given, and deletes it.
	IndexUpdates Capability = "global index updates"
	// ConditionFailureItem: a write whose condition fails with
	// ReturnValuesOnConditionCheckFailure=ALL_OLD returns the item in its
	// ConditionalCheckFailedException.
	ConditionFailureItem Capability = "item returned on a failed condition"
	// MultiAttributeKeys: CreateTable makes a global secondary index keyed on several
	// partition and several sort attributes, DescribeTable reports its key schema in order,
	// and Query reads the index with each key attribute in the key condition.
	MultiAttributeKeys Capability = "multi-attribute index keys"
)

// All lists every capability, in the order Probe tries them.
var All = []Capability{Streams, TableClass, Transactions, TTL, Tagging, ConditionFailureItem, IndexUpdates, MultiAttributeKeys}

// Result is a server's answer for one capability.
type Result struct {
	Supported bool
	// Evidence says what the server answered, e.g. "TransactWriteItems answered
	// UnknownOperationException".
	Evidence string
}

// Set holds the answer for each capability Probe tried.
type Set map[Capability]Result

// Has reports whether the server has c. A capability that was not probed is absent.
func (s Set) Has(c Capability) bool { return s[c].Supported }

// Why returns the evidence for c's answer.
func (s Set) Why(c Capability) string {
	if r, ok := s[c]; ok {
		return r.Evidence
	}
	return "not probed"
}

// Missing returns the probed capabilities the server lacks, in the order of [All].
func (s Set) Missing() []Capability {
	var out []Capability
	for _, c := range All {
		if r, ok := s[c]; ok && !r.Supported {
			out = append(out, c)
		}
	}
	return out
}

// String lists every probed capability, one a line: "transactions: no (TransactWriteItems
// answered UnknownOperationException)".
func (s Set) String() string {
	var b strings.Builder
	for _, c := range All {
		if _, ok := s[c]; !ok {
			continue
		}
		answer := "no"
		if s.Has(c) {
			answer = "yes"
		}
		fmt.Fprintf(&b, "%s: %s (%s)\n", c, answer, s.Why(c))
	}
	return b.String()
}

// API is the part of *dynamodb.Client that Probe uses.
type API interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DescribeTable(context.Context, *dynamodb.DescribeTableInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
	UpdateTable(context.Context, *dynamodb.UpdateTableInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error)
	DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	TransactGetItems(context.Context, *dynamodb.TransactGetItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error)
	UpdateTimeToLive(context.Context, *dynamodb.UpdateTimeToLiveInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error)
	DescribeTimeToLive(context.Context, *dynamodb.DescribeTimeToLiveInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error)
	TagResource(context.Context, *dynamodb.TagResourceInput, ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error)
	ListTagsOfResource(context.Context, *dynamodb.ListTagsOfResourceInput, ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error)
}

var _ API = (*dynamodb.Client)(nil)

// ProbePrefix begins the name of every table Probe creates.
const ProbePrefix = "dynamodel_probe_"

// Probe tries the capabilities named in only (none: every one in [All]) on a table of its
// own, deletes that table, and returns the answers. A capability the server refuses (any
// error the server answers with) is absent, with that answer as evidence; an error that is
// not the server's answer (the connection, the context) ends the probe and is returned.
// Streams and TableClass are answered by creating the table, so they are in every Set.
func Probe(ctx context.Context, db API, only ...Capability) (Set, error) {
	if len(only) == 0 {
		only = All
	}
	var suffix [6]byte
	rand.Read(suffix[:])
	p := &prober{db: db, table: aws.String(ProbePrefix + hex.EncodeToString(suffix[:])), set: Set{}}
	tries := map[Capability]func(context.Context) error{
		Transactions: p.transactions, TTL: p.ttl, Tagging: p.tagging,
		ConditionFailureItem: p.conditionItem, IndexUpdates: p.indexUpdates, MultiAttributeKeys: p.multiKeys,
	}
	err := p.create(ctx)
	for _, c := range All {
		if try := tries[c]; err == nil && try != nil && slices.Contains(only, c) {
			err = try(ctx)
		}
	}
	if p.created {
		err = errors.Join(err, p.drop(ctx))
	}
	if err != nil {
		return nil, err
	}
	return p.set, nil
}

type prober struct {
	db      API
	table   *string
	arn     *string
	created bool
	set     Set
}

var (
	pk  = "pk"
	key = map[string]types.AttributeValue{pk: &types.AttributeValueMemberS{Value: "absent"}}
)

// fatal returns err if it is not an answer of the server, nil otherwise.
func (p *prober) fatal(op string, err error) error {
	var api smithy.APIError
	if err == nil || errors.As(err, &api) {
		return nil
	}
	return fmt.Errorf("servercaps: %s %s: %w", op, aws.ToString(p.table), err)
}

// answered says what the server answered to op: "TransactWriteItems answered
// UnknownOperationException: message".
func answered(op string, err error) string {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return op + " failed: " + err.Error()
	}
	s := op + " answered " + api.ErrorCode()
	if msg := api.ErrorMessage(); msg != "" && msg != "UnknownError" { // the SDK's word for no message
		s += ": " + msg
	}
	return s
}

func (p *prober) yes(c Capability, evidence string) { p.set[c] = Result{true, evidence} }
func (p *prober) no(c Capability, evidence string)  { p.set[c] = Result{false, evidence} }

// create makes the probe table, asking for a stream and the infrequent-access class, and
// reads back which of the two the server reports.
func (p *prober) create(ctx context.Context) error {
	in := &dynamodb.CreateTableInput{
		TableName:            p.table,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: &pk, AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: &pk, KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
		TableClass:           types.TableClassStandardInfrequentAccess,
		StreamSpecification:  &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly},
	}
	out, err := p.db.CreateTable(ctx, in)
	if err != nil {
		if ferr := p.fatal("CreateTable", err); ferr != nil {
			return ferr
		}
		refused := answered("CreateTable with a stream and a table class", err)
		p.no(Streams, refused)
		p.no(TableClass, refused)
		in.TableClass, in.StreamSpecification = "", nil
		if out, err = p.db.CreateTable(ctx, in); err != nil {
			return fmt.Errorf("servercaps: the server cannot create the probe table: %w", err)
		}
	}
	p.created = true
	p.arn = out.TableDescription.TableArn
	d, err := p.waitActive(ctx)
	if err != nil {
		return err
	}
	if _, done := p.set[Streams]; done {
		return nil
	}
	if s := d.StreamSpecification; s != nil && aws.ToBool(s.StreamEnabled) {
		p.yes(Streams, "DescribeTable reports the stream CreateTable asked for")
	} else {
		p.no(Streams, "CreateTable accepted a stream, but DescribeTable reports none")
	}
	if c := d.TableClassSummary; c != nil && c.TableClass == types.TableClassStandardInfrequentAccess {
		p.yes(TableClass, "DescribeTable reports the table class CreateTable set")
	} else {
		p.no(TableClass, "CreateTable accepted STANDARD_INFREQUENT_ACCESS, but DescribeTable reports no table class")
	}
	return nil
}

// waitActive waits until the probe table and its indexes are ACTIVE, and returns the table's
// description then.
func (p *prober) waitActive(ctx context.Context) (*types.TableDescription, error) {
	return p.waitTable(ctx, p.table)
}

// waitTable waits until the table named name and its indexes are ACTIVE, and returns the
// table's description then.
func (p *prober) waitTable(ctx context.Context, name *string) (*types.TableDescription, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	for pause := 20 * time.Millisecond; ; pause = min(2*pause, 2*time.Second) {
		d, err := p.db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: name})
		if err == nil && d.Table.TableStatus == types.TableStatusActive &&
			!slices.ContainsFunc(d.Table.GlobalSecondaryIndexes, func(g types.GlobalSecondaryIndexDescription) bool {
				return g.IndexStatus != types.IndexStatusActive
			}) {
			return d.Table, nil
		}
		var nf *types.ResourceNotFoundException
		if err != nil && !errors.As(err, &nf) {
			return nil, fmt.Errorf("servercaps: DescribeTable %s: %w", aws.ToString(name), err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("servercaps: %s did not become ACTIVE: %w", aws.ToString(name), ctx.Err())
		case <-time.After(pause):
		}
	}
}

// drop deletes the probe table once it is ACTIVE, with a context of its own, so that a probe
// cut short cleans up too.
func (p *prober) drop(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
	defer cancel()
	if _, err := p.waitActive(ctx); err != nil {
		return err
	}
	if _, err := p.db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: p.table}); err != nil {
		return fmt.Errorf("servercaps: DeleteTable %s: %w", aws.ToString(p.table), err)
	}
	return nil
}

// transactions checks a condition on an absent item and reads it, in two transactions that
// write nothing.
func (p *prober) transactions(ctx context.Context) error {
	_, err := p.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{{
		ConditionCheck: &types.ConditionCheck{TableName: p.table, Key: key, ConditionExpression: aws.String("attribute_not_exists(pk)")},
	}}})
	if err != nil {
		p.no(Transactions, answered("TransactWriteItems", err))
		return p.fatal("TransactWriteItems", err)
	}
	_, err = p.db.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{{
		Get: &types.Get{TableName: p.table, Key: key},
	}}})
	if err != nil {
		p.no(Transactions, answered("TransactGetItems", err))
		return p.fatal("TransactGetItems", err)
	}
	p.yes(Transactions, "TransactWriteItems and TransactGetItems succeeded")
	return nil
}

// ttl enables time to live on the probe table and reads it back.
func (p *prober) ttl(ctx context.Context) error {
	const attribute = "expires"
	_, err := p.db.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: p.table,
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String(attribute), Enabled: aws.Bool(true)}})
	if err != nil {
		p.no(TTL, answered("UpdateTimeToLive", err))
		return p.fatal("UpdateTimeToLive", err)
	}
	out, err := p.db.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: p.table})
	if err != nil {
		p.no(TTL, answered("DescribeTimeToLive", err))
		return p.fatal("DescribeTimeToLive", err)
	}
	if d := out.TimeToLiveDescription; d == nil || aws.ToString(d.AttributeName) != attribute ||
		(d.TimeToLiveStatus != types.TimeToLiveStatusEnabled && d.TimeToLiveStatus != types.TimeToLiveStatusEnabling) {
		p.no(TTL, "UpdateTimeToLive succeeded, but DescribeTimeToLive does not report it enabled")
		return nil
	}
	p.yes(TTL, "UpdateTimeToLive and DescribeTimeToLive succeeded")
	return nil
}

// tagging tags the probe table and lists its tags.
func (p *prober) tagging(ctx context.Context) error {
	tag := types.Tag{Key: aws.String("dynamodel"), Value: aws.String("probe")}
	if _, err := p.db.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: p.arn, Tags: []types.Tag{tag}}); err != nil {
		p.no(Tagging, answered("TagResource", err))
		return p.fatal("TagResource", err)
	}
	for attempt := 0; ; attempt++ { // AWS lists a new tag after a moment
		out, err := p.db.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: p.arn})
		if err != nil {
			p.no(Tagging, answered("ListTagsOfResource", err))
			return p.fatal("ListTagsOfResource", err)
		}
		if slices.ContainsFunc(out.Tags, func(t types.Tag) bool { return aws.ToString(t.Key) == *tag.Key }) {
			p.yes(Tagging, "TagResource and ListTagsOfResource succeeded")
			return nil
		}
		if attempt == 10 {
			p.no(Tagging, "TagResource succeeded, but ListTagsOfResource does not list the tag")
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// conditionItem writes an item, then writes it again on the condition that it does not
// exist, asking for the stored item in the failure.
func (p *prober) conditionItem(ctx context.Context) error {
	item := map[string]types.AttributeValue{pk: &types.AttributeValueMemberS{Value: "present"}, "v": &types.AttributeValueMemberN{Value: "1"}}
	if _, err := p.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: p.table, Item: item}); err != nil {
		return fmt.Errorf("servercaps: PutItem %s: %w", aws.ToString(p.table), err)
	}
	_, err := p.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: p.table, Item: item,
		ConditionExpression:                 aws.String("attribute_not_exists(pk)"),
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
	var failed *types.ConditionalCheckFailedException
	switch {
	case err == nil:
		p.no(ConditionFailureItem, "PutItem succeeded although its condition was false")
	case !errors.As(err, &failed):
		p.no(ConditionFailureItem, answered("PutItem", err))
		return p.fatal("PutItem", err)
	case len(failed.Item) == 0:
		p.no(ConditionFailureItem, "PutItem answered ConditionalCheckFailedException without the item")
	default:
		p.yes(ConditionFailureItem, "PutItem answered ConditionalCheckFailedException with the item")
	}
	return nil
}

// indexUpdates adds a global index to the on-demand probe table, without throughput, waits for
// it, and deletes it.
func (p *prober) indexUpdates(ctx context.Context) error {
	g := "g"
	_, err := p.db.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName: p.table,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: &pk, AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: &g, AttributeType: types.ScalarAttributeTypeS},
		},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName:  aws.String("byG"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: &g, KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}}},
	})
	if err != nil {
		p.no(IndexUpdates, answered("UpdateTable", err))
		return p.fatal("UpdateTable", err)
	}
	d, err := p.waitActive(ctx)
	if err != nil {
		return err
	}
	byG := func(x types.GlobalSecondaryIndexDescription) bool { return aws.ToString(x.IndexName) == "byG" }
	if !slices.ContainsFunc(d.GlobalSecondaryIndexes, byG) {
		p.no(IndexUpdates, "UpdateTable accepted the new index, but DescribeTable does not show it")
		return nil
	}
	_, err = p.db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: p.table,
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("byG")}}}})
	if err != nil {
		p.no(IndexUpdates, answered("UpdateTable (deleting an index)", err))
		return p.fatal("UpdateTable", err)
	}
	if d, err = p.waitActive(ctx); err != nil { // waits while the index is DELETING
		return err
	}
	if slices.ContainsFunc(d.GlobalSecondaryIndexes, byG) {
		p.no(IndexUpdates, "UpdateTable created the index and accepted its deletion, but DescribeTable still shows it")
		return nil
	}
	p.yes(IndexUpdates, "UpdateTable created the index and deleted it")
	return nil
}
