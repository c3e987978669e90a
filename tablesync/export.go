package tablesync

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TableRequests are the requests that create one table as its [Spec] wants it: what a program
// that does not sync at runtime hands to infrastructure as code.
type TableRequests struct {
	CreateTable *dynamodb.CreateTableInput      // tags included
	TimeToLive  *dynamodb.UpdateTimeToLiveInput // nil when the table has no time to live
}

// Export returns the requests that create each table as its definition wants it. Definitions
// that name the same table are merged, and each is checked, as [Plan] does. It sends nothing.
func Export(tables ...Spec) ([]TableRequests, error) {
	tables, err := mergeTables(tables)
	if err != nil {
		return nil, err
	}
	out := make([]TableRequests, len(tables))
	for i, t := range tables {
		out[i].CreateTable = createTableInput(t, true)
		if t.TTL != "" {
			out[i].TimeToLive = ttlInput(t.Name, t.TTL, true)
		}
	}
	return out, nil
}

// ExportJSON returns the tables as a JSON array with one object per table:
//
//	{"CreateTable": {...}, "UpdateTimeToLive": {...}}
//
// Each member has the shape of the [CreateTable] and [UpdateTimeToLive] requests, as the AWS
// CLI reads them: `aws dynamodb create-table --cli-input-json` accepts the CreateTable object
// as it is.
//
// [CreateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// [UpdateTimeToLive]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
func ExportJSON(tables ...Spec) ([]byte, error) {
	defs, err := Export(tables...)
	if err != nil {
		return nil, err
	}
	type entry struct {
		CreateTable      jsonTable `json:"CreateTable"`
		UpdateTimeToLive *jsonTTL  `json:"UpdateTimeToLive,omitempty"`
	}
	out := make([]entry, len(defs))
	for i, d := range defs {
		out[i].CreateTable = toJSON(d.CreateTable)
		if ttl := d.TimeToLive; ttl != nil {
			out[i].UpdateTimeToLive = &jsonTTL{TableName: aws.ToString(ttl.TableName), TimeToLiveSpecification: jsonTTLSpec{
				AttributeName: aws.ToString(ttl.TimeToLiveSpecification.AttributeName), Enabled: true}}
		}
	}
	return json.MarshalIndent(out, "", "  ")
}

// ExportCloudFormation returns a CloudFormation template (JSON, which CloudFormation reads as
// it reads YAML) with one [AWS::DynamoDB::Table] resource per table, time to live and tags
// included. Each resource has DeletionPolicy and UpdateReplacePolicy Retain, so that removing
// it from the template, or a change that replaces it, never deletes the table's items.
// Logical IDs are the table names in CamelCase, letters and digits only, ending in "Table".
//
// [AWS::DynamoDB::Table]: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
func ExportCloudFormation(tables ...Spec) ([]byte, error) {
	defs, err := Export(tables...)
	if err != nil {
		return nil, err
	}
	type resource struct {
		Type                string        `json:"Type"`
		DeletionPolicy      string        `json:"DeletionPolicy"`
		UpdateReplacePolicy string        `json:"UpdateReplacePolicy"`
		Properties          cfnProperties `json:"Properties"`
	}
	resources := make(map[string]resource)
	for _, d := range defs {
		j := toJSON(d.CreateTable)
		p := cfnProperties{jsonTable: j}
		if s := j.StreamSpecification; s != nil {
			p.StreamSpecification = &cfnStream{StreamViewType: s.StreamViewType}
		}
		if ttl := d.TimeToLive; ttl != nil {
			p.TimeToLiveSpecification = &jsonTTLSpec{AttributeName: aws.ToString(ttl.TimeToLiveSpecification.AttributeName), Enabled: true}
		}
		id := logicalID(j.TableName)
		for n := 2; ; n++ {
			if _, taken := resources[id]; !taken {
				break
			}
			id = fmt.Sprintf("%s%d", logicalID(j.TableName), n)
		}
		resources[id] = resource{Type: "AWS::DynamoDB::Table", DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain", Properties: p}
	}
	template := struct {
		Version     string              `json:"AWSTemplateFormatVersion"`
		Description string              `json:"Description"`
		Resources   map[string]resource `json:"Resources"`
	}{"2010-09-09", "DynamoDB tables exported by Dynamodel", resources}
	return json.MarshalIndent(template, "", "  ")
}

// logicalID turns a table name such as "dev_orders-v2" into "DevOrdersV2Table".
func logicalID(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	id := b.String()
	if id == "" || unicode.IsDigit(rune(id[0])) {
		id = "T" + id
	}
	return id + "Table"
}

// The JSON shapes of the requests, with AWS's member names and no null members.

type jsonTable struct {
	TableName              string          `json:"TableName"`
	AttributeDefinitions   []jsonAttribute `json:"AttributeDefinitions"`
	KeySchema              []jsonKey       `json:"KeySchema"`
	BillingMode            string          `json:"BillingMode"`
	ProvisionedThroughput  *jsonThroughput `json:"ProvisionedThroughput,omitempty"`
	GlobalSecondaryIndexes []jsonIndex     `json:"GlobalSecondaryIndexes,omitempty"`
	LocalSecondaryIndexes  []jsonIndex     `json:"LocalSecondaryIndexes,omitempty"`
	StreamSpecification    *jsonStream     `json:"StreamSpecification,omitempty"`
	TableClass             string          `json:"TableClass,omitempty"`
	Tags                   []jsonTag       `json:"Tags,omitempty"`
}

type jsonAttribute struct {
	AttributeName string `json:"AttributeName"`
	AttributeType string `json:"AttributeType"`
}

type jsonKey struct {
	AttributeName string `json:"AttributeName"`
	KeyType       string `json:"KeyType"`
}

type jsonThroughput struct {
	ReadCapacityUnits  int64 `json:"ReadCapacityUnits"`
	WriteCapacityUnits int64 `json:"WriteCapacityUnits"`
}

type jsonProjection struct {
	ProjectionType   string   `json:"ProjectionType"`
	NonKeyAttributes []string `json:"NonKeyAttributes,omitempty"`
}

type jsonIndex struct {
	IndexName             string          `json:"IndexName"`
	KeySchema             []jsonKey       `json:"KeySchema"`
	Projection            jsonProjection  `json:"Projection"`
	ProvisionedThroughput *jsonThroughput `json:"ProvisionedThroughput,omitempty"`
}

type jsonStream struct {
	StreamEnabled  bool   `json:"StreamEnabled"`
	StreamViewType string `json:"StreamViewType"`
}

type jsonTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type jsonTTL struct {
	TableName               string      `json:"TableName"`
	TimeToLiveSpecification jsonTTLSpec `json:"TimeToLiveSpecification"`
}

type jsonTTLSpec struct {
	AttributeName string `json:"AttributeName"`
	Enabled       bool   `json:"Enabled"`
}

// cfnProperties are the properties of an AWS::DynamoDB::Table resource: the CreateTable
// members, a StreamSpecification without StreamEnabled, and the time to live.
type cfnProperties struct {
	jsonTable
	StreamSpecification     *cfnStream   `json:"StreamSpecification,omitempty"`
	TimeToLiveSpecification *jsonTTLSpec `json:"TimeToLiveSpecification,omitempty"`
}

type cfnStream struct {
	StreamViewType string `json:"StreamViewType"`
}

func toJSON(in *dynamodb.CreateTableInput) jsonTable {
	j := jsonTable{TableName: aws.ToString(in.TableName), BillingMode: string(in.BillingMode), TableClass: string(in.TableClass)}
	for _, a := range in.AttributeDefinitions {
		j.AttributeDefinitions = append(j.AttributeDefinitions, jsonAttribute{aws.ToString(a.AttributeName), string(a.AttributeType)})
	}
	j.KeySchema = keysJSON(in.KeySchema)
	j.ProvisionedThroughput = throughputJSON(in.ProvisionedThroughput)
	for _, g := range in.GlobalSecondaryIndexes {
		j.GlobalSecondaryIndexes = append(j.GlobalSecondaryIndexes, jsonIndex{
			IndexName: aws.ToString(g.IndexName), KeySchema: keysJSON(g.KeySchema),
			Projection:            jsonProjection{string(g.Projection.ProjectionType), g.Projection.NonKeyAttributes},
			ProvisionedThroughput: throughputJSON(g.ProvisionedThroughput),
		})
	}
	for _, l := range in.LocalSecondaryIndexes {
		j.LocalSecondaryIndexes = append(j.LocalSecondaryIndexes, jsonIndex{
			IndexName: aws.ToString(l.IndexName), KeySchema: keysJSON(l.KeySchema),
			Projection: jsonProjection{string(l.Projection.ProjectionType), l.Projection.NonKeyAttributes},
		})
	}
	if s := in.StreamSpecification; s != nil {
		j.StreamSpecification = &jsonStream{StreamEnabled: aws.ToBool(s.StreamEnabled), StreamViewType: string(s.StreamViewType)}
	}
	for _, t := range in.Tags {
		j.Tags = append(j.Tags, jsonTag{aws.ToString(t.Key), aws.ToString(t.Value)})
	}
	return j
}

func keysJSON(k []types.KeySchemaElement) []jsonKey {
	out := make([]jsonKey, len(k))
	for i, e := range k {
		out[i] = jsonKey{aws.ToString(e.AttributeName), string(e.KeyType)}
	}
	return out
}

func throughputJSON(t *types.ProvisionedThroughput) *jsonThroughput {
	if t == nil {
		return nil
	}
	return &jsonThroughput{aws.ToInt64(t.ReadCapacityUnits), aws.ToInt64(t.WriteCapacityUnits)}
}
