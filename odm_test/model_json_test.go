package odm_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type jsonLine struct {
	SKU string  `dynamo:"sku"`
	Qty int     `dynamo:"qty"`
	Tax float64 `dynamo:"tax"`
}

type jsonDoc struct {
	ID     string            `dynamo:"id"`
	Sort   int               `dynamo:"sort"`
	Name   string            `dynamo:"name"`
	Score  float64           `dynamo:"score"`
	Active bool              `dynamo:"active"`
	When   time.Time         `dynamo:"when,seconds"`
	Tags   []string          `dynamo:"tags,set"`
	Labels map[string]string `dynamo:"labels"`
	Home   struct {
		Street string `dynamo:"street"`
		Zip    string `dynamo:"zip"`
	} `dynamo:"home"`
	Lines []jsonLine `dynamo:"lines"`
	Blob  []byte     `dynamo:"blob"`
	Note  *string    `dynamo:"note,omitempty"`
}

// TestPutStoredReadsBack checks, against the server, that an item of every kind of attribute
// Put and Create store reads back as it was written.
func TestPutStoredReadsBack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	at := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	s := schema.Must(schema.For[jsonDoc](
		schema.Attr("id", schema.HashKey(), schema.Validate(validate.Regexp(regexp.MustCompile(`^doc#`)))),
		schema.Attr("sort", schema.RangeKey()),
		schema.Attr("tags", schema.Enum("a", "b", "c")),
		schema.Attr("home.zip", schema.Required()),
		schema.Timestamps(),
		schema.Clock(func() time.Time { return at }),
	))
	written, _ := newModel[jsonDoc](t, ctx, s, "written")

	note := "quote \" and \u2028 and é"
	doc := jsonDoc{
		ID: "doc#1", Name: "Ada", Score: 4.25, Active: true, When: at.Add(-time.Hour),
		Tags: []string{"a", "c"}, Labels: map[string]string{"k": "v", "empty": ""},
		Lines: []jsonLine{{"x-1", 2, 0.2}, {"y-2", 0, 0}}, Blob: []byte{0, 1, 0xff}, Note: &note,
	}
	doc.Home.Street, doc.Home.Zip = "1 Main St", "75001"

	for i, write := range []struct {
		name string
		put  func(*model.Model[jsonDoc], *jsonDoc) error
	}{
		{"put", func(m *model.Model[jsonDoc], v *jsonDoc) error { return m.Put(ctx, v) }},
		{"create", func(m *model.Model[jsonDoc], v *jsonDoc) error { return m.Create(ctx, v) }},
	} {
		t.Run(write.name, func(t *testing.T) {
			a := doc
			a.Sort = i + 1
			if err := write.put(written, &a); err != nil {
				t.Fatalf("%s: %v", write.name, err)
			}
			got, err := written.Get(ctx, model.Key{Hash: a.ID, Range: a.Sort}, model.Consistent())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(a, got); diff != "" {
				t.Errorf("Get after %s (-put +read):\n%s", write.name, diff)
			}
		})
	}
}
