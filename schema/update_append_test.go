package schema

import (
	"errors"
	"slices"
	"testing"

	"github.com/dynamodel/dynamodel/validate"
)

type appendLine struct {
	SKU string `dynamo:"sku"`
	Qty int    `dynamo:"qty" validate:"min=1"`
}

type appended struct {
	ID      string       `dynamo:"id"`
	Log     []string     `dynamo:"log,omitempty"`
	Capped  []string     `dynamo:"capped" validate:"max=3"`
	Emails  []string     `dynamo:"emails" validate:"omitempty,dive,email"`
	Named   []string     `dynamo:"named" validate:"required,dive,min=2"`
	Lines   []appendLine `dynamo:"lines"`
	Sorted  []string     `dynamo:"sorted"`
	Checked []string     `dynamo:"checked"`
	Src     []string     `dynamo:"src"`
	Name    string       `dynamo:"name"`
	Count   int          `dynamo:"count"`
}

// TestUpdateAppendChecksElementsNotTheList checks what an append (model's Append and
// Prepend) checks: its elements, as elements of the list. A check or setter of the whole list
// cannot run, since the list an append makes is known only to DynamoDB; an append to such a
// list is refused before sending. It was a SET of the added elements as if they were the
// whole list: max=3 passed two elements added to three stored, and a Setter sorted the added
// part only.
func TestUpdateAppendChecksElementsNotTheList(t *testing.T) {
	s := mustSchema(t)(For[appended](
		Attr("sorted", Setter(func(v []string, _ *[]string) ([]string, error) { return slices.Sorted(slices.Values(v)), nil })),
		Attr("checked", Validate(validate.Func("few", func(v []string) error {
			if len(v) > 2 {
				return errors.New("at most 2")
			}
			return nil
		}))),
		Attr("joined", Combine("#", "name", "src")),
	))
	tests := []struct {
		name  string
		path  string
		elems any
		want  string
		fails string
	}{
		{name: "plain list", path: "log", elems: []string{"a", "b"}, want: `SET list_append log L[S"a" S"b"]`},
		{name: "empty list: an action with no elements, which the caller does not send", path: "log", elems: []string{}, want: `SET list_append log L[]`},
		{name: "element rules after dive", path: "emails", elems: []string{"a@b.co"}, want: `SET list_append emails L[S"a@b.co"]`},
		{name: "element rules after dive refuse", path: "emails", elems: []string{"nope"}, fails: "emails:email"},
		{name: "required before dive", path: "named", elems: []string{"ab"}, want: `SET list_append named L[S"ab"]`},
		{name: "required before dive refuses nil", path: "named", elems: []string(nil), fails: "named:required"},
		{name: "element rule after required and dive", path: "named", elems: []string{"a"}, fails: "named:min=2"},
		{name: "struct elements' rules", path: "lines", elems: []appendLine{{SKU: "x", Qty: -1}}, fails: "lines:min=1"},
		{name: "struct elements", path: "lines", elems: []appendLine{{SKU: "x", Qty: 2}}, want: `SET list_append lines L[M{qty:N2 sku:S"x"}]`},
		{name: "element type", path: "log", elems: []int{1}, fails: "log:type"},
		{name: "validate tag of the list", path: "capped", elems: []string{"a"}, fails: "capped:append"},
		{name: "validator of the list", path: "checked", elems: []string{"a"}, fails: "checked:append"},
		{name: "setter of the list", path: "sorted", elems: []string{"b", "a"}, fails: "sorted:append"},
		{name: "source of a combined attribute", path: "src", elems: []string{"a"}, fails: "src:append"},
		{name: "not a list", path: "count", elems: 1, fails: "count:type"},
		{name: "nil", path: "log", elems: nil, fails: "log:type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Update([]Change{{UpdateAppend, tt.path, tt.elems}})
			if f := failures(err); f != tt.fails {
				t.Fatalf("Update(append %s %v) = %v; want failures %q", tt.path, tt.elems, err, tt.fails)
			}
			if err == nil && renderActions(got) != tt.want {
				t.Errorf("Update(append %s %v) = %s; want %s", tt.path, tt.elems, renderActions(got), tt.want)
			}
		})
	}
}

// TestUpdateAppendErrorNamesTheAppendedElement checks that a refused element of an append is
// named as an appended element (its position among those added, and the path inside it),
// under the list's path: its position in the stored list is not known. The error named the
// position among the elements added as if it were the stored list's (lines[1].qty,
// "emails [1]").
func TestUpdateAppendErrorNamesTheAppendedElement(t *testing.T) {
	s := mustSchema(t)(For[appended]())
	tests := []struct {
		name  string
		path  string
		elems any
		want  string // the error's text
		elem  *AppendError
		value any
	}{
		{name: "element rule after dive", path: "emails", elems: []string{"a@b.co", "nope"},
			want: `validate: emails: email: appended element 1: must be a valid email address (value "nope")`,
			elem: &AppendError{Element: 1}, value: "nope"},
		{name: "rule of a struct element's attribute", path: "lines", elems: []appendLine{{SKU: "x", Qty: 2}, {SKU: "y", Qty: -1}},
			want: `validate: lines: min=1: appended element 1 at qty: must be 1 or greater (value -1)`,
			elem: &AppendError{Element: 1, Path: "qty"}, value: -1},
		{name: "rule of the list itself", path: "named", elems: []string(nil),
			want: `validate: named is a required field (value [])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Update([]Change{{UpdateAppend, tt.path, tt.elems}})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Update(append %s %v) = %v; want %s", tt.path, tt.elems, err, tt.want)
			}
			var ve *validate.Error
			if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Path != tt.path {
				t.Fatalf("Update(append %s %v) = %v; want one field error at %s", tt.path, tt.elems, err, tt.path)
			}
			var ae *AppendError
			found := errors.As(ve.Fields[0].Err, &ae)
			switch {
			case tt.elem == nil && found:
				t.Errorf("Update(append %s %v) = %v; want no *AppendError", tt.path, tt.elems, err)
			case tt.elem != nil && (!found || ae.Element != tt.elem.Element || ae.Path != tt.elem.Path):
				t.Errorf("Update(append %s %v) = %v (AppendError %+v); want %+v", tt.path, tt.elems, err, ae, tt.elem)
			case tt.elem != nil && ve.Fields[0].Value != tt.value:
				t.Errorf("Update(append %s %v): Value = %v; want %v", tt.path, tt.elems, ve.Fields[0].Value, tt.value)
			}
		})
	}
}
