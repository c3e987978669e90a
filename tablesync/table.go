package tablesync

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/index"
)

// API is the part of the DynamoDB client that tablesync uses. *dynamodb.Client satisfies it;
// a program may wrap one (to log or count calls) and pass the wrapper.
type API interface {
	CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
	UpdateTable(ctx context.Context, in *dynamodb.UpdateTableInput, optFns ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error)
	DescribeTimeToLive(ctx context.Context, in *dynamodb.DescribeTimeToLiveInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error)
	UpdateTimeToLive(ctx context.Context, in *dynamodb.UpdateTimeToLiveInput, optFns ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error)
	ListTagsOfResource(ctx context.Context, in *dynamodb.ListTagsOfResourceInput, optFns ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error)
	TagResource(ctx context.Context, in *dynamodb.TagResourceInput, optFns ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *dynamodb.UntagResourceInput, optFns ...func(*dynamodb.Options)) (*dynamodb.UntagResourceOutput, error)
}

var _ API = (*dynamodb.Client)(nil)

// Spec is what a program wants one DynamoDB table to be: the input of [Plan], [Sync] and
// [Export]. [FromSchema] builds one from a model's schema.
type Spec struct {
	Name    string        // the full table name, prefix and suffix included
	Index   index.Layout  // key schema and secondary indexes
	Billing index.Billing // on demand, or provisioned throughput
	// TTL is the attribute DynamoDB's time to live reads (epoch seconds); empty for none.
	TTL string
	// Tags are the table's tags. Nil leaves the tags unmanaged: none are added or removed.
	// A non-nil map, even an empty one, is the whole set: other tags are removed.
	Tags   map[string]string
	Stream Stream
	// Class is the table class (STANDARD or STANDARD_INFREQUENT_ACCESS); empty leaves it
	// unmanaged.
	Class types.TableClass
}

// Stream is the DynamoDB Streams setting of a table.
type Stream struct {
	Enabled bool
	View    types.StreamViewType // KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES
}

func (s Stream) String() string {
	if !s.Enabled {
		return "disabled"
	}
	return "enabled " + string(s.View)
}

// DynamoDB's limits on tags, per table.
const (
	maxTags     = 50
	maxTagKey   = 128
	maxTagValue = 256
)

// Check reports every problem of the table definition together: a missing or malformed name,
// the problems [index.Layout.Check] and [index.Billing.Check] find, an unknown stream view type
// or table class, tags beyond DynamoDB's limits (50 tags, keys of 1 to 128 characters not
// starting with "aws:", values up to 256). The error wraps [index.ErrInvalid].
func (t Spec) Check() error {
	var problems []string
	if t.Name == "" {
		problems = append(problems, "the table has no name")
	} else if !index.ValidName(t.Name) {
		problems = append(problems, fmt.Sprintf("table name %q must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'", t.Name))
	}
	var ie *index.Error
	for _, err := range []error{t.Index.Check(), t.Billing.Check()} {
		if errors.As(err, &ie) {
			problems = append(problems, ie.Problems...)
		}
	}
	if t.Stream.Enabled && !slices.Contains(types.StreamViewType("").Values(), t.Stream.View) {
		problems = append(problems, fmt.Sprintf("stream view type %q; want one of %v", t.Stream.View, types.StreamViewType("").Values()))
	}
	if t.Class != "" && !slices.Contains(types.TableClass("").Values(), t.Class) {
		problems = append(problems, fmt.Sprintf("table class %q; want one of %v", t.Class, types.TableClass("").Values()))
	}
	if len(t.Tags) > maxTags {
		problems = append(problems, fmt.Sprintf("%d tags; DynamoDB allows at most %d", len(t.Tags), maxTags))
	}
	for _, k := range slices.Sorted(maps.Keys(t.Tags)) {
		switch {
		case k == "":
			problems = append(problems, "a tag has an empty key")
		case utf8.RuneCountInString(k) > maxTagKey:
			problems = append(problems, fmt.Sprintf("tag key %.20q... is longer than %d characters", k, maxTagKey))
		case strings.HasPrefix(k, "aws:"):
			problems = append(problems, fmt.Sprintf("tag key %q: the prefix aws: is reserved for AWS", k))
		}
		if utf8.RuneCountInString(t.Tags[k]) > maxTagValue {
			problems = append(problems, fmt.Sprintf("tag %q has a value longer than %d characters", k, maxTagValue))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("tablesync: table %q: %w", t.Name, &index.Error{Op: "check", Problems: problems})
}

// mergeTables merges the definitions that name the same table (several models in one table),
// keeping tables in order of first appearance, and checks each result. All problems are
// returned together.
func mergeTables(tables []Spec) ([]Spec, error) {
	var out []Spec
	pos := make(map[string]int)
	groups := make(map[string][]Spec)
	for _, t := range tables {
		if _, ok := pos[t.Name]; !ok {
			pos[t.Name] = len(out)
			out = append(out, t)
		}
		groups[t.Name] = append(groups[t.Name], t)
	}
	var errs []error
	for i, t := range out {
		g := groups[t.Name]
		if len(g) > 1 {
			merged, err := mergeGroup(g)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out[i] = merged
		}
		if err := out[i].Check(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// mergeGroup merges definitions of one table: keys and indexes through index.Merge; billing
// must agree; a TTL attribute, a stream and a table class set by one definition apply to the
// table when the others leave them unset, and two different settings conflict. Tags are
// united; one key with two values is a conflict.
func mergeGroup(g []Spec) (Spec, error) {
	first := g[0]
	out := first
	var problems []string
	ixs := make([]index.Layout, len(g))
	for i, t := range g {
		ixs[i] = t.Index
		if t.Billing != first.Billing {
			problems = append(problems, fmt.Sprintf("definition #%d bills %v; #1 bills %v", i+1, t.Billing, first.Billing))
		}
		if t.TTL != "" {
			if out.TTL != "" && out.TTL != t.TTL {
				problems = append(problems, fmt.Sprintf("definition #%d has TTL attribute %q; an earlier one has %q", i+1, t.TTL, out.TTL))
			} else {
				out.TTL = t.TTL
			}
		}
		if t.Stream.Enabled {
			if out.Stream.Enabled && out.Stream != t.Stream {
				problems = append(problems, fmt.Sprintf("definition #%d has stream %v; an earlier one has %v", i+1, t.Stream, out.Stream))
			} else {
				out.Stream = t.Stream
			}
		}
		if t.Class != "" {
			if out.Class != "" && out.Class != t.Class {
				problems = append(problems, fmt.Sprintf("definition #%d has table class %s; an earlier one has %s", i+1, t.Class, out.Class))
			} else {
				out.Class = t.Class
			}
		}
	}
	merged, err := index.Merge(ixs...)
	var ie *index.Error
	if errors.As(err, &ie) {
		problems = append(problems, ie.Problems...)
	}
	out.Index = merged
	out.Tags = nil
	for i, t := range g {
		if t.Tags == nil {
			continue
		}
		if out.Tags == nil {
			out.Tags = make(map[string]string)
		}
		for _, k := range slices.Sorted(maps.Keys(t.Tags)) {
			if v, ok := out.Tags[k]; ok && v != t.Tags[k] {
				problems = append(problems, fmt.Sprintf("definition #%d tags %s=%q; an earlier one tags it %q", i+1, k, t.Tags[k], v))
				continue
			}
			out.Tags[k] = t.Tags[k]
		}
	}
	if len(problems) > 0 {
		return Spec{}, fmt.Errorf("tablesync: table %q is defined %d times: %w", first.Name, len(g), &index.Error{Op: "merge", Problems: problems})
	}
	return out, nil
}
