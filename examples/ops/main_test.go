package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/dynamodelcli"
	"github.com/dynamodel/dynamodel/internal/dynamotest"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }

type result struct {
	stdout, stderr string
	code           int
}

// TestOpsCommands runs the commands of the ops program, as its main runs them, against the
// test server: tables straight from the models, items through the models' pipelines.
func TestOpsCommands(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	prefix := dynamotest.RunID() + "_ops_"
	c, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix))
	if err != nil {
		t.Fatal(err)
	}
	db := c.DynamoDB()
	t.Cleanup(func() {
		for _, n := range []string{"users", "orders"} {
			_, _ = db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(prefix + n)})
		}
	})
	ms, err := models(c)
	if err != nil {
		t.Fatal(err)
	}
	ops := func(args ...string) result {
		t.Helper()
		var out, errOut bytes.Buffer
		code := dynamodelcli.Run(ctx, c, append([]string{"ops"}, args...), &out, &errOut, ms...)
		return result{out.String(), errOut.String(), code}
	}
	must := func(args ...string) result {
		t.Helper()
		r := ops(args...)
		if r.code != 0 {
			t.Fatalf("ops %q = %d, stderr %q; want 0", args, r.code, r.stderr)
		}
		return r
	}
	contains := func(what, got string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s = %q; want it to contain %q", what, got, w)
			}
		}
	}

	// Tables, from the models: the client's prefix once, never twice.
	plan := must("plan")
	contains("plan", plan.stdout, prefix+"users", prefix+"orders", "byEmail")
	if strings.Contains(plan.stdout, prefix+prefix) {
		t.Errorf("plan = %q; want the prefix %s once", plan.stdout, prefix)
	}
	if r := ops("verify"); r.code != 1 {
		t.Errorf("ops verify before apply = %d, %q; want 1", r.code, r.stderr)
	}
	must("apply")
	if r := must("verify"); !strings.Contains(r.stdout, "no changes") {
		t.Errorf("ops verify after apply = %q; want no changes", r.stdout)
	}
	export := must("export")
	var defs []struct{ CreateTable struct{ TableName string } }
	if err := json.Unmarshal([]byte(export.stdout), &defs); err != nil || len(defs) != 2 || defs[0].CreateTable.TableName != "users" || defs[1].CreateTable.TableName != "orders" {
		t.Errorf("ops export = %q (%v); want the tables users and orders, without the prefix", export.stdout, err)
	}

	// Items, through the models: converted, transformed and stored as the schema says.
	put := must("put", "-model", "users", "-print", "-item",
		`{"id":"u1","email":"  Ada@Example.COM ","roles":["admin","dev"],"avatar":"aGk=","born":"1990-05-01T00:00:00Z"}`)
	contains("put -print", put.stdout, `"email":"ada@example.com"`, `"createdAt":`, `"roles":["admin","dev"]`, `"avatar":"aGk="`)
	raw, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(prefix + "users"), Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "u1"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]types.AttributeValue{
		"roles":  &types.AttributeValueMemberSS{Value: []string{"admin", "dev"}},
		"avatar": &types.AttributeValueMemberB{Value: []byte("hi")},
		"born":   &types.AttributeValueMemberN{Value: "641520000000"},
		"email":  &types.AttributeValueMemberS{Value: "ada@example.com"},
	}
	for name, w := range want {
		if diff := cmp.Diff(w, raw.Item[name], cmp.AllowUnexported(types.AttributeValueMemberSS{}, types.AttributeValueMemberB{}, types.AttributeValueMemberN{}, types.AttributeValueMemberS{})); diff != "" {
			t.Errorf("stored %s (-want +got):\n%s", name, diff)
		}
	}

	refused := []struct {
		name, item string
		stderr     []string
	}{
		{"invalid email", `{"id":"u2","email":"not an address"}`, []string{"email"}},
		{"missing required", `{"id":"u2"}`, []string{"email", "required"}},
		{"unknown attribute", `{"id":"u2","emial":"a@b.c"}`, []string{"emial", `"email"`}},
		{"number set given a string", `{"id":"u2","email":"a@b.c","roles":[1]}`, []string{"roles[0] is a JSON number"}},
		{"binary not base64", `{"id":"u2","email":"a@b.c","avatar":"%%%"}`, []string{"avatar is binary"}},
	}
	for _, tt := range refused {
		t.Run("put refuses "+tt.name, func(t *testing.T) {
			r := ops("put", "-model", "users", "-item", tt.item)
			if r.code != 1 {
				t.Errorf("ops put %s = %d, %q; want 1", tt.item, r.code, r.stderr)
			}
			contains("ops put "+tt.item+" stderr", r.stderr, tt.stderr...)
		})
	}
	if r := ops("put", "-model", "users", "-item", `{"id":"u2"`); r.code != 2 || !strings.Contains(r.stderr, "-item is not valid JSON") {
		t.Errorf("ops put with malformed JSON = %d, %q; want 2 (the command line is wrong)", r.code, r.stderr)
	}
	if r := ops("get", "-model", "users", "-key", `{"id":"u2"}`); r.code != 1 || !strings.Contains(r.stderr, "not found") {
		t.Errorf("ops get u2 after refused puts = %d, %q, %q; want 1 and not found", r.code, r.stdout, r.stderr)
	}

	get := must("get", "-model", "users", "-key", `{"id":"u1"}`)
	contains("get", get.stdout, `"id":"u1"`, `"roles":["admin","dev"]`, `"born":641520000000`)
	q := must("query", "-model", "users", "-where", `{"email":"ada@example.com"}`, "-explain")
	contains("query by email", q.stdout, `"id":"u1"`)
	contains("query -explain", q.stderr, "byEmail")

	for _, id := range []string{"o1", "o2", "o3"} {
		must("put", "-model", "orders", "-item", `{"customer":"c1","id":"`+id+`","total":12.5,"placed":"2024-05-01T12:00:00+02:00"}`)
	}
	first := must("query", "-model", "orders", "-where", `{"customer":"c1"}`, "-limit", "2")
	if n := strings.Count(first.stdout, "\n"); n != 2 || !strings.Contains(first.stdout, `"placed":"2024-05-01T10:00:00.000Z"`) {
		t.Errorf("ops query -limit 2 = %q; want 2 orders, their dates stored as the schema says", first.stdout)
	}
	cursor, ok := strings.CutPrefix(strings.TrimSpace(first.stderr), "next cursor: ")
	if !ok {
		t.Fatalf("ops query -limit 2 stderr = %q; want the next cursor", first.stderr)
	}
	rest := must("query", "-model", "orders", "-where", `{"customer":"c1"}`, "-limit", "2", "-cursor", cursor)
	contains("query -cursor", rest.stdout, `"id":"o3"`)
	if scan := must("scan", "-model", "orders"); strings.Count(scan.stdout, "\n") != 3 {
		t.Errorf("ops scan orders = %q; want 3 items", scan.stdout)
	}
	del := must("delete", "-model", "orders", "-key", `{"customer":"c1","id":"o1"}`, "-return-old")
	contains("delete -return-old", del.stdout, `"id":"o1"`)
	if r := ops("delete", "-model", "orders", "-key", `{"customer":"c1"}`); r.code != 2 || !strings.Contains(r.stderr, "-key has no id") {
		t.Errorf("ops delete without the range key = %d, %q; want 2 and the missing key attribute", r.code, r.stderr)
	}
	if r := ops("get", "-model", "nope", "-key", `{"id":"u1"}`); r.code != 2 || !strings.Contains(r.stderr, "users, orders") {
		t.Errorf("ops get -model nope = %d, %q; want 2 and the models' names", r.code, r.stderr)
	}
}

// TestCLIGuideShowsOps checks that docs/cli.md shows this program's code as it is.
func TestCLIGuideShowsOps(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	_, code, ok := strings.Cut(string(src), "// ops:begin\n")
	code, _, ok2 := strings.Cut(code, "// ops:end\n")
	if !ok || !ok2 {
		t.Fatal("main.go lacks the ops:begin and ops:end markers")
	}
	guide, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(guide), code) {
		t.Errorf("docs/cli.md does not show examples/ops/main.go between its markers as it is; copy it again")
	}
}
