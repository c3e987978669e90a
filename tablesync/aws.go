package tablesync

import (
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

// Conversions between the index package's definitions and the SDK's request and response
// shapes, both ways.

func scalarType(t attr.Type) types.ScalarAttributeType { return types.ScalarAttributeType(t.String()) }

func attrType(t types.ScalarAttributeType) attr.Type {
	switch t {
	case types.ScalarAttributeTypeS:
		return attr.S
	case types.ScalarAttributeTypeN:
		return attr.N
	case types.ScalarAttributeTypeB:
		return attr.B
	}
	return attr.Invalid
}

func attributeDefinitions(keys []index.Key) []types.AttributeDefinition {
	out := make([]types.AttributeDefinition, len(keys))
	for i, k := range keys {
		out[i] = types.AttributeDefinition{AttributeName: aws.String(k.Name), AttributeType: scalarType(k.Type)}
	}
	return out
}

// keySchema lists the key attributes as DynamoDB takes them: the partition (HASH) attributes,
// then the sort (RANGE) ones, each in key order (a multi-attribute key has up to four of each).
func keySchema(k index.KeySchema) []types.KeySchemaElement {
	var out []types.KeySchemaElement
	for _, h := range k.HashKeys() {
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(h.Name), KeyType: types.KeyTypeHash})
	}
	for _, r := range k.RangeKeys() {
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(r.Name), KeyType: types.KeyTypeRange})
	}
	return out
}

func projection(p index.Projection) *types.Projection {
	out := &types.Projection{ProjectionType: types.ProjectionType(p.Kind())}
	if p.Kind() == index.ProjectInclude {
		out.NonKeyAttributes = slices.Clone(p.Attributes)
	}
	return out
}

func provisioned(t index.Throughput) *types.ProvisionedThroughput {
	return &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(t.Read), WriteCapacityUnits: aws.Int64(t.Write)}
}

func billingMode(b index.Billing) types.BillingMode {
	if b.OnDemand {
		return types.BillingModePayPerRequest
	}
	return types.BillingModeProvisioned
}

func globalIndex(ix index.Index, b index.Billing) types.GlobalSecondaryIndex {
	g := types.GlobalSecondaryIndex{
		IndexName:  aws.String(ix.Name),
		KeySchema:  keySchema(ix.Keys),
		Projection: projection(ix.Projection),
	}
	if tp, ok := ix.ThroughputFor(b); ok {
		g.ProvisionedThroughput = provisioned(tp)
	}
	return g
}

// indexAttributes returns the attribute definitions an UpdateTable that creates ix needs: the
// table's keys and the index's.
func indexAttributes(t Spec, ix index.Index) []types.AttributeDefinition {
	return attributeDefinitions(index.Layout{Keys: t.Index.Keys, Indexes: []index.Index{ix}}.Attributes())
}

// createTableInput is the CreateTable request for t. Tags are included only when withTags:
// Apply tags in a step of its own, so that a server without tagging can still create tables.
func createTableInput(t Spec, withTags bool) *dynamodb.CreateTableInput {
	in := &dynamodb.CreateTableInput{
		TableName:            aws.String(t.Name),
		AttributeDefinitions: attributeDefinitions(t.Index.Attributes()),
		KeySchema:            keySchema(t.Index.Keys),
		BillingMode:          billingMode(t.Billing),
		TableClass:           t.Class,
	}
	if !t.Billing.OnDemand {
		in.ProvisionedThroughput = provisioned(t.Billing.Throughput)
	}
	for _, ix := range t.Index.Indexes {
		if ix.Global {
			in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, globalIndex(ix, t.Billing))
			continue
		}
		in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{
			IndexName:  aws.String(ix.Name),
			KeySchema:  keySchema(ix.Keys),
			Projection: projection(ix.Projection),
		})
	}
	if t.Stream.Enabled {
		in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: t.Stream.View}
	}
	if withTags && len(t.Tags) > 0 {
		in.Tags = tagList(t.Tags)
	}
	return in
}

// tagList returns the tags sorted by key, so that requests and exports are stable.
func tagList(tags map[string]string) []types.Tag {
	var out []types.Tag
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

// live is what DescribeTable says a table is, in the index package's terms.
type live struct {
	keys    index.KeySchema
	globals []index.Index // Throughput is always set when the table is provisioned
	locals  []index.Index
	billing index.Billing
	stream  Stream
	class   types.TableClass
	arn     string
}

func fromDescription(d *types.TableDescription) live {
	typ := make(map[string]attr.Type)
	for _, a := range d.AttributeDefinitions {
		typ[aws.ToString(a.AttributeName)] = attrType(a.AttributeType)
	}
	// DescribeTable lists a multi-attribute key's elements in key order, HASH ones first.
	keys := func(elems []types.KeySchemaElement) index.KeySchema {
		var k index.KeySchema
		var hashes, ranges int
		for _, e := range elems {
			key := index.Key{Name: aws.ToString(e.AttributeName), Type: typ[aws.ToString(e.AttributeName)]}
			switch {
			case e.KeyType == types.KeyTypeRange && ranges == 0:
				k.Range = key
				ranges++
			case e.KeyType == types.KeyTypeRange:
				k.MoreRange = append(k.MoreRange, key)
			case hashes == 0:
				k.Hash = key
				hashes++
			default:
				k.MoreHash = append(k.MoreHash, key)
			}
		}
		return k
	}
	proj := func(p *types.Projection) index.Projection {
		if p == nil {
			return index.Projection{Type: index.ProjectAll}
		}
		out := index.Projection{Type: index.ProjectionType(p.ProjectionType)}
		if len(p.NonKeyAttributes) > 0 {
			out.Attributes = slices.Clone(p.NonKeyAttributes)
		}
		return out
	}
	l := live{keys: keys(d.KeySchema), arn: aws.ToString(d.TableArn), class: types.TableClassStandard}
	if d.BillingModeSummary != nil && d.BillingModeSummary.BillingMode == types.BillingModePayPerRequest {
		l.billing.OnDemand = true
	} else if tp := d.ProvisionedThroughput; tp != nil {
		l.billing.Throughput = index.Throughput{Read: aws.ToInt64(tp.ReadCapacityUnits), Write: aws.ToInt64(tp.WriteCapacityUnits)}
	}
	for _, g := range d.GlobalSecondaryIndexes {
		if g.IndexStatus == types.IndexStatusDeleting {
			continue // as good as gone: a plan may create it again
		}
		ix := index.Index{Name: aws.ToString(g.IndexName), Global: true, Keys: keys(g.KeySchema), Projection: proj(g.Projection)}
		if tp := g.ProvisionedThroughput; tp != nil && !l.billing.OnDemand {
			ix.Throughput = &index.Throughput{Read: aws.ToInt64(tp.ReadCapacityUnits), Write: aws.ToInt64(tp.WriteCapacityUnits)}
		}
		l.globals = append(l.globals, ix)
	}
	for _, lsi := range d.LocalSecondaryIndexes {
		l.locals = append(l.locals, index.Index{Name: aws.ToString(lsi.IndexName), Keys: keys(lsi.KeySchema), Projection: proj(lsi.Projection)})
	}
	if s := d.StreamSpecification; s != nil && aws.ToBool(s.StreamEnabled) {
		l.stream = Stream{Enabled: true, View: s.StreamViewType}
	}
	if c := d.TableClassSummary; c != nil && c.TableClass != "" {
		l.class = c.TableClass
	}
	return l
}
