package tablesync

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/schema"
)

// Table.js, "Initialization" > "Wait For Active": WaitForActive polls DescribeTable until the
// table is ACTIVE, and fails with the AWS error or at its timeout.
func TestDynamooseWaitForActive(t *testing.T) {
	awsErr := errors.New("AWS ERROR")
	tests := []struct {
		name    string
		ddb     *dynamooseDDB
		opts    []Option
		wantLog []string
		wantErr error
	}{
		{name: "Should call describeTable with correct parameters", ddb: &dynamooseDDB{desc: catTable()},
			wantLog: []string{"DescribeTable Cat: ACTIVE"}},
		{name: "Should call describeTable with correct parameters multiple times",
			ddb:     &dynamooseDDB{desc: catTable(func(d *types.TableDescription) { d.TableStatus = types.TableStatusCreating })},
			wantLog: []string{"DescribeTable Cat: CREATING", "DescribeTable Cat: ACTIVE"}},
		{name: "Should timeout according to waitForActive timeout rules",
			ddb:     &dynamooseDDB{stuck: true, desc: catTable(func(d *types.TableDescription) { d.TableStatus = types.TableStatusCreating })},
			opts:    []Option{WithTimeout(20 * time.Millisecond), WithPollInterval(time.Millisecond)},
			wantErr: ErrNotActive},
		{name: "Should throw error if AWS throws error", ddb: &dynamooseDDB{descErr: awsErr},
			wantLog: []string{"DescribeTable Cat:"}, wantErr: awsErr},
		{name: "Should resolve correctly if `waitForActive` is set to true", ddb: &dynamooseDDB{desc: catTable()},
			wantLog: []string{"DescribeTable Cat: ACTIVE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WaitForActive(context.Background(), tt.ddb, "Cat", tt.opts...)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("WaitForActive = %v; want %v", err, tt.wantErr)
			}
			if tt.wantLog != nil && !slices.Equal(tt.ddb.log, tt.wantLog) {
				t.Errorf("calls %q; want %q", tt.ddb.log, tt.wantLog)
			}
			if len(tt.ddb.log) == 0 {
				t.Errorf("no DescribeTable call")
			}
		})
	}
}

// Table.js, "Wait For Active" > "Should not call updateTable when table is still being created
// when waitForActive is set to true": the throughput update waits until the table is ACTIVE.
// Dynamoose's waitForActive: false sends it at once ("Should call updateTable even if table is
// still being created when waitForActive is set to false"); Dynamodel always waits, since
// DynamoDB refuses an UpdateTable while the table is not ACTIVE.
func TestDynamooseUpdateWaitsForActive(t *testing.T) {
	ddb := &dynamooseDDB{desc: catTable(throughput(2, 2), func(d *types.TableDescription) { d.TableStatus = types.TableStatusCreating })}
	if _, err := Sync(context.Background(), ddb, Update, FromSchema("Cat", catSchema(t, schema.Throughput(1, 2)))); err != nil {
		t.Fatalf("Sync: %v", err)
	}
	want := `UpdateTable ` + canonicalJSON(t, "", `{"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 2}, "TableName": "Cat"}`)
	if got := ddb.requests(t); len(got) != 1 || got[0] != want {
		t.Fatalf("requests %v; want %s", got, want)
	}
	i := slices.Index(ddb.log, "UpdateTable")
	if ddb.log[0] != "DescribeTable Cat: CREATING" || ddb.log[i-1] != "DescribeTable Cat: ACTIVE" {
		t.Errorf("calls %s; want UpdateTable only after DescribeTable said ACTIVE", strings.Join(ddb.log, "; "))
	}
}

// Table.js, "Wait For Active" > "Should not call describeTable if table already created and
// already attempted to createTable again": a create: true sync of an ACTIVE table describes it
// once (and reads its time to live, which Dynamoose reads only with expires), and sends
// nothing else.
func TestDynamooseCreateOnlyDescribesOnce(t *testing.T) {
	ddb := &dynamooseDDB{desc: catTable()}
	if _, err := Sync(context.Background(), ddb, CreateOnly, FromSchema("Cat", catSchema(t))); err != nil {
		t.Fatalf("Sync: %v", err)
	}
	if want := []string{"DescribeTable Cat: ACTIVE", "DescribeTimeToLive DISABLED"}; !slices.Equal(ddb.log, want) {
		t.Errorf("calls %q; want %q", ddb.log, want)
	}
}

// Table.js, describe "table.create()" and "getIndexes", and Model.js, "model.table()" and
// "Initialization": the CreateTable request of table.create({"return": "request"}), which is
// Export, for one model or several models (or schemas) in one table.
func TestDynamooseCreateRequest(t *testing.T) {
	pk := func(more ...schema.IndexOption) schema.Def {
		settings := []schema.Setting{schema.Type(attr.S), schema.HashKey()}
		if more != nil {
			settings = append(settings, schema.Index(more...))
		}
		return schema.Attr("pk", settings...)
	}
	gsi := func(name, hash string) string {
		return `{"IndexName": "` + name + `", "KeySchema": [{"AttributeName": "` + hash + `", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}`
	}
	pt11 := `"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}`
	tests := []struct {
		name  string
		table string
		defs  [][]schema.Option // one schema per model
		want  string
	}{
		{name: "Table.js/table.create()/Should return correct result", table: "User", defs: [][]schema.Option{{schema.Attr("id", schema.Type(attr.S))}},
			want: `{"TableName": "User", ` + pt11 + `, "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}`},
		{name: "Model.js/model.table()/Should create table with a custom name if provided", table: "custom-table-name", defs: [][]schema.Option{{schema.Attr("id", schema.Type(attr.S))}},
			want: `{"TableName": "custom-table-name", ` + pt11 + `, "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}`},
		{name: "Model.js/model.table()/Should return correct value", table: "Cat", defs: [][]schema.Option{{schema.Attr("id", schema.Type(attr.S))}},
			want: `{"TableName": "Cat", ` + pt11 + `, "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}`},
		// Dynamoose's model of two schemas is two definitions of one table here.
		{name: "Model.js/Initialization/Should create table with all the indexes from all the schemas if multiple schemas passed in", table: "User",
			defs: [][]schema.Option{
				{pk(schema.IndexName("primary")), schema.Attr("pk1", schema.Type(attr.S), schema.Index(schema.IndexName("gsi1"))), schema.Attr("foo", schema.Type(attr.S))},
				{pk(schema.IndexName("primary")), schema.Attr("pk2", schema.Type(attr.S), schema.Index(schema.IndexName("gsi2"))), schema.Attr("bar", schema.Type(attr.N))},
			},
			want: `{"TableName": "User", ` + pt11 + `, "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "pk1", "AttributeType": "S"}, {"AttributeName": "pk2", "AttributeType": "S"}],
				"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "GlobalSecondaryIndexes": [` + gsi("primary", "pk") + `, ` + gsi("gsi1", "pk1") + `, ` + gsi("gsi2", "pk2") + `]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var specs []Spec
			for _, opts := range tt.defs {
				s, err := schema.New(opts...)
				if err != nil {
					t.Fatalf("schema.New: %v", err)
				}
				specs = append(specs, FromSchema(tt.table, s))
			}
			out, err := Export(specs...)
			if err != nil || len(out) != 1 {
				t.Fatalf("Export = %d tables, %v; want 1", len(out), err)
			}
			if got, want := canonicalJSON(t, "CreateTable", out[0].CreateTable), canonicalJSON(t, "CreateTable", tt.want); got != want {
				t.Errorf("CreateTable request:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// Model.js, "Should create only one table instance for two or more models with same table
// name" and "Should attach subsequent models with same table name to existing table
// instance", and Table.js, "models" > "Should append new models with same table name
// provided": models that name one table are one table, created once.
func TestDynamooseModelsShareTable(t *testing.T) {
	model := func(kind string) Spec {
		s, err := schema.New(schema.Attr("id", schema.Type(attr.S)), schema.Attr("type", schema.Type(attr.S), schema.Default(kind)))
		if err != nil {
			t.Fatal(err)
		}
		return FromSchema("custom-table-name", s)
	}
	ddb := &dynamooseDDB{}
	res, err := Sync(context.Background(), ddb, CreateOnly, model("cat"), model("dog"))
	if err != nil {
		t.Fatalf("Sync: %v", err)
	}
	want := []string{"CreateTable " + canonicalJSON(t, "CreateTable", `{"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
		"ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, "TableName": "custom-table-name"}`)}
	if got := ddb.requests(t); !slices.Equal(got, want) || !slices.Equal(res.Changes.Tables, []string{"custom-table-name"}) {
		t.Errorf("Sync of two models of one table: tables %v, requests %v; want one table, %v", res.Changes.Tables, got, want)
	}
}

// Table.js, "Should not call updateTable if throughput doesn't match and initialize is set to
// false" and the other initialize: false cases that change a table: a table that is only
// checked (Verify) is described, its differences reported in a *DriftError, and nothing is
// changed. (Off, Dynamoose's initialize: false exactly, sends nothing at all:
// TestDynamooseTableOff.)
func TestDynamooseVerifyChangesNothing(t *testing.T) {
	tests := []struct {
		name string
		opts []schema.Option
		live *types.TableDescription
		want Action
	}{
		{name: "Should not call updateTable if throughput doesn't match and initialize is set to false",
			opts: []schema.Option{schema.Throughput(1, 2)}, live: catTable(throughput(2, 2)), want: UpdateThroughput},
		{name: "Should not call updateTable if switching from provisioned to on demand and initialize is set to false",
			opts: []schema.Option{schema.OnDemand()}, live: catTable(throughput(2, 2)), want: UpdateBilling},
		{name: "Should not call updateTable if switching from on demand to provisioned and initialize is set to false",
			opts: []schema.Option{schema.Throughput(5, 5)}, live: catTable(onDemandTable), want: UpdateBilling},
		{name: "Should not call updateTable to add index when initialize is set to false",
			opts: []schema.Option{schema.Attr("name", schema.Type(attr.S), schema.Index())}, live: catTable(), want: CreateIndex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ddb := &dynamooseDDB{desc: tt.live}
			res, err := Sync(context.Background(), ddb, Verify, FromSchema("Cat", catSchema(t, tt.opts...)))
			var drift *DriftError
			if !errors.As(err, &drift) || len(res.Changes.Steps) != 1 || res.Changes.Steps[0].Action != tt.want {
				t.Errorf("Sync(Verify) = %+v, %v; want a *DriftError with one %s step", res.Changes, err, tt.want)
			}
			if len(ddb.sent) != 0 {
				t.Errorf("Sync(Verify) sent %v; want nothing", ddb.requests(t))
			}
		})
	}
}

// Table.js, "getHashKey" and "getRangeKey": the table's keys are the schema's.
func TestDynamooseTableKeys(t *testing.T) {
	tests := []struct {
		name      string
		opts      []schema.Option
		hash, rng string
	}{
		{name: "getHashKey/Should return first attribute if no hash key defined",
			opts: []schema.Option{schema.Attr("id", schema.Type(attr.S)), schema.Attr("age", schema.Type(attr.N))}, hash: "id"},
		{name: "getHashKey/Should return hash key if set to true",
			opts: []schema.Option{schema.Attr("id", schema.Type(attr.S)), schema.Attr("age", schema.Type(attr.N), schema.HashKey())}, hash: "age"},
		{name: "getRangeKey/Should return undefined if no range key defined",
			opts: []schema.Option{schema.Attr("id", schema.Type(attr.S)), schema.Attr("age", schema.Type(attr.N))}, hash: "id"},
		{name: "getRangeKey/Should return range key if set to true",
			opts: []schema.Option{schema.Attr("id", schema.Type(attr.S)), schema.Attr("age", schema.Type(attr.N), schema.RangeKey())}, hash: "id", rng: "age"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schema.New(tt.opts...)
			if err != nil {
				t.Fatalf("schema.New: %v", err)
			}
			keys := FromSchema("User", s).Index.Keys
			if keys.Hash.Name != tt.hash || keys.Range.Name != tt.rng {
				t.Errorf("keys = %v; want hash %q, range %q", keys, tt.hash, tt.rng)
			}
		})
	}
}

// Table.js, "Initialization": models whose keys differ cannot share a table; the definitions
// are refused before any request.
func TestDynamooseTableModelsRefused(t *testing.T) {
	tests := []struct {
		name string
		a, b []schema.Option
		want string
	}{
		{name: "Should throw an error if models passed in with different hashKey's",
			a: []schema.Option{schema.Attr("id", schema.Type(attr.S))}, b: []schema.Option{schema.Attr("_id", schema.Type(attr.S))}, want: "_id"},
		{name: "Should throw an error if models passed in with different rangeKey's",
			a:    []schema.Option{schema.Attr("id", schema.Type(attr.S)), schema.Attr("name", schema.Type(attr.S), schema.RangeKey())},
			b:    []schema.Option{schema.Attr("id", schema.Type(attr.S)), schema.Attr("date", schema.Date(attr.TimeMillis), schema.RangeKey())},
			want: "date"},
		// Model.js, "Initialization": a model of several schemas is several definitions of
		// one table here.
		{name: "Model.js/Should throw error if hashKey's don't match for all schema's",
			a: []schema.Option{schema.Attr("id", schema.Type(attr.S))}, b: []schema.Option{schema.Attr("id2", schema.Type(attr.S))}, want: "id2"},
		{name: "Model.js/Should throw error if rangeKey's don't match for all schema's",
			a:    []schema.Option{schema.Attr("id", schema.Type(attr.S)), schema.Attr("rangeKey", schema.Type(attr.S), schema.RangeKey())},
			b:    []schema.Option{schema.Attr("id", schema.Type(attr.S)), schema.Attr("rangeKey2", schema.Type(attr.S), schema.RangeKey())},
			want: "rangeKey2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := schema.New(tt.a...)
			if err != nil {
				t.Fatal(err)
			}
			b, err := schema.New(tt.b...)
			if err != nil {
				t.Fatal(err)
			}
			ddb := &dynamooseDDB{}
			_, err = Sync(context.Background(), ddb, CreateOnly, FromSchema("Table", a), FromSchema("Table", b))
			if err == nil || !strings.Contains(err.Error(), tt.want) || len(ddb.log) != 0 {
				t.Errorf("Sync = %v after calls %v; want an error naming %q and no call", err, ddb.log, tt.want)
			}
		})
	}
}

// utils/dynamoose/index_changes.js: the global index changes a sync makes for a schema and the
// indexes the table has: {"type": "add", "spec": ...} is a create index step (its
// GlobalSecondaryIndexUpdates Create), {"type": "delete", "name": ...} a delete index step.
func TestDynamooseIndexChanges(t *testing.T) {
	id := schema.Attr("id", schema.Type(attr.S))
	sAttr := func(name string, settings ...schema.Setting) schema.Def {
		return schema.Attr(name, append([]schema.Setting{schema.Type(attr.S)}, settings...)...)
	}
	nameGSI := gsiDesc("nameGlobalIndex", "name", "", types.ProjectionTypeAll, nil, 1, 1)
	addName := `{"type": "add", "spec": {"IndexName": "nameGlobalIndex", "KeySchema": [{"AttributeName": "name", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}`
	tests := []struct {
		name     string
		opts     []schema.Option
		onDemand bool
		have     []types.GlobalSecondaryIndexDescription
		want     string
	}{
		{name: "no index, one in the schema", opts: []schema.Option{id, sAttr("name", schema.Index())},
			want: `[` + addName + `]`},
		{name: "the index the schema has", opts: []schema.Option{id, sAttr("name", schema.Index())},
			have: []types.GlobalSecondaryIndexDescription{nameGSI}, want: `[]`},
		{name: "another index than the schema's", opts: []schema.Option{id, sAttr("name", schema.Index())},
			have: []types.GlobalSecondaryIndexDescription{gsiDesc("nameGlobalIndex2", "name", "", types.ProjectionTypeAll, nil, 1, 1)},
			want: `[{"type": "delete", "name": "nameGlobalIndex2"}, ` + addName + `]`},
		{name: "an index the schema does not have", opts: []schema.Option{id, sAttr("name")},
			have: []types.GlobalSecondaryIndexDescription{gsiDesc("nameGlobalIndex2", "name", "", types.ProjectionTypeAll, nil, 1, 1)},
			want: `[{"type": "delete", "name": "nameGlobalIndex2"}]`},
		// The described index also has IndexStatus, IndexArn, size and item count (and in
		// Dynamoose's next case, an undefined member of its throughput): nothing changes.
		{name: "a described index with project true", opts: []schema.Option{id, sAttr("data", schema.Index(schema.IndexName("data-index-1")))},
			have: []types.GlobalSecondaryIndexDescription{func() types.GlobalSecondaryIndexDescription {
				g := gsiDesc("data-index-1", "data", "", types.ProjectionTypeAll, nil, 1, 1)
				g.IndexArn, g.IndexSizeBytes, g.ItemCount = aws.String("arn:aws:dynamodb:ddblocal:000000000000:table/User/index/data-index-1"), aws.Int64(0), aws.Int64(0)
				return g
			}()}, want: `[]`},
		{name: "project a list of attributes", opts: []schema.Option{id, sAttr("data1", schema.Index(schema.Project("data2"))), sAttr("data2"), sAttr("data3")},
			want: `[{"type": "add", "spec": {"IndexName": "data1GlobalIndex", "KeySchema": [{"AttributeName": "data1", "KeyType": "HASH"}], "Projection": {"NonKeyAttributes": ["data2"], "ProjectionType": "INCLUDE"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}]`},
		{name: "projected attributes in another order", opts: []schema.Option{id, sAttr("data1", schema.Index(schema.IndexName("data-index-1"), schema.Project("data3", "data2"))), sAttr("data2"), sAttr("data3")},
			have: []types.GlobalSecondaryIndexDescription{gsiDesc("data-index-1", "data1", "", types.ProjectionTypeInclude, []string{"data2", "data3"}, 1, 1)},
			want: `[]`},
		// Deliberate: Dynamoose only deletes the index whose projection changed (a later sync
		// adds it again); Dynamodel's plan deletes it and creates it again.
		{name: "projected attributes changed", opts: []schema.Option{id, sAttr("data1", schema.Index(schema.IndexName("data-index-1"), schema.Project("data3", "data2"))), sAttr("data2"), sAttr("data3")},
			have: []types.GlobalSecondaryIndexDescription{gsiDesc("data-index-1", "data1", "", types.ProjectionTypeInclude, []string{"data2"}, 1, 1)},
			want: `[{"type": "delete", "name": "data-index-1"}, {"type": "add", "spec": {"IndexName": "data-index-1", "KeySchema": [{"AttributeName": "data1", "KeyType": "HASH"}], "Projection": {"NonKeyAttributes": ["data2", "data3"], "ProjectionType": "INCLUDE"}, "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}]`},
		{name: "Should not recreate indexes when Table throughput is set `ON_DEMAND`", onDemand: true,
			opts: []schema.Option{id, sAttr("data", schema.Index(schema.IndexName("data-index-2"))), schema.OnDemand()},
			have: []types.GlobalSecondaryIndexDescription{gsiDesc("data-index-2", "data", "", types.ProjectionTypeAll, nil, 0, 0)},
			want: `[]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schema.New(tt.opts...)
			if err != nil {
				t.Fatalf("schema.New: %v", err)
			}
			spec := FromSchema("Cat", s)
			mods := []func(*types.TableDescription){withGSI(tt.have...)}
			if tt.onDemand {
				mods = append(mods, onDemandTable)
			}
			steps, _ := compare(spec, state{desc: catTable(mods...), ttl: &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}})
			changes := []map[string]any{}
			for _, st := range steps {
				switch st.Action {
				case DeleteIndex:
					changes = append(changes, map[string]any{"type": "delete", "name": st.Index})
				case CreateIndex:
					in := st.requests[0].(*dynamodb.UpdateTableInput)
					changes = append(changes, map[string]any{"type": "add", "spec": in.GlobalSecondaryIndexUpdates[0].Create})
				default:
					t.Errorf("step %s %s; want only index changes", st.Action, st.Change)
				}
			}
			if got, want := canonicalJSON(t, "", changes), canonicalJSON(t, "", tt.want); got != want {
				t.Errorf("index changes:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// utils/dynamoose/index_changes.js, the case of two models whose index dataGlobalIndex has
// the range key data1 in one and data2 in the other: Dynamoose adds both (DynamoDB refuses
// the second). Deliberate: the definitions conflict, and are refused before any request.
func TestDynamooseIndexChangesConflict(t *testing.T) {
	model := func(rng string) Spec {
		s, err := schema.New(schema.Attr("id", schema.Type(attr.S)), schema.Attr(rng, schema.Type(attr.S)),
			schema.Attr("data", schema.Type(attr.S), schema.Index(schema.IndexRangeKey(rng))))
		if err != nil {
			t.Fatal(err)
		}
		return FromSchema("Table", s)
	}
	if _, err := Export(model("data1"), model("data2")); err == nil || !strings.Contains(err.Error(), "dataGlobalIndex") {
		t.Errorf("Export = %v; want a conflict naming dataGlobalIndex", err)
	}
}

// utils/dynamoose/index_changes.ts compares an index's provisioned throughput with its keys
// and projection, so Dynamoose deletes an index whose throughput changed (and adds it at the
// next start). Deliberate: the plan updates the throughput of the index in place.
func TestDynamooseIndexThroughputChange(t *testing.T) {
	s := catSchema(t, schema.Attr("name", schema.Type(attr.S), schema.Index(schema.IndexThroughput(5, 5))))
	have := gsiDesc("nameGlobalIndex", "name", "", types.ProjectionTypeAll, nil, 1, 1)
	steps, _ := compare(FromSchema("Cat", s), state{desc: catTable(withGSI(have)), ttl: &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}})
	if len(steps) != 1 || steps[0].Action != UpdateIndex {
		t.Fatalf("steps %v; want one %s", steps, UpdateIndex)
	}
	want := canonicalJSON(t, "", `{"TableName": "Cat", "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "nameGlobalIndex", "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}}]}`)
	if got := canonicalJSON(t, "", steps[0].requests[0]); got != want {
		t.Errorf("request %s; want %s", got, want)
	}
}

// Dynamoose's table update (Table/utilities.ts) sets a table's class back to STANDARD when
// the table options give none. Deliberate: a schema without TableClass leaves the class of
// the table as it is.
func TestDynamooseTableClassUnmanaged(t *testing.T) {
	live := catTable(tableClass(types.TableClassStandardInfrequentAccess))
	steps, _ := compare(FromSchema("Cat", catSchema(t)), state{desc: live, ttl: &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}})
	if len(steps) != 0 {
		t.Errorf("steps %v; want none", steps)
	}
}
