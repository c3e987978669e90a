package schema

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/internal/schemaview"
	"github.com/dynamodel/dynamodel/validate"
)

// Template makes the attribute a string key built from other attributes by a pattern, the
// way single-table designs write keys: "ROLE#{id}", "PERMISSION#{permissionId}#{createdAt}".
// Each {name} is a part: the top-level attribute stored under name (or with that Go name),
// written as it is stored — a string after its set transforms (Setter, trim, lowercase,
// uppercase), a number in plain decimal without exponent, a date in its storage form (epoch
// milliseconds or seconds, or ISO text), a boolean as true or false. {name:0N} pads a
// number (or an epoch date) with zeros to N digits before its decimal point, so that the
// keys sort as the numbers do; a padded part refuses negative numbers and numbers wider than
// N digits. The text between parts is copied; two parts need text between them.
//
// The value is computed on every write (put, create, batch and transaction puts) after the
// timestamps are set, so createdAt can be a part. Absent parts refuse the write, naming them;
// an attribute that is not a key of the table may instead have all its parts absent, and is
// then absent too (a sparse index). An update that changes some parts but not all is refused,
// naming the missing ones; one that changes all of them recomputes the attribute, unless it is
// a key of the table, whose parts cannot change (an update cannot move an item). A part
// value holding the text that follows the part in the pattern is refused, since the key could
// not be read back.
//
// Read fills a part the stored item does not hold (an index projected KEYS_ONLY, items
// written by other code) from the key; a part stored on its own wins over the key. Query
// conditions may give the parts instead of the key: see [Parts] and [Prefix]. Dynamoose has
// no templates; its closest relative is [Combine].
func Template(pattern string) Setting {
	return settingFunc(func(d *def) {
		d.setType(attr.S)
		d.template, d.hasTemplate = pattern, true
	})
}

// Parts gives the parts of a [Template] attribute by name, as a value of a condition on it
// (model.Where("pk").Eq(schema.Parts{"id": "r1"})): the key is formatted from them. Every
// part must be given.
type Parts map[string]any

// Prefix gives the leading parts of a [Template] attribute by name, as the value of a
// begins_with condition on it: the text of the pattern up to the first part not given,
// "PERMISSION#p1#" for "PERMISSION#{permissionId}#{createdAt}" and permissionId p1. Parts
// after a part not given are refused.
type Prefix map[string]any

// keyTemplate is a compiled Template.
type keyTemplate struct {
	pattern string
	// lits are the texts around the parts: lits[i] comes before parts[i], and the last one
	// after the last part.
	lits  []string
	parts []templatePart
}

type templatePart struct {
	name string
	pad  int        // digits to pad a number to; 0: no padding
	a    *attribute // resolved in finish
}

// parseTemplate compiles a pattern; the parts' attributes are left to resolve.
func parseTemplate(pattern string) (*keyTemplate, error) {
	t := &keyTemplate{pattern: pattern}
	rest := pattern
	var lit strings.Builder
	for rest != "" {
		open := strings.IndexAny(rest, "{}")
		if open < 0 {
			lit.WriteString(rest)
			break
		}
		if rest[open] == '}' {
			return nil, fmt.Errorf("template %q: a } without {", pattern)
		}
		lit.WriteString(rest[:open])
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return nil, fmt.Errorf("template %q: a { without }", pattern)
		}
		body := rest[open+1 : open+end]
		rest = rest[open+end+1:]
		if len(t.parts) > 0 && lit.Len() == 0 {
			return nil, fmt.Errorf("template %q: parts %q and %q need text between them to be told apart", pattern, t.parts[len(t.parts)-1].name, body)
		}
		p := templatePart{name: body}
		if i := strings.IndexByte(body, ':'); i >= 0 {
			p.name = body[:i]
			spec := body[i+1:]
			n, err := strconv.Atoi(strings.TrimPrefix(spec, "0"))
			if !strings.HasPrefix(spec, "0") || err != nil || n < 1 || n > 40 {
				return nil, fmt.Errorf("template %q: part {%s}: padding is written :0N with N from 1 to 40 digits, as {%s:08}", pattern, body, p.name)
			}
			p.pad = n
		}
		if p.name == "" || strings.ContainsAny(p.name, "{:") {
			return nil, fmt.Errorf("template %q: part {%s} has no attribute name", pattern, body)
		}
		for _, q := range t.parts {
			if q.name == p.name {
				return nil, fmt.Errorf("template %q: part %q appears twice", pattern, p.name)
			}
		}
		t.lits = append(t.lits, lit.String())
		lit.Reset()
		t.parts = append(t.parts, p)
	}
	if len(t.parts) == 0 {
		return nil, fmt.Errorf("template %q has no {part}; use Constant for a fixed value", pattern)
	}
	t.lits = append(t.lits, lit.String())
	return t, nil
}

// resolveTemplates resolves the parts of the templates of the item's attributes and checks
// that they can be written into a key and read back.
func (b *builder) resolveTemplates(s *core) {
	for _, a := range s.root.attrs {
		t := a.tmpl
		if t == nil {
			continue
		}
		s.templated = append(s.templated, a)
		for i := range t.parts {
			p := &t.parts[i]
			src := s.root.byName[p.name]
			switch {
			case src == nil:
				b.problem("attribute %q: template %q names %q, which is not an attribute%s", a.path, t.pattern, p.name, didYouMean(p.name, s.root))
				continue
			case src == a:
				b.problem("attribute %q: template %q names the attribute itself", a.path, t.pattern)
				continue
			case src.tmpl != nil || len(src.combine) > 0:
				b.problem("attribute %q: template %q names %q, which is computed itself", a.path, t.pattern, src.name)
				continue
			case src.anyType || src.dates || src.toDynamo != nil || src.typ != attr.S && src.typ != attr.N && src.typ != attr.BOOL:
				b.problem("attribute %q: template %q names %q of type %s; parts are strings, numbers, dates or booleans", a.path, t.pattern, src.name, src.typeString())
				continue
			case p.pad > 0 && src.typ != attr.N:
				b.problem("attribute %q: template %q pads %q, which is stored as %s; only numbers (and epoch dates) are padded", a.path, t.pattern, src.name, storage(src))
				continue
			}
			p.a = src
			src.templates = append(src.templates, a)
		}
	}
}

// checkTemplate refuses settings that do not fit an attribute computed by a template.
func (b *builder) checkTemplate(a *attribute, d *def) {
	t, err := parseTemplate(d.template)
	if err != nil {
		b.problem("attribute %q: %v", a.path, err)
		return
	}
	switch {
	case a.nested:
		b.problem("attribute %q: a template attribute must be at the top of the item", a.path)
	case a.goType != nil && deref(a.goType).Kind() != reflect.String:
		b.problem("attribute %q: a template attribute needs a string field, not %v", a.path, a.goType)
	case d.hasDefault || d.hasConst || d.hasCombine || d.setter != nil || d.toDynamo != nil || d.fromDynamo != nil ||
		len(d.enum) > 0 || len(d.rules) > 0 || d.required || d.trim || d.lower || d.upper:
		b.problem("attribute %q: a template attribute is computed from its parts; give defaults, rules, Required and transforms to the parts", a.path)
	}
	a.tmpl = t
}

// partText is the text of part p with the value v, as the key holds it.
func (t *keyTemplate) partText(i int, v any) (string, error) {
	p := t.parts[i]
	text, err := storedText(p.a, v)
	if err != nil {
		return "", err
	}
	if p.a.typ == attr.N {
		if text, err = plainNumber(text); err != nil {
			return "", err
		}
		if p.pad > 0 {
			if strings.HasPrefix(text, "-") {
				return "", fmt.Errorf("%s is negative; a padded part {%s:0%d} holds numbers from 0 up, which sort as text", text, p.name, p.pad)
			}
			whole, frac, _ := strings.Cut(text, ".")
			if len(whole) > p.pad {
				return "", fmt.Errorf("%s has more than %d digits, the padding of {%s:0%d}", text, p.pad, p.name, p.pad)
			}
			text = strings.Repeat("0", p.pad-len(whole)) + whole
			if frac != "" {
				text += "." + frac
			}
		}
	}
	if i+1 < len(t.parts) {
		// Read splits the key at the first text after the part.
		next := t.lits[i+1]
		if strings.Index(text+next, next) != len(text) {
			return "", fmt.Errorf("the text %q that follows {%s} in template %q is in the value, so the key could not be split back", next, p.name, t.pattern)
		}
	}
	return text, nil
}

// plainNumber writes the number text of a stored N without exponent: 1.5e3 is 1500.
func plainNumber(text string) (string, error) {
	i := strings.IndexAny(text, "eE")
	if i < 0 {
		return text, nil
	}
	mant, e := text[:i], text[i+1:]
	exp, err := strconv.Atoi(e)
	if err != nil {
		return "", fmt.Errorf("number %q: %w", text, err)
	}
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(strings.TrimPrefix(mant, "-"), "+")
	whole, frac, _ := strings.Cut(mant, ".")
	digits := whole + frac
	point := len(whole) + exp // the decimal point's position in digits
	switch {
	case point <= 0:
		digits = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		digits += strings.Repeat("0", point-len(digits))
	default:
		digits = digits[:point] + "." + digits[point:]
	}
	if w, f, ok := strings.Cut(digits, "."); ok {
		f = strings.TrimRight(f, "0")
		digits = w
		if f != "" {
			digits += "." + f
		}
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" || digits[0] == '.' {
		digits = "0" + digits
	}
	if neg && digits != "0" {
		digits = "-" + digits
	}
	return digits, nil
}

// format writes the key from the values of the first upTo parts (values[i] is part i's),
// up to the text that follows the last of them: the whole key when upTo is every part, else
// a prefix of every key with those parts.
func (t *keyTemplate) format(values []any, upTo int) (string, []templateFailure) {
	var b strings.Builder
	var fails []templateFailure
	for i := range upTo {
		b.WriteString(t.lits[i])
		text, err := t.partText(i, values[i])
		if err != nil {
			fails = append(fails, templateFailure{part: i, err: err})
			continue
		}
		b.WriteString(text)
	}
	b.WriteString(t.lits[upTo])
	return b.String(), fails
}

type templateFailure struct {
	part int
	err  error
}

// missingParts names the parts of t not in have, quoted, for messages.
func (t *keyTemplate) missingParts(have func(p templatePart) bool) []string {
	var missing []string
	for _, p := range t.parts {
		if !have(p) {
			missing = append(missing, strconv.Quote(p.a.name))
		}
	}
	return missing
}

// partValue returns the value of the part attribute a in n: a constant's, a timestamp kept
// aside by setTime, or the node's.
func (w *writer) partValue(a *attribute, n *node) (any, bool) {
	if a.hasConst {
		return a.constant, true
	}
	for _, st := range w.stamps[:w.nstamps] {
		if st.a == a {
			return st.t, true
		}
	}
	return n.get(a)
}

// templateStep computes the template attribute a of the item in n (phaseTemplate, after the
// timestamps).
func (w *writer) templateStep(a *attribute, n *node, path attr.Path) {
	text, ok := w.templateText(a, n, path)
	switch {
	case !ok:
	case text == "" && a.virtual:
	case n.kind == kindStruct && !a.virtual:
		n.writable()
		f := fieldForSet(n.v, a.index)
		if f.Kind() == reflect.String {
			f.SetString(text)
			return
		}
		if err := n.set(a, text); err != nil {
			w.fail(path, a, "template", text, err)
		}
	default:
		var x any
		if text != "" {
			x = text
		}
		if err := n.set(a, x); err != nil {
			w.fail(path, a, "template", text, err)
		}
	}
}

// templateText computes the value of the template attribute a from the parts in n: "" when
// a may be absent (it is not a key of the table) and all its parts are. ok is false when
// it failed; the failures are in w.errs.
func (w *writer) templateText(a *attribute, n *node, path attr.Path) (string, bool) {
	t := a.tmpl
	values := make([]any, len(t.parts))
	given := 0
	for i, p := range t.parts {
		if v, ok := w.partValue(p.a, n); ok {
			values[i] = v
			given++
		}
	}
	if given == 0 && a != w.s.hash && a != w.s.rng {
		return "", true
	}
	if given < len(t.parts) {
		missing := t.missingParts(func(p templatePart) bool { _, ok := w.partValue(p.a, n); return ok })
		w.fail(path, a, "template", nil, fmt.Errorf("%q needs %s to compute the key", t.pattern, strings.Join(missing, ", ")))
		return "", false
	}
	text, fails := t.format(values, len(t.parts))
	for _, f := range fails {
		w.fail(path, t.parts[f.part].a, "template", values[f.part], f.err)
	}
	return text, len(fails) == 0
}

// retemplate adds the SET of index keys built from templates whose parts an update changes
// all of, and refuses updates that change only some of them, or a part of a key of the
// table. set holds the top-level attributes the update sets (nil values: removed).
func (w *writer) retemplate(actions []Action, set map[*attribute]any) []Action {
	s := w.s
	done := make(map[*attribute]bool)
	for src := range set {
		if src.forceDefault {
			continue // set by every update, as in recombine
		}
		for _, a := range src.templates {
			t := a.tmpl
			if a == s.hash || a == s.rng {
				w.errs = append(w.errs, &validate.FieldError{Path: src.name, Rule: "key", Value: set[src],
					Err: fmt.Errorf("%q is a part of the key attribute %q (template %q), and key attributes cannot be updated", src.name, a.name, t.pattern)})
				continue
			}
			if done[a] {
				continue
			}
			done[a] = true
			values := make([]any, len(t.parts))
			removed := 0
			have := func(p templatePart) bool {
				if p.a.hasConst {
					return true
				}
				if p.a == s.updated {
					return true // every update sets it
				}
				_, ok := set[p.a]
				return ok
			}
			missing := t.missingParts(have)
			if len(missing) > 0 {
				w.errs = append(w.errs, &validate.FieldError{Path: a.name, Rule: "template",
					Err: fmt.Errorf("the update changes some parts of %q (template %q) but not %s: set them too", a.name, t.pattern, strings.Join(missing, ", "))})
				continue
			}
			for i, p := range t.parts {
				v, ok := set[p.a]
				switch {
				case p.a.hasConst:
					v = p.a.constant
				case p.a == s.updated && !ok:
					v = stampTime(p.a, w.now) // the time the SET of updatedAt stores
				case v == nil:
					removed++
				}
				values[i] = v
			}
			path := attr.Path{{Name: a.name}}
			if removed == len(t.parts) {
				actions = append(actions, Action{Op: UpdateRemove, Path: path})
				continue
			}
			if removed > 0 {
				w.errs = append(w.errs, &validate.FieldError{Path: a.name, Rule: "template",
					Err: fmt.Errorf("the update removes some parts of %q (template %q) but sets others: remove all or set all", a.name, t.pattern)})
				continue
			}
			text, fails := t.format(values, len(t.parts))
			for _, f := range fails {
				w.errs = append(w.errs, &validate.FieldError{Path: t.parts[f.part].a.name, Rule: "template", Value: values[f.part], Err: f.err})
			}
			if len(fails) == 0 {
				actions = append(actions, Action{Op: UpdateSet, Path: path, Value: &types.AttributeValueMemberS{Value: text}})
			}
		}
	}
	return actions
}

// fillParts returns item with the parts of its template attributes that it does not hold,
// read from the keys (a copy when any is added). A part stored on its own wins.
func (s *core) fillParts(item map[string]types.AttributeValue) (map[string]types.AttributeValue, error) {
	out, copied := item, false
	for _, a := range s.templated {
		t := a.tmpl
		sv, ok := item[a.name].(*types.AttributeValueMemberS)
		if !ok {
			continue
		}
		absent := false
		for _, p := range t.parts {
			if _, has := item[p.a.name]; !has {
				absent = true
			}
		}
		if !absent {
			continue
		}
		texts, err := t.parse(sv.Value)
		if err != nil {
			return nil, fmt.Errorf("schema: %s: %w", a.name, err)
		}
		for i, p := range t.parts {
			if _, has := item[p.a.name]; has {
				continue
			}
			av, err := p.stored(texts[i])
			if err != nil {
				return nil, fmt.Errorf("schema: %s: part %q of %q: %w", a.name, p.a.name, sv.Value, err)
			}
			if !copied {
				out, copied = maps.Clone(item), true
			}
			out[p.a.name] = av
		}
	}
	return out, nil
}

// ErrTemplateMismatch: a stored key does not fit its attribute's template.
var ErrTemplateMismatch = errors.New("schema: key does not fit its template")

// parse splits a key into the texts of the parts.
func (t *keyTemplate) parse(key string) ([]string, error) {
	fail := func() ([]string, error) {
		return nil, fmt.Errorf("%w: %q does not fit %q", ErrTemplateMismatch, key, t.pattern)
	}
	rest, ok := strings.CutPrefix(key, t.lits[0])
	if !ok {
		return fail()
	}
	texts := make([]string, len(t.parts))
	for i := range t.parts {
		next := t.lits[i+1]
		if i == len(t.parts)-1 {
			v, ok := strings.CutSuffix(rest, next)
			if !ok {
				return fail()
			}
			texts[i] = v
			break
		}
		j := strings.Index(rest, next)
		if j < 0 {
			return fail()
		}
		texts[i], rest = rest[:j], rest[j+len(next):]
	}
	return texts, nil
}

// stored returns the text of the part as its attribute stores it.
func (p templatePart) stored(text string) (types.AttributeValue, error) {
	switch p.a.typ {
	case attr.S:
		return &types.AttributeValueMemberS{Value: text}, nil
	case attr.BOOL:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return nil, err
		}
		return &types.AttributeValueMemberBOOL{Value: b}, nil
	case attr.N:
		// A padded part's leading zeros go; a negative one is never padded.
		digits, neg := strings.CutPrefix(text, "-")
		n := strings.TrimLeft(digits, "0")
		if n == "" || n[0] == '.' {
			n = "0" + n
		}
		if neg {
			n = "-" + n
		}
		if digits == "" || strings.ContainsAny(digits, "+-eE") || !attr.Number(n).Valid() {
			return nil, fmt.Errorf("%q is not a number", text)
		}
		return &types.AttributeValueMemberN{Value: n}, nil
	}
	return nil, fmt.Errorf("parts of type %v cannot be read back", p.a.typ)
}

// templateValue formats the key of the template attribute a from parts given by name (all
// of them), or, for a prefix, from the leading ones, for a condition.
func (w *writer) templateValue(a *attribute, given map[string]any, prefix bool) types.AttributeValue {
	t := a.tmpl
	values := make([]any, len(t.parts))
	upTo := 0
	used := make(map[string]bool, len(given))
	var missing []string
	for i, p := range t.parts {
		var v any
		ok := false
		for _, name := range []string{p.a.name, p.a.alias, p.a.goName} {
			if x, has := given[name]; has && name != "" && !ok {
				v, ok = x, true
				used[name] = true
			}
		}
		if !ok || v == nil {
			missing = append(missing, strconv.Quote(p.a.name))
			continue
		}
		if prefix && len(missing) > 0 {
			w.errs = append(w.errs, &validate.FieldError{Path: p.a.name, Rule: "template", Value: v,
				Err: fmt.Errorf("%q: a prefix is made of leading parts, and %s comes before %q", t.pattern, strings.Join(missing, ", "), p.a.name)})
			return nil
		}
		cv, err := p.a.coerce(v)
		if err == nil {
			err = p.a.accepts(cv)
		}
		if err == nil && p.a.transforms() {
			cv, err = w.transform(p.a, cv, nil) // the part as a write stores it
		}
		if err != nil {
			w.errs = append(w.errs, &validate.FieldError{Path: p.a.name, Rule: "type", Value: v, Err: err})
			return nil
		}
		values[i] = cv
		upTo = i + 1
	}
	for k, v := range given {
		if !used[k] {
			w.errs = append(w.errs, &validate.FieldError{Path: k, Rule: "template", Value: v,
				Err: fmt.Errorf("%q of %q has no part %q", t.pattern, a.name, k)})
		}
	}
	if !prefix && len(missing) > 0 {
		w.errs = append(w.errs, &validate.FieldError{Path: a.name, Rule: "template",
			Err: fmt.Errorf("%q needs %s to compute the key", t.pattern, strings.Join(missing, ", "))})
	}
	if len(w.errs) > 0 {
		return nil
	}
	text, fails := t.format(values, upTo)
	for _, f := range fails {
		w.errs = append(w.errs, &validate.FieldError{Path: t.parts[f.part].a.name, Rule: "template", Value: values[f.part], Err: f.err})
	}
	if len(fails) > 0 {
		return nil
	}
	return &types.AttributeValueMemberS{Value: text}
}

// Templates returns the template attributes of the item, in schema order.
func (s *core) Templates() []schemaview.KeyTemplate {
	out := make([]schemaview.KeyTemplate, 0, len(s.templated))
	for _, a := range s.templated {
		kt := schemaview.KeyTemplate{Attribute: a.name, Pattern: a.tmpl.pattern}
		for _, p := range a.tmpl.parts {
			kt.Parts = append(kt.Parts, p.a.name)
		}
		out = append(out, kt)
	}
	return out
}

// templateCondition encodes parts given for the attribute a at path, in a condition.
func (w *writer) templateCondition(a *attribute, path string, parts map[string]any, prefix bool) types.AttributeValue {
	if a == nil || a.tmpl == nil {
		w.errs = append(w.errs, &validate.FieldError{Path: path, Rule: "template", Err: fmt.Errorf("%s is not computed by a Template; parts cannot give its value", path)})
		return nil
	}
	return w.templateValue(a, parts, prefix)
}
