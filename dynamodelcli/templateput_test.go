package dynamodelcli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/schema"
)

// ticket holds the text of its key in a field, built by a template with a padded number.
type ticket struct {
	PK    string `dynamo:"pk"`
	Queue string `dynamo:"queue"`
	No    int    `dynamo:"no"`
	Title string `dynamo:"title"`
}

var ticketSchema = schema.Must(schema.For[ticket](
	schema.Attr("pk", schema.Template("Q#{queue}#{no:04}"), schema.HashKey()),
	schema.OnDemand(),
))

// TestModelPutChecksTemplateKeyText: put takes the text of a key computed by a template
// when it is the text the template builds from the item's parts, reads the parts the item
// lacks from it, and refuses a text that differs from the one built, naming the attribute,
// both texts and the template, before anything is sent. Before, the text was dropped without
// a word: a put of {"pk":"ROLE#zz","roleId":"r1",...} wrote the item under ROLE#r1, and a
// put of the key's text alone was refused for want of its parts.
func TestModelPutChecksTemplateKeyText(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	names := tableNames(t, "grants", "tickets")
	c, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(prefix()))
	if err != nil {
		t.Fatal(err)
	}
	grants, err := dynamodel.NewModel[grant](c, names[0], grantSchema)
	if err != nil {
		t.Fatal(err)
	}
	tickets, err := dynamodel.NewModel[ticket](c, names[1], ticketSchema)
	if err != nil {
		t.Fatal(err)
	}
	ops := func(args ...string) result {
		t.Helper()
		var out, errOut bytes.Buffer
		code := Run(ctx, c, append([]string{"ops"}, args...), &out, &errOut, Named("grants", grants), Named("tickets", tickets))
		return result{out.String(), errOut.String(), code}
	}
	if r := ops("apply"); r.code != 0 {
		t.Fatalf("ops apply = %d, %q", r.code, r.stderr)
	}
	tests := []struct {
		name       string
		model      string
		item       string
		wantCode   int
		wantStderr string
		key        string // the key to get afterwards, by its parts
		wantGet    string // what get prints then ("": not found)
	}{
		{"the keys' text alone: the parts read from it", "grants", `{"pk":"ROLE#r1","sk":"PERM#p1","name":"read"}`, 0, "",
			`{"roleId":"r1","permId":"p1"}`, `{"name":"read","permId":"p1","roleId":"r1"}`},
		{"the text the parts build", "grants", `{"pk":"ROLE#r1","roleId":"r1","permId":"p2","name":"write"}`, 0, "",
			`{"roleId":"r1","permId":"p2"}`, `{"name":"write","permId":"p2","roleId":"r1"}`},
		{"a text the parts do not build", "grants", `{"pk":"ROLE#zz","roleId":"r1","permId":"p3"}`, exitError,
			`-item: pk is "ROLE#zz", but its template "ROLE#{roleId}" builds "ROLE#r1" from the item's parts; nothing written`,
			`{"roleId":"r1","permId":"p3"}`, ""},
		{"a text that does not fit the template", "grants", `{"pk":"USER#r1","permId":"p4"}`, exitError,
			`-item: pk "USER#r1" does not fit its template "ROLE#{roleId}", so its parts (roleId) cannot be read from it`,
			`{"roleId":"r1","permId":"p4"}`, ""},
		{"a number for the text", "grants", `{"pk":5,"roleId":"r1","permId":"p5"}`, exitError,
			`-item: pk is computed by the template "ROLE#{roleId}": give its text as a JSON string, or leave it out and give its parts (roleId)`,
			`{"roleId":"r1","permId":"p5"}`, ""},
		{"a field's text alone, padded", "tickets", `{"pk":"Q#ops#0042","title":"disk full"}`, 0, "",
			`{"queue":"ops","no":42}`, `{"no":42,"pk":"Q#ops#0042","queue":"ops","title":"disk full"}`},
		{"a field's text without the padding", "tickets", `{"pk":"Q#ops#7","queue":"ops","no":7}`, exitError,
			`-item: pk is "Q#ops#7", but its template "Q#{queue}#{no:04}" builds "Q#ops#0007" from the item's parts`,
			`{"queue":"ops","no":7}`, ""},
		{"a stale field beside changed parts", "tickets", `{"pk":"Q#ops#0042","queue":"ops","no":43,"title":"moved"}`, exitError,
			`-item: pk is "Q#ops#0042", but its template "Q#{queue}#{no:04}" builds "Q#ops#0043" from the item's parts`,
			`{"queue":"ops","no":43}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ops("put", "-model", tt.model, "-item", tt.item)
			if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("put -item %s = %d, %q; want %d, stderr containing %q", tt.item, r.code, r.stderr, tt.wantCode, tt.wantStderr)
			}
			g := ops("get", "-model", tt.model, "-key", tt.key, "-consistent")
			if tt.wantGet == "" {
				if g.code != exitError || g.stdout != "" {
					t.Errorf("get -key %s = %d, %q, %q; want not found (nothing written)", tt.key, g.code, g.stdout, g.stderr)
				}
				return
			}
			if g.code != 0 || g.stdout != tt.wantGet+"\n" {
				t.Errorf("get -key %s = %d, %q, %q; want %q", tt.key, g.code, g.stdout, g.stderr, tt.wantGet)
			}
		})
	}
}
