package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/schema"
)

// No local server supports global indexes with multi-attribute keys, so the queries of such
// an index are checked here as the requests they send.

type match struct {
	ID         string `dynamo:"matchId"`
	Tournament string `dynamo:"tournament"`
	Region     string `dynamo:"region"`
	Round      int    `dynamo:"round"`
	Bracket    string `dynamo:"bracket"`
	Score      int    `dynamo:"score"`
	Player     string `dynamo:"player"`
}

func matchModel(t *testing.T, db DB) *Model[match] {
	t.Helper()
	sc, err := schema.For[match](
		schema.Attr("matchId", schema.HashKey()),
		schema.Attr("tournament", schema.Index(schema.IndexName("byRound"),
			schema.IndexHashKeys("region"), schema.IndexRangeKeys("round", "bracket", "score"))),
	)
	if err != nil {
		t.Fatal(err)
	}
	m, err := New[match](db, "matches", sc)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var queryOpts = cmpopts.IgnoreUnexported(dynamodb.QueryInput{}, types.AttributeValueMemberS{}, types.AttributeValueMemberN{})

func TestQueryMultiAttributeKey(t *testing.T) {
	part := And(Where("tournament").Eq("WINTER"), Where("region").Eq("NA"))
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
	tests := []struct {
		name       string
		cond       Condition
		wantKey    string
		wantFilter string
		wantNames  map[string]string
		wantValues map[string]types.AttributeValue
	}{
		{"partition attributes only", part,
			"#n0 = :v0 AND #n1 = :v1", "",
			map[string]string{"#n0": "tournament", "#n1": "region"},
			map[string]types.AttributeValue{":v0": s("WINTER"), ":v1": s("NA")}},
		{"equalities then between, written in any order",
			And(Where("bracket").Between("a", "m"), Where("region").Eq("NA"), Where("round").Eq(2), Where("tournament").Eq("WINTER")),
			"#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 BETWEEN :v3 AND :v4", "",
			map[string]string{"#n0": "tournament", "#n1": "region", "#n2": "round", "#n3": "bracket"},
			map[string]types.AttributeValue{":v0": s("WINTER"), ":v1": s("NA"), ":v2": n("2"), ":v3": s("a"), ":v4": s("m")}},
		{"every sort attribute, the last with >, and a filter",
			And(part, Where("round").Eq(2), Where("bracket").Eq("upper"), Where("score").Gt(10), Where("player").Eq("p1")),
			"#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3 AND #n4 > :v4", "#n5 = :v5",
			map[string]string{"#n0": "tournament", "#n1": "region", "#n2": "round", "#n3": "bracket", "#n4": "score", "#n5": "player"},
			map[string]types.AttributeValue{":v0": s("WINTER"), ":v1": s("NA"), ":v2": n("2"), ":v3": s("upper"), ":v4": n("10"), ":v5": s("p1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{query: func(*dynamodb.QueryInput) (*dynamodb.QueryOutput, error) { return &dynamodb.QueryOutput{}, nil }}
			m := matchModel(t, r)
			for _, err := range m.Query(tt.cond).All(context.Background()) {
				if err != nil {
					t.Fatalf("Query(%v) = %v", tt.cond, err)
				}
			}
			if len(r.requests) != 1 {
				t.Fatalf("Query(%v) sent %d requests; want 1", tt.cond, len(r.requests))
			}
			want := &dynamodb.QueryInput{
				TableName: aws.String("matches"), IndexName: aws.String("byRound"),
				KeyConditionExpression:    aws.String(tt.wantKey),
				ExpressionAttributeNames:  tt.wantNames,
				ExpressionAttributeValues: tt.wantValues,
			}
			if tt.wantFilter != "" {
				want.FilterExpression = aws.String(tt.wantFilter)
			}
			if diff := cmp.Diff(want, r.requests[0], queryOpts); diff != "" {
				t.Errorf("Query(%v) request (-want +got):\n%s", tt.cond, diff)
			}
		})
	}
}

func TestQueryMultiAttributeKeyRefused(t *testing.T) {
	part := And(Where("tournament").Eq("WINTER"), Where("region").Eq("NA"))
	tests := []struct {
		name  string
		query func(*Model[match]) Query[match]
		want  string
	}{
		{"a partition attribute missing",
			func(m *Model[match]) Query[match] {
				return m.Query(And(Where("tournament").Eq("WINTER"), Where("round").Eq(1)))
			},
			`GSI "byRound": partition attribute "region" is not compared with =`},
		{"a sort attribute skipped",
			func(m *Model[match]) Query[match] { return m.Query(And(part, Where("bracket").Eq("upper"))) },
			`GSI "byRound": sort attribute "bracket" is constrained but "round" before it is not`},
		{"a range condition before the last sort attribute given",
			func(m *Model[match]) Query[match] {
				return m.Query(And(part, Where("round").Gt(1), Where("bracket").Eq("upper"))).Index("byRound")
			},
			`sort attribute "bracket" is constrained after "round", which has a range condition`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{}
			q := tt.query(matchModel(t, r))
			_, err := q.Explain()
			if !errors.Is(err, index.ErrNoIndex) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Explain() = %v; want ErrNoIndex saying %q", err, tt.want)
			}
			for _, err = range q.All(context.Background()) {
			}
			if !errors.Is(err, index.ErrNoIndex) || len(r.requests) != 0 {
				t.Errorf("All() = %v after %d requests; want ErrNoIndex before any", err, len(r.requests))
			}
		})
	}
}

func TestExplainMultiAttributeKey(t *testing.T) {
	m := matchModel(t, &recorder{})
	got, err := m.Query(And(Where("tournament").Eq("WINTER"), Where("region").Eq("NA"), Where("round").Eq(2))).Explain()
	want := `uses GSI "byRound": partition attributes "tournament", "region" (=) and sort attributes "round" (=); sort attribute "bracket" is not constrained. Passed over: table: hash key "matchId" is not compared with =.`
	if err != nil || got != want {
		t.Errorf("Explain() = %q, %v; want %q", got, err, want)
	}
}

func TestQueryMultiAttributeKeyPageKey(t *testing.T) {
	m := matchModel(t, &recorder{})
	p, err := m.Query(And(Where("tournament").Eq("WINTER"), Where("region").Eq("NA"))).q.plan(false)
	if err != nil {
		t.Fatal(err)
	}
	// A page's last evaluated key holds the table's key and every key attribute of the index.
	if diff := cmp.Diff([]string{"matchId", "tournament", "region", "round", "bracket", "score"}, p.keys); diff != "" {
		t.Errorf("page key attributes (-want +got):\n%s", diff)
	}
	// The cursor is bound to both partition attributes.
	other, err := m.Query(And(Where("tournament").Eq("WINTER"), Where("region").Eq("EU"))).q.plan(false)
	if err != nil {
		t.Fatal(err)
	}
	if p.partition == "" || p.partition == other.partition {
		t.Errorf("partition digests %q and %q; want two different ones", p.partition, other.partition)
	}
}

func TestQueryMultiAttributeKeyFilterOnKeyRefused(t *testing.T) {
	r := &recorder{}
	m := matchModel(t, r)
	q := m.Query(And(Where("tournament").Eq("WINTER"), Where("region").Eq("NA"))).Filter(Where("score").Gt(3))
	var err error
	for _, err = range q.All(context.Background()) {
	}
	want := `names "score", the sort key of index "byRound", but cannot be its key condition: a key condition takes the sort attributes in order`
	if !errors.Is(err, ErrKeyFilter) || !strings.Contains(err.Error(), want) || len(r.requests) != 0 {
		t.Errorf("All() = %v after %d requests; want ErrKeyFilter saying %q before any request", err, len(r.requests), want)
	}
}

// ranked is an item of a table whose global index has a key of several attributes, one of
// them written by a template.
type ranked struct {
	ID     string `dynamo:"id"`
	Tenant string `dynamo:"tenant"`
	Status string `dynamo:"status"`
	Region string `dynamo:"region"`
	Rank   int    `dynamo:"rank"`
	Label  string `dynamo:"label"`
}

// TestQueryMultiAttributeKeyWithTemplates checks that the parts of a template attribute
// that is not the first attribute of a multi-attribute key give its key condition, as they
// do for a key of one attribute: a later partition attribute (the whole key), a later sort
// attribute (the whole key, or the prefix of its leading parts as the last sort condition).
func TestQueryMultiAttributeKeyWithTemplates(t *testing.T) {
	sc, err := schema.For[ranked](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("tenant", schema.Index(schema.IndexName("byStatus"),
			schema.IndexHashKeys("statusKey"), schema.IndexRangeKeys("region", "rankKey"))),
		schema.Attr("statusKey", schema.Template("STATUS#{status}")),
		schema.Attr("rankKey", schema.Template("RANK#{rank:04}#{label}")),
	)
	if err != nil {
		t.Fatal(err)
	}
	m, err := New[ranked](&recorder{}, "ranked", sc)
	if err != nil {
		t.Fatal(err)
	}
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	part := And(Where("tenant").Eq("t1"), Where("status").Eq("on"))
	tests := []struct {
		name       string
		cond       Condition
		wantKey    string
		wantValues map[string]types.AttributeValue
	}{
		{"partition", part, "#n0 = :v0 AND #n1 = :v1",
			map[string]types.AttributeValue{":v0": s("t1"), ":v1": s("STATUS#on")}},
		{"partition and every sort part", And(part, Where("region").Eq("eu"), Where("rank").Eq(7), Where("label").Eq("gold")),
			"#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3",
			map[string]types.AttributeValue{":v0": s("t1"), ":v1": s("STATUS#on"), ":v2": s("eu"), ":v3": s("RANK#0007#gold")}},
		{"partition and the leading sort part", And(part, Where("region").Eq("eu"), Where("rank").Eq(7)),
			"#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND begins_with(#n3, :v3)",
			map[string]types.AttributeValue{":v0": s("t1"), ":v1": s("STATUS#on"), ":v2": s("eu"), ":v3": s("RANK#0007#")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ins, err := m.Query(tt.cond).Requests()
			if err != nil {
				t.Fatalf("Requests() = %v", err)
			}
			if len(ins) != 1 {
				t.Fatalf("Requests() = %d requests; want 1", len(ins))
			}
			in := ins[0]
			if aws.ToString(in.IndexName) != "byStatus" || aws.ToString(in.KeyConditionExpression) != tt.wantKey || in.FilterExpression != nil {
				t.Errorf("request on %q, key condition %q, filter %q; want byStatus, %q, no filter",
					aws.ToString(in.IndexName), aws.ToString(in.KeyConditionExpression), aws.ToString(in.FilterExpression), tt.wantKey)
			}
			if diff := cmp.Diff(tt.wantValues, in.ExpressionAttributeValues, queryOpts); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
		})
	}
}
