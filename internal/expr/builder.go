package expr

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// MaxLength is the longest expression DynamoDB accepts, in bytes.
const MaxLength = 4096

// Builder collects the name and value placeholders of one request across its expressions.
// The zero value is ready to use. A Builder is not safe for concurrent use.
type Builder struct {
	names  map[string]string // attribute name → placeholder
	order  []string          // attribute names in placeholder order
	values []types.AttributeValue
}

// Names returns the ExpressionAttributeNames of the expressions built so far, or nil when
// there are none (DynamoDB rejects an empty map).
func (b *Builder) Names() map[string]string {
	if len(b.order) == 0 {
		return nil
	}
	m := make(map[string]string, len(b.order))
	for i, n := range b.order {
		m[namePlaceholder(i)] = n
	}
	return m
}

// Values returns the ExpressionAttributeValues of the expressions built so far, or nil when
// there are none.
func (b *Builder) Values() map[string]types.AttributeValue {
	if len(b.values) == 0 {
		return nil
	}
	m := make(map[string]types.AttributeValue, len(b.values))
	for i, v := range b.values {
		m[valuePlaceholder(i)] = v
	}
	return m
}

func namePlaceholder(i int) string  { return "#n" + strconv.Itoa(i) }
func valuePlaceholder(i int) string { return ":v" + strconv.Itoa(i) }

// writer renders one expression. It adds placeholders to its Builder as it goes and takes
// them back when the expression fails, so a failed expression leaves no unused placeholder.
type writer struct {
	b          *Builder
	sb         strings.Builder
	names      int // len(b.order) when the expression began
	values     int
	err        error
	expression string // "condition", "update", ... for error messages
}

func (b *Builder) start(expression string) *writer {
	return &writer{b: b, names: len(b.order), values: len(b.values), expression: expression}
}

// finish returns the expression, or the first error after taking back the placeholders the
// expression added.
func (w *writer) finish() (string, error) {
	switch {
	case w.err != nil:
	case w.sb.Len() == 0:
		w.err = errors.New("empty expression")
	case w.sb.Len() > MaxLength:
		w.err = fmt.Errorf("%d bytes long; DynamoDB takes at most %d", w.sb.Len(), MaxLength)
	}
	if w.err != nil {
		for _, n := range w.b.order[w.names:] {
			delete(w.b.names, n)
		}
		w.b.order = w.b.order[:w.names]
		clear(w.b.values[w.values:])
		w.b.values = w.b.values[:w.values]
		return "", fmt.Errorf("expr: %s: %w", w.expression, w.err)
	}
	return w.sb.String(), nil
}

func (w *writer) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf(format, args...)
	}
}

func (w *writer) str(s string) { w.sb.WriteString(s) }

func (w *writer) name(n string) {
	p, ok := w.b.names[n]
	if !ok {
		if w.b.names == nil {
			w.b.names = make(map[string]string)
		}
		p = namePlaceholder(len(w.b.order))
		w.b.names[n] = p
		w.b.order = append(w.b.order, n)
	}
	w.sb.WriteString(p)
}

// value writes a value placeholder; what may be a value is checked by the caller.
func (w *writer) value(v types.AttributeValue) {
	if err := checkValue(v); err != nil {
		w.fail("%w", err)
		return
	}
	w.sb.WriteString(valuePlaceholder(len(w.b.values)))
	w.b.values = append(w.b.values, v)
}

// path writes a document path, one name placeholder per element.
func (w *writer) path(p attr.Path) {
	if err := checkPath(p); err != nil {
		w.fail("%w", err)
		return
	}
	for i, e := range p {
		if e.IsIndex {
			w.sb.WriteByte('[')
			w.sb.WriteString(strconv.Itoa(e.Index))
			w.sb.WriteByte(']')
			continue
		}
		if i > 0 {
			w.sb.WriteByte('.')
		}
		w.name(e.Name)
	}
}

// checkPath reports a path DynamoDB cannot address: empty, starting with an index, with an
// empty name, a name that is not valid UTF-8, or a negative index.
func checkPath(p attr.Path) error {
	if len(p) == 0 {
		return errors.New("empty attribute path")
	}
	if p[0].IsIndex {
		return fmt.Errorf("path %q starts with a list index", p.String())
	}
	for _, e := range p {
		switch {
		case e.IsIndex && e.Index < 0:
			return fmt.Errorf("path %q has a negative index", p.String())
		case !e.IsIndex && e.Name == "":
			return fmt.Errorf("path %q has an empty name", p.String())
		case !e.IsIndex && !utf8.ValidString(e.Name):
			return fmt.Errorf("path %q: name %q: %w", p.String(), e.Name, attr.ErrUTF8)
		}
	}
	return nil
}

// checkValue reports a value DynamoDB cannot take: nil, of an unknown member type, an empty
// set, or text that is not valid UTF-8.
func checkValue(v types.AttributeValue) error {
	switch v := v.(type) {
	case nil:
		return errors.New("nil value")
	case *types.AttributeValueMemberSS:
		if len(v.Value) == 0 {
			return errors.New("empty string set")
		}
	case *types.AttributeValueMemberNS:
		if len(v.Value) == 0 {
			return errors.New("empty number set")
		}
	case *types.AttributeValueMemberBS:
		if len(v.Value) == 0 {
			return errors.New("empty binary set")
		}
	}
	if attr.TypeOf(v) == attr.Invalid {
		return fmt.Errorf("value of unknown type %T", v)
	}
	// The model's values come from attr's encoder, which refuses invalid UTF-8 already;
	// values given as attribute values are checked here.
	return attr.CheckUTF8(v)
}

// overlap reports whether one path is the other or lies inside it.
func overlap(a, b attr.Path) bool {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
