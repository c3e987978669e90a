package relation_test

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
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/relation"
	"github.com/dynamodel/dynamodel/schema"
)

// One table for roles, permissions and the links between them, keyed by templates.
var (
	tRoleSchema = schema.Must(schema.For[Role](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{id}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("ROLE#{id}")),
	))
	tPermissionSchema = schema.Must(schema.For[Permission](
		schema.Attr("pk", schema.HashKey(), schema.Template("PERMISSION#{id}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{id}")),
	))
	tLinkSchema = schema.Must(schema.For[RolePermission](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}")),
		schema.Attr("permissionId", schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
	))
)

type templateFixture struct {
	srv         *server
	roles       *model.Model[Role]
	permissions *model.Model[Permission]
	links       *model.Model[RolePermission]
}

func newTemplateFixture(t *testing.T, linkSchema *schema.Schema[RolePermission]) templateFixture {
	t.Helper()
	f := templateFixture{srv: newServer()}
	var err error
	if f.roles, err = model.New[Role](f.srv, "access", tRoleSchema); err != nil {
		t.Fatal(err)
	}
	if f.permissions, err = model.New[Permission](f.srv, "access", tPermissionSchema); err != nil {
		t.Fatal(err)
	}
	if f.links, err = model.New[RolePermission](f.srv, "access", linkSchema); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f templateFixture) relation(t *testing.T) *relation.Relation[string, Role, Permission, RolePermission] {
	t.Helper()
	rel, err := relation.ManyToMany[string](f.roles, f.permissions, f.links, relation.From("roleId"), relation.To("permissionId"),
		relation.FromID("id"), relation.ToID("id"), relation.ReverseIndex("byPermission"))
	if err != nil {
		t.Fatalf("ManyToMany = %v", err)
	}
	return rel
}

// put writes items the way the models do, so that the fake table holds their keys.
func (f templateFixture) put(t *testing.T, roles []string, perms []string, links [][2]string) {
	t.Helper()
	for _, id := range roles {
		item, err := tRoleSchema.Put(&Role{ID: id, Name: "role " + id})
		if err != nil {
			t.Fatal(err)
		}
		f.srv.put("access", item)
	}
	for _, id := range perms {
		item, err := tPermissionSchema.Put(&Permission{ID: id, Name: "permission " + id})
		if err != nil {
			t.Fatal(err)
		}
		f.srv.put("access", item)
	}
	for _, l := range links {
		item, err := f.links.Schema().Put(&RolePermission{RoleID: l[0], PermissionID: l[1]})
		if err != nil {
			t.Fatal(err)
		}
		f.srv.put("access", item)
	}
}

var ignoreUnexported = cmpopts.IgnoreUnexported(dynamodb.QueryInput{}, dynamodb.TransactWriteItemsInput{}, dynamodb.BatchGetItemInput{},
	types.TransactWriteItem{}, types.Put{}, types.Delete{}, types.KeysAndAttributes{}, types.AttributeValueMemberS{})

// TestListQueriesThePartitionOfTheTemplate checks the Query a listing sends when the links'
// keys are templates: the hash key is the template with the ID as its part, the range key
// begins with the text before its template's first part (which leaves the role's own item
// out), and nothing is filtered.
func TestListQueriesThePartitionOfTheTemplate(t *testing.T) {
	ctx := context.Background()
	f := newTemplateFixture(t, tLinkSchema)
	f.put(t, []string{"admin"}, nil, [][2]string{{"admin", "read"}, {"admin", "write"}, {"viewer", "read"}})
	rel := f.relation(t)

	got, err := rel.List(ctx, "admin")
	if err != nil || !slices.Equal(got, []string{"read", "write"}) {
		t.Fatalf("List(admin) = %v, %v; want [read write]", got, err)
	}
	var queries []*dynamodb.QueryInput
	for _, r := range f.srv.requests {
		if in, ok := r.(*dynamodb.QueryInput); ok {
			queries = append(queries, in)
		}
	}
	want := []*dynamodb.QueryInput{{
		TableName:                aws.String("access"),
		KeyConditionExpression:   aws.String("#n0 = :v0 AND begins_with(#n1, :v1)"),
		ProjectionExpression:     aws.String("#n2, #n3, #n0, #n1"),
		ExpressionAttributeNames: map[string]string{"#n0": "pk", "#n1": "sk", "#n2": "roleId", "#n3": "permissionId"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":v0": s("ROLE#admin"), ":v1": s("PERMISSION#"),
		},
		ConsistentRead: aws.Bool(true),
	}}
	if diff := cmp.Diff(queries, want, ignoreUnexported); diff != "" {
		t.Errorf("Query inputs mismatch (-got +want):\n%s", diff)
	}
}

// TestListFiltersByTheIDWithoutARangePrefix checks that the links are told from the other
// items of the partition by their From attribute when the range key's template gives no
// text to begin with.
func TestListFiltersByTheIDWithoutARangePrefix(t *testing.T) {
	ctx := context.Background()
	f := newTemplateFixture(t, schema.Must(schema.For[RolePermission](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("permissionId", schema.RangeKey(), schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
	)))
	f.put(t, nil, nil, [][2]string{{"admin", "read"}})
	if _, err := f.relation(t).List(ctx, "admin"); err != nil {
		t.Fatalf("List(admin) = %v", err)
	}
	in := f.srv.requests[0].(*dynamodb.QueryInput)
	if got, want := aws.ToString(in.KeyConditionExpression), "#n0 = :v0"; got != want {
		t.Errorf("KeyConditionExpression = %q; want %q", got, want)
	}
	if got := text(in.ExpressionAttributeValues[":v0"]); got != "ROLE#admin" {
		t.Errorf("hash key value = %q; want ROLE#admin", got)
	}
	if got, want := aws.ToString(in.FilterExpression), "#n1 = :v1"; got != want || in.ExpressionAttributeNames["#n1"] != "roleId" {
		t.Errorf("FilterExpression = %q (names %v); want %q on roleId", got, in.ExpressionAttributeNames, want)
	}
}

// TestSetWritesTemplatedLinks checks the exact transaction of a Set whose links are keyed
// by templates: the new link with the keys its templates compute, the removed one by the
// key read back.
func TestSetWritesTemplatedLinks(t *testing.T) {
	ctx := context.Background()
	f := newTemplateFixture(t, tLinkSchema)
	f.put(t, []string{"admin"}, nil, [][2]string{{"admin", "read"}, {"admin", "write"}})
	rel := f.relation(t)

	c, err := rel.Set(ctx, "admin", []string{"read", "delete"})
	if want := (relation.Change[string]{Added: []string{"delete"}, Removed: []string{"write"}, Transaction: true}); err != nil || !cmp.Equal(c, want) {
		t.Fatalf("Set = %+v, %v; want %+v", c, err, want)
	}
	var txs []*dynamodb.TransactWriteItemsInput
	for _, r := range f.srv.requests {
		if in, ok := r.(*dynamodb.TransactWriteItemsInput); ok {
			txs = append(txs, in)
		}
	}
	want := []*dynamodb.TransactWriteItemsInput{{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("access"), Item: map[string]types.AttributeValue{
			"pk": s("ROLE#admin"), "sk": s("PERMISSION#delete"), "roleId": s("admin"), "permissionId": s("delete")}}},
		{Delete: &types.Delete{TableName: aws.String("access"), Key: map[string]types.AttributeValue{"pk": s("ROLE#admin"), "sk": s("PERMISSION#write")}}},
	}}}
	if diff := cmp.Diff(withoutTokens(t, txs), want, ignoreUnexported); diff != "" {
		t.Errorf("TransactWriteItems inputs mismatch (-got +want):\n%s", diff)
	}
	got, err := rel.List(ctx, "admin")
	slices.Sort(got) // the fake table keeps the order of writes
	if err != nil || !slices.Equal(got, []string{"delete", "read"}) {
		t.Errorf("List(admin) after Set = %v, %v; want delete and read", got, err)
	}
}

// TestPopulateReadsTemplatedKeys checks that Populate and PopulateReverse read the related
// items by the keys their templates make of the IDs, in one batch each.
func TestPopulateReadsTemplatedKeys(t *testing.T) {
	ctx := context.Background()
	f := newTemplateFixture(t, tLinkSchema)
	f.put(t, []string{"admin"}, []string{"read"}, [][2]string{{"admin", "read"}, {"admin", "gone"}})
	rel := f.relation(t)

	p, err := rel.Populate(ctx, "admin")
	if err != nil {
		t.Fatalf("Populate = %v", err)
	}
	if got := p.Items["admin"]; len(got) != 1 || got[0].Name != "permission read" {
		t.Errorf("Populate(admin) items = %+v; want permission read", got)
	}
	if want := []relation.Link[string]{{From: "admin", To: "gone"}}; !cmp.Equal(p.Dangling, want) {
		t.Errorf("Populate(admin) dangling = %v; want %v", p.Dangling, want)
	}
	r, err := rel.PopulateReverse(ctx, "read")
	if err != nil || len(r.Items["read"]) != 1 || r.Items["read"][0].Name != "role admin" {
		t.Errorf("PopulateReverse(read) = %+v, %v; want role admin", r, err)
	}
	var gets []*dynamodb.BatchGetItemInput
	for _, r := range f.srv.requests {
		if in, ok := r.(*dynamodb.BatchGetItemInput); ok {
			gets = append(gets, in)
		}
	}
	key := func(v string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"pk": s(v), "sk": s(v)}
	}
	want := []*dynamodb.BatchGetItemInput{
		{RequestItems: map[string]types.KeysAndAttributes{"access": {Keys: []map[string]types.AttributeValue{key("PERMISSION#read"), key("PERMISSION#gone")}}}},
		{RequestItems: map[string]types.KeysAndAttributes{"access": {Keys: []map[string]types.AttributeValue{key("ROLE#admin")}}}},
	}
	if diff := cmp.Diff(gets, want, ignoreUnexported); diff != "" {
		t.Errorf("BatchGetItem inputs mismatch (-got +want):\n%s", diff)
	}
}

type tenantLink struct {
	Tenant       string    `dynamo:"tenant"`
	RoleID       string    `dynamo:"roleId"`
	PermissionID string    `dynamo:"permissionId"`
	CreatedAt    time.Time `dynamo:"createdAt"`
}

type datedRole struct {
	ID        string    `dynamo:"id"`
	CreatedAt time.Time `dynamo:"createdAt"`
}

// TestManyToManyRefusesTemplatesOfOtherAttributes checks that a layout whose keys cannot be
// made from an ID alone is refused when the relation is declared, not at the first call.
func TestManyToManyRefusesTemplatesOfOtherAttributes(t *testing.T) {
	srv := newServer()
	roles, err := model.New[datedRole](srv, "access", schema.Must(schema.For[datedRole](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{id}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("CREATED#{createdAt}")),
	)))
	if err != nil {
		t.Fatal(err)
	}
	permissions, err := model.New[Permission](srv, "access", tPermissionSchema)
	if err != nil {
		t.Fatal(err)
	}
	links, err := model.New[tenantLink](srv, "access", schema.Must(schema.For[tenantLink](
		schema.Attr("pk", schema.HashKey(), schema.Template("TENANT#{tenant}#ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}")),
		schema.Attr("permissionId", schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
	)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = relation.ManyToMany[string](roles, permissions, links, relation.From("roleId"), relation.To("permissionId"),
		relation.FromID("id"), relation.ToID("id"), relation.ReverseIndex("byPermission"))
	var ce *relation.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("ManyToMany = %v; want a *ConfigError", err)
	}
	want := []string{
		`the links' hash key "pk" is built by template "TENANT#{tenant}#ROLE#{roleId}" from "tenant", "roleId", not from "roleId" alone: the partition of an item's links cannot be computed from its ID (give ForwardIndex)`,
		`FromID("id"): the key "sk" of access is built by template "CREATED#{createdAt}" from "createdAt", not from "id" alone: its items cannot be read by ID`,
	}
	if diff := cmp.Diff(ce.Problems, want); diff != "" {
		t.Errorf("ManyToMany problems mismatch (-got +want):\n%s", diff)
	}
	if len(srv.requests) != 0 {
		t.Errorf("ManyToMany sent %d requests; want none", len(srv.requests))
	}
	if !strings.Contains(err.Error(), "give ForwardIndex") {
		t.Errorf("ManyToMany = %v; want it to name ForwardIndex", err)
	}
}

// An inverted index: the links' GSI byPermission is keyed by templates of the IDs swapped.
var invertedLinkSchema = schema.Must(schema.For[RolePermission](
	schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
	schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}")),
	schema.Attr("gsi1pk", schema.Template("PERMISSION#{permissionId}"),
		schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("gsi1sk"))),
	schema.Attr("gsi1sk", schema.Template("ROLE#{roleId}")),
))

// TestReverseQueriesATemplatedIndex checks the Query of a reverse listing through an index
// whose keys are templates: the hash key from the ID as its part, the range key beginning
// with its template's text.
func TestReverseQueriesATemplatedIndex(t *testing.T) {
	ctx := context.Background()
	f := newTemplateFixture(t, invertedLinkSchema)
	f.put(t, []string{"admin"}, []string{"read"}, [][2]string{{"admin", "read"}, {"viewer", "read"}, {"admin", "write"}})
	rel := f.relation(t)

	got, err := rel.Reverse(ctx, "read")
	if err != nil || !slices.Equal(got, []string{"admin", "viewer"}) {
		t.Fatalf("Reverse(read) = %v, %v; want [admin viewer]", got, err)
	}
	in := f.srv.requests[0].(*dynamodb.QueryInput)
	want := &dynamodb.QueryInput{
		TableName:                aws.String("access"),
		IndexName:                aws.String("byPermission"),
		KeyConditionExpression:   aws.String("#n0 = :v0 AND begins_with(#n1, :v1)"),
		ProjectionExpression:     aws.String("#n2, #n3, #n4, #n5, #n0, #n1"), // the keys for the page cursors
		ExpressionAttributeNames: map[string]string{"#n0": "gsi1pk", "#n1": "gsi1sk", "#n2": "roleId", "#n3": "permissionId", "#n4": "pk", "#n5": "sk"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":v0": s("PERMISSION#read"), ":v1": s("ROLE#"),
		},
	}
	if diff := cmp.Diff(in, want, ignoreUnexported); diff != "" {
		t.Errorf("Query input mismatch (-got +want):\n%s", diff)
	}
}

// TestManyToManyRefusesAnIndexTemplateOfOtherAttributes checks that an index whose hash key
// needs more than the ID is refused when the relation is declared.
func TestManyToManyRefusesAnIndexTemplateOfOtherAttributes(t *testing.T) {
	f := newTemplateFixture(t, tLinkSchema)
	links, err := model.New[tenantLink](f.srv, "access", schema.Must(schema.For[tenantLink](
		schema.Attr("pk", schema.HashKey(), schema.Template("ROLE#{roleId}")),
		schema.Attr("sk", schema.RangeKey(), schema.Template("PERMISSION#{permissionId}")),
		schema.Attr("gsi1pk", schema.Template("PERMISSION#{permissionId}#TENANT#{tenant}"),
			schema.Index(schema.IndexName("byPermission"), schema.IndexRangeKey("roleId"))),
	)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = relation.ManyToMany[string](f.roles, f.permissions, links, relation.From("roleId"), relation.To("permissionId"),
		relation.FromID("id"), relation.ToID("id"), relation.ReverseIndex("byPermission"))
	var ce *relation.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("ManyToMany = %v; want a *ConfigError", err)
	}
	want := []string{`ReverseIndex("byPermission"): the index's hash key "gsi1pk" is built by template "PERMISSION#{permissionId}#TENANT#{tenant}" from "permissionId", "tenant", not from "permissionId" alone`}
	if diff := cmp.Diff(ce.Problems, want); diff != "" {
		t.Errorf("ManyToMany problems mismatch (-got +want):\n%s", diff)
	}
}

// withoutTokens checks that every transaction carries the token the model gives each commit
// (the model makes one when the caller gives none) and returns copies without it, as the
// token is new for every commit and cannot be written in a wanted request.
func withoutTokens(t *testing.T, txs []*dynamodb.TransactWriteItemsInput) []*dynamodb.TransactWriteItemsInput {
	t.Helper()
	out := make([]*dynamodb.TransactWriteItemsInput, len(txs))
	for i, in := range txs {
		if in.ClientRequestToken == nil || *in.ClientRequestToken == "" {
			t.Errorf("TransactWriteItems %d has no ClientRequestToken; want the model's token", i)
		}
		c := *in
		c.ClientRequestToken = nil
		out[i] = &c
	}
	return out
}
