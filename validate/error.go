package validate

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is matched by every [*Error] with errors.Is: the item (or update) was refused
// before anything was sent.
var ErrInvalid = errors.New("validate: invalid item")

// FieldError is one failing attribute: its document path, the rule it broke and the value it
// had (nil when the attribute was absent).
type FieldError struct {
	// Path is the attribute's document path in the stored item: email, address.city,
	// addresses[0].city. Empty for a rule on the whole item.
	Path string
	// Rule names the broken rule: "required", "enum", "type", "regexp", "value", a validator
	// tag with its parameter such as "min=3", or the name given to a [Func].
	Rule string
	// Value is the failing value, as the Go value the rule saw.
	Value any
	// Err is the reason a rule gave, such as the error a [Func] returned; nil when the rule's
	// name says it all.
	Err error
}

// Error reads "path: rule: reason (value v)", or "path sentence (value v)" for a validator
// tag with go-playground's English message, which names the rule itself: `email must be a
// valid email address (value "ada at example.com")`.
func (e *FieldError) Error() string {
	var b strings.Builder
	if s, ok := e.Err.(sentence); ok {
		if e.Path != "" {
			b.WriteString(e.Path)
			b.WriteByte(' ')
		}
		b.WriteString(string(s))
	} else {
		if e.Path != "" {
			b.WriteString(e.Path)
			b.WriteString(": ")
		}
		b.WriteString(e.Rule)
		if e.Err != nil {
			b.WriteString(": ")
			b.WriteString(e.Err.Error())
		}
	}
	if e.Value != nil {
		fmt.Fprintf(&b, " (value %s)", describe(e.Value))
	}
	return b.String()
}

// Unwrap returns the rule's reason.
func (e *FieldError) Unwrap() error { return e.Err }

// MarshalJSON writes the failure for a client, such as an HTTP handler's response:
//
//	{"path":"email","rule":"email","message":"email: ...","value":"not-an-email"}
//
// message is [FieldError.Error]; value is left out when the attribute was absent, and written
// as its description when it has no JSON form.
func (e *FieldError) MarshalJSON() ([]byte, error) {
	out := struct {
		Path    string          `json:"path"`
		Rule    string          `json:"rule"`
		Message string          `json:"message"`
		Value   json.RawMessage `json:"value,omitempty"`
	}{Path: e.Path, Rule: e.Rule, Message: e.Error()}
	if e.Value != nil {
		v, err := json.Marshal(e.Value)
		if err != nil {
			v, _ = json.Marshal(describe(e.Value))
		}
		out.Value = v
	}
	return json.Marshal(out)
}

// describe writes a value briefly: strings quoted and cut at 64 bytes.
func describe(v any) string {
	if s, ok := v.(string); ok {
		if len(s) > 64 {
			s = s[:64] + "..."
		}
		return fmt.Sprintf("%q", s)
	}
	s := fmt.Sprintf("%v", v)
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return s
}

// Error is the refusal of an item or an update: every failing attribute, in schema order.
// It matches [ErrInvalid] with errors.Is, and errors.As reaches each [*FieldError].
type Error struct {
	Fields []*FieldError `json:"fields"`
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("validate: ")
	switch len(e.Fields) {
	case 0:
		b.WriteString("invalid item")
	case 1:
		b.WriteString(e.Fields[0].Error())
	default:
		fmt.Fprintf(&b, "%d invalid attributes: ", len(e.Fields))
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(f.Error())
		}
	}
	return b.String()
}

// Is reports whether target is [ErrInvalid].
func (e *Error) Is(target error) bool { return target == ErrInvalid }

// Unwrap returns the field errors.
func (e *Error) Unwrap() []error {
	errs := make([]error, len(e.Fields))
	for i, f := range e.Fields {
		errs[i] = f
	}
	return errs
}

// Field returns the first failure at path, or nil.
func (e *Error) Field(path string) *FieldError {
	for _, f := range e.Fields {
		if f.Path == path {
			return f
		}
	}
	return nil
}
