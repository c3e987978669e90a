package tablesync

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// FromDescription returns the definition of the table that d (from [DescribeTable]) and ttl
// (from [DescribeTimeToLive]; nil when unknown) describe, so that a live table can be exported
// or compared like a definition written in code: keys, global and local indexes, billing, stream,
// table class and time to live. Tags are not part of a description: [Describe] adds them.
//
// Global indexes being deleted are left out. A global index's throughput equal to the table's is
// left to be inherited (Throughput nil), as [ReadJSON] reads it. The class is set only when d
// reports one (DynamoDB Local and dynalite do not); time to live only when it is enabled or
// being enabled.
//
// [DescribeTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html
// [DescribeTimeToLive]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html
func FromDescription(d *types.TableDescription, ttl *types.TimeToLiveDescription) Spec {
	l := fromDescription(d)
	t := Spec{Name: aws.ToString(d.TableName), Billing: l.billing, Stream: l.stream}
	t.Index.Keys = l.keys
	for _, g := range l.globals {
		if g.Throughput != nil && *g.Throughput == l.billing.Throughput {
			g.Throughput = nil
		}
		t.Index.Indexes = append(t.Index.Indexes, g)
	}
	t.Index.Indexes = append(t.Index.Indexes, l.locals...)
	if c := d.TableClassSummary; c != nil {
		t.Class = c.TableClass
	}
	if ttl != nil && (ttl.TimeToLiveStatus == types.TimeToLiveStatusEnabled || ttl.TimeToLiveStatus == types.TimeToLiveStatusEnabling) {
		t.TTL = aws.ToString(ttl.AttributeName)
	}
	return t
}

// Describe reads the live table called name and returns its definition: [FromDescription] of
// what [DescribeTable] and [DescribeTimeToLive] report, and the tags [ListTagsOfResource]
// lists (nil when there are none). Time to live and tags are left out, without an error, on a
// server that does not support them. A table that does not exist is an error wrapping
// [ErrNoTable]; a failed request is an *[Error].
//
// [DescribeTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html
// [DescribeTimeToLive]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html
// [ListTagsOfResource]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html
func Describe(ctx context.Context, client API, name string) (Spec, error) {
	s, err := read(ctx, client, Spec{Name: name, Tags: map[string]string{}})
	if err != nil {
		return Spec{}, err
	}
	if s.desc == nil {
		return Spec{}, fmt.Errorf("%w: %s", ErrNoTable, name)
	}
	t := FromDescription(s.desc, s.ttl)
	if len(s.tags) > 0 {
		t.Tags = s.tags
	}
	return t, nil
}
