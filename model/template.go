package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/expr"
	"github.com/dynamodel/dynamodel/internal/schemaview"
	"github.com/dynamodel/dynamodel/schema"
)

// KeyParts is the condition that the key attribute computed by a [schema.Template] equals
// the key formatted from parts (every part, by name):
//
//	roles.Query(model.KeyParts("pk", map[string]any{"id": "r1"}))
//
// is Where("pk").Eq("ROLE#r1") for the template "ROLE#{id}". A query may also compare the
// parts themselves (Where("id").Eq("r1")): the planner builds the key from them.
func KeyParts(name string, parts map[string]any) Condition {
	return Where(name).Eq(schema.Parts(parts))
}

// KeyPrefix is the condition that the key attribute computed by a [schema.Template] begins
// with the text its template gives for the leading parts in parts:
//
//	perms.Query(model.KeyParts("pk", map[string]any{"roleId": "r1"}).
//		And(model.KeyPrefix("sk", map[string]any{"permissionId": "p1"})))
//
// is begins_with(sk, "PERMISSION#p1#") for the template
// "PERMISSION#{permissionId}#{createdAt}": the text up to the first part not given, so p1
// does not match p10. An empty parts gives the text before the first part ("PERMISSION#").
func KeyPrefix(name string, parts map[string]any) Condition {
	return Where(name).BeginsWith(schema.Prefix(parts))
}

// templater is an encoder that knows the template attributes of its schema.
type templater interface {
	templates() []schemaview.KeyTemplate
}

func (e encoder) templates() []schemaview.KeyTemplate { return e.s.Templates() }

// templateKeys is what a query's conditions on the parts of templated keys add: a
// condition on each key whose template they fill (all parts compared with =, or for a range
// key the leading ones), and the conditions on parts each of them stands for.
type templateKeys struct {
	added []templateKey
}

type templateKey struct {
	cond    Condition
	tmpl    schemaview.KeyTemplate
	used    []string    // the parts the condition was built from
	covered []Condition // the conditions on those parts
}

// withTemplates returns the conjuncts of a query with conditions on templated keys built
// from the conditions on their parts. Keys the query constrains itself, and keys of neither
// the table nor an index, are left alone.
func (src *source) withTemplates(conj []Condition) ([]Condition, templateKeys) {
	var tk templateKeys
	t, ok := src.enc.(templater)
	if !ok {
		return conj, tk
	}
	tmpls := t.templates()
	if len(tmpls) == 0 {
		return conj, tk
	}
	// Every attribute of a multi-attribute key counts: a template may be any of them.
	hashKeys, rangeKeys := map[string]bool{}, map[string]bool{}
	note := func(k index.KeySchema) {
		for _, h := range k.HashKeys() {
			hashKeys[h.Name] = true
		}
		for _, r := range k.RangeKeys() {
			rangeKeys[r.Name] = true
		}
	}
	note(src.tbl.Keys)
	for _, ix := range src.tbl.Indexes {
		note(ix.Keys)
	}
	// The = of each top-level attribute (the first), and the attributes constrained at all.
	equal := map[string]Condition{}
	constrained := map[string]bool{}
	for _, c := range conj {
		if c.n.op == cAnd || c.n.op == cOr || c.n.op == cNot || c.n.size {
			continue
		}
		p, err := src.enc.path(c.n.path)
		if err != nil || len(p) != 1 || p[0].IsIndex {
			continue
		}
		name := p[0].Name
		constrained[name] = true
		if c.n.op != cCompare || c.n.cmp != expr.EQ {
			continue
		}
		if _, isRef := c.n.values[0].(Ref); !isRef {
			if _, seen := equal[name]; !seen {
				equal[name] = c
			}
		}
	}
	for _, kt := range tmpls {
		if constrained[kt.Attribute] || !hashKeys[kt.Attribute] && !rangeKeys[kt.Attribute] {
			continue
		}
		given := 0
		for _, part := range kt.Parts {
			if _, ok := equal[part]; !ok {
				break
			}
			given++
		}
		if given == 0 || given < len(kt.Parts) && !rangeKeys[kt.Attribute] {
			continue
		}
		parts := make(map[string]any, given)
		key := templateKey{tmpl: kt, used: kt.Parts[:given]}
		for _, part := range key.used {
			c := equal[part]
			parts[part] = c.n.values[0]
			key.covered = append(key.covered, c)
		}
		if given == len(kt.Parts) {
			key.cond = KeyParts(kt.Attribute, parts)
		} else {
			key.cond = KeyPrefix(kt.Attribute, parts)
		}
		tk.added = append(tk.added, key)
		conj = append(conj[:len(conj):len(conj)], key.cond)
	}
	return conj, tk
}

// prune removes from filter the added key conditions, which are not filters, and the
// conditions on parts that a key condition the query uses (one of used) stands for.
func (tk templateKeys) prune(filter []Condition, used []Condition) []Condition {
	if len(tk.added) == 0 {
		return filter
	}
	drop := map[*cnode]bool{}
	for _, k := range tk.added {
		drop[k.cond.n] = true
		if uses(used, k.cond) {
			for _, c := range k.covered {
				drop[c.n] = true
			}
		}
	}
	out := filter[:0:0]
	for _, c := range filter {
		if !drop[c.n] {
			out = append(out, c)
		}
	}
	return out
}

// explain says which keys of the key condition (used) were built from their templates.
func (tk templateKeys) explain(used []Condition) string {
	var s strings.Builder
	for _, k := range tk.added {
		if !uses(used, k.cond) {
			continue
		}
		if len(k.used) == len(k.tmpl.Parts) {
			fmt.Fprintf(&s, " %q is built from its template %q with %s.", k.tmpl.Attribute, k.tmpl.Pattern, strings.Join(k.used, ", "))
		} else {
			fmt.Fprintf(&s, " %q begins with its template %q up to %s.", k.tmpl.Attribute, k.tmpl.Pattern, strings.Join(k.used, ", "))
		}
	}
	return s.String()
}

// uses reports whether c is one of the key conditions used.
func uses(used []Condition, c Condition) bool {
	return slices.ContainsFunc(used, func(u Condition) bool { return u.n == c.n })
}

// isTemplatePrefix reports whether v gives the leading parts of a template (a
// begins_with value the schema formats).
func isTemplatePrefix(v any) bool {
	_, ok := v.(schema.Prefix)
	return ok
}

// isTemplateValue reports whether v gives the parts of a template rather than a value.
func isTemplateValue(v any) bool {
	switch v.(type) {
	case schema.Parts, schema.Prefix:
		return true
	}
	return false
}
