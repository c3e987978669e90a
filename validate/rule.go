package validate

import (
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-playground/locales/en"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	entranslations "github.com/go-playground/validator/v10/translations/en"

	"github.com/dynamodel/dynamodel/attr"
)

// Rule is one check of an attribute's Go value. Rules are values built by [Func], [Regexp],
// [Value], [Enum] and [Tag]; the zero Rule accepts everything. A Rule is safe for concurrent
// use.
type Rule struct {
	name  string
	typ   reflect.Type // the Go type the rule accepts; nil for any
	check func(v any) *FieldError
	// checkValue, when set, checks the value a reflect.Value holds without boxing it;
	// done is false when it cannot (the value is not of the type it reads), and check
	// takes the value then.
	checkValue func(v reflect.Value) (fe *FieldError, done bool)
	err        error // why the rule itself is unusable
}

// Name returns the rule's name as it appears in a [FieldError]'s Rule.
func (r Rule) Name() string { return r.name }

// Accepts returns the Go type of the values the rule checks, or nil when it checks values of
// any type. A schema uses it to refuse, at construction, a rule that cannot apply to its
// attribute.
func (r Rule) Accepts() reflect.Type { return r.typ }

// Err reports why the rule cannot be used (an unknown validator tag, a nil function), or nil.
func (r Rule) Err() error { return r.err }

// Check applies the rule to v. It returns nil when v passes, and otherwise a [*FieldError]
// whose Path is empty, for the caller to fill in.
func (r Rule) Check(v any) *FieldError {
	if r.err != nil {
		return &FieldError{Rule: r.name, Value: v, Err: r.err}
	}
	if r.check == nil {
		return nil
	}
	return r.check(v)
}

// CheckValue is [Rule.Check] of the value v holds. Rules built by [Func] (when v holds a V
// and is addressable) and [Regexp] (when v holds a string) read it in place, without boxing
// it into an interface, which is what a schema checking struct fields calls it for.
func (r Rule) CheckValue(v reflect.Value) *FieldError {
	if r.err == nil && r.checkValue != nil {
		if fe, done := r.checkValue(v); done {
			return fe
		}
	}
	if !v.IsValid() {
		return r.Check(nil)
	}
	return r.Check(v.Interface())
}

// Func returns a rule that calls f with the value; a non-nil error refuses it and becomes the
// [FieldError]'s Err. name is the rule's name in errors ("func" when empty). A value that is
// not a V fails with a type error.
func Func[V any](name string, f func(V) error) Rule {
	if name == "" {
		name = "func"
	}
	r := Rule{name: name, typ: reflect.TypeFor[V]()}
	if r.typ.Kind() == reflect.Interface {
		r.typ = nil
	}
	if f == nil {
		r.err = fmt.Errorf("%w: nil function", ErrRule)
	}
	r.check = func(v any) *FieldError {
		x, ok := v.(V)
		if !ok && v != nil {
			return &FieldError{Rule: name, Value: v, Err: fmt.Errorf("got %T, want %v", v, reflect.TypeFor[V]())}
		}
		if err := f(x); err != nil {
			return &FieldError{Rule: name, Value: v, Err: err}
		}
		return nil
	}
	if r.typ != nil {
		typ := r.typ
		r.checkValue = func(v reflect.Value) (*FieldError, bool) {
			if !v.IsValid() || v.Type() != typ || !v.CanAddr() || !v.CanInterface() {
				return nil, false
			}
			x := (*V)(v.Addr().UnsafePointer())
			if err := f(*x); err != nil {
				return &FieldError{Rule: name, Value: *x, Err: err}, true
			}
			return nil, true
		}
	}
	return r
}

// Regexp returns a rule that a string (or a string-kinded value) must match re, as
// Dynamoose's RegExp validator: the value passes when re.MatchString reports a match.
func Regexp(re *regexp.Regexp) Rule {
	r := Rule{name: "regexp", typ: reflect.TypeFor[string]()}
	if re == nil {
		r.err = fmt.Errorf("%w: nil regexp", ErrRule)
		return r
	}
	match := re.MatchString
	r.check = func(v any) *FieldError {
		s, ok := stringOf(v)
		if !ok {
			return &FieldError{Rule: "regexp", Value: v, Err: fmt.Errorf("got %T, want a string", v)}
		}
		if !match(s) {
			return &FieldError{Rule: "regexp", Value: v, Err: fmt.Errorf("does not match %s", re)}
		}
		return nil
	}
	r.checkValue = func(v reflect.Value) (*FieldError, bool) {
		if !v.IsValid() || v.Kind() != reflect.String || isNumberType(v.Type()) {
			return nil, false
		}
		if !match(v.String()) {
			return &FieldError{Rule: "regexp", Value: v.Interface(), Err: fmt.Errorf("does not match %s", re)}, true
		}
		return nil, true
	}
	return r
}

// Value returns a rule that the value must equal want (see [Equal]), as Dynamoose's validate
// with a plain value.
func Value(want any) Rule {
	return Rule{name: "value", check: func(v any) *FieldError {
		if !Equal(v, want) {
			return &FieldError{Rule: "value", Value: v, Err: fmt.Errorf("want %s", describe(want))}
		}
		return nil
	}}
}

// Enum returns a rule that the value must equal one of values (see [Equal]). A set (a slice)
// passes when each of its elements is one of values.
func Enum(values ...any) Rule {
	vals := append([]any(nil), values...)
	return Rule{name: "enum", check: func(v any) *FieldError {
		if inEnum(v, vals) {
			return nil
		}
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8 {
			for i := range rv.Len() {
				if !inEnum(rv.Index(i).Interface(), vals) {
					return &FieldError{Rule: "enum", Value: v, Err: fmt.Errorf("%s is not one of %s", describe(rv.Index(i).Interface()), describeAll(vals))}
				}
			}
			return nil
		}
		return &FieldError{Rule: "enum", Value: v, Err: fmt.Errorf("want one of %s", describeAll(vals))}
	}}
}

func inEnum(v any, vals []any) bool {
	for _, w := range vals {
		if Equal(v, w) {
			return true
		}
	}
	return false
}

func describeAll(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = describe(v)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// tagEngine is the process's one validator, built on first use, with go-playground's own
// English messages for its tags.
type tagEngine struct {
	v     *validator.Validate
	trans ut.Translator
}

var tagValidator = sync.OnceValue(func() tagEngine {
	v := validator.New(validator.WithRequiredStructEnabled())
	english := en.New()
	trans, _ := ut.New(english, english).GetTranslator("en")
	if err := entranslations.RegisterDefaultTranslations(v, trans); err != nil {
		trans = nil // messages fall back to the tag's name
	}
	return tagEngine{v: v, trans: trans}
})

// message is the validator's English sentence for a failed tag, without the field name it
// would start with (a value checked on its own has none): "must be a valid email address".
// It is nil when the tag has no translation.
func message(fe validator.FieldError) error {
	trans := tagValidator().trans
	if trans == nil {
		return nil
	}
	msg := strings.TrimSpace(fe.Translate(trans))
	if msg == "" || msg == fe.Tag() || strings.HasPrefix(msg, "Key: ") {
		return nil // no translation: the validator's own text names only the tag
	}
	return sentence(msg)
}

// sentence is go-playground's English message for a failed tag, whose subject, the field, is
// left out: [FieldError.Error] puts the attribute's path there, and leaves out the tag, which
// the sentence says in words ("email must be a valid email address", not "email: email: must
// be ...").
type sentence string

func (s sentence) Error() string { return string(s) }

// Tag returns a rule checking the value with a go-playground/validator tag, as written in a
// `validate:"..."` struct tag: "required,email", "min=3,max=40", "oneof=red green". A failure
// is named by the failing tag and its parameter ("min=3"). A tag the validator does not know
// makes the rule unusable: see [Rule.Err].
func Tag(tag string) Rule {
	r := Rule{name: tag}
	if err := tryVar("", tag); err != nil && strings.Contains(err.Error(), "Undefined validation function") {
		r.err = err
		return r
	}
	r.check = func(v any) *FieldError {
		err := tryVar(v, tag)
		if err == nil {
			return nil
		}
		var verrs validator.ValidationErrors
		if errors.As(err, &verrs) && len(verrs) > 0 {
			fe := verrs[0]
			name := fe.Tag()
			if fe.Param() != "" {
				name += "=" + fe.Param()
			}
			return &FieldError{Rule: name, Value: v, Err: message(fe)}
		}
		return &FieldError{Rule: tag, Value: v, Err: err}
	}
	return r
}

// ErrRule is wrapped by the error of a rule that cannot be applied at all: an unknown
// validator tag, a tag that does not fit the value's kind, a nil function or regexp. A schema
// checks its rules against each attribute's zero value at construction and reports these.
var ErrRule = errors.New("validate: unusable rule")

type panicError struct{ msg string }

func (e *panicError) Error() string { return "validate: " + e.msg }

func (e *panicError) Unwrap() error { return ErrRule }

// tryVar runs the validator, turning its panics (unknown tags, tags that do not fit the
// value's kind) into errors.
func tryVar(v any, tag string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{msg: fmt.Sprintf("tag %q: %v", tag, p)}
		}
	}()
	return tagValidator().v.Var(v, tag)
}

// Equal reports whether a and b are the same value for validation: numbers of any Go kind
// (and attr.Number text) compare by value, times with time.Time.Equal, other values with ==
// when comparable and reflect.DeepEqual otherwise.
func Equal(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb)
	}
	if a == nil || b == nil {
		return a == b
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	if ta == tb && ta.Comparable() && !isNumberType(ta) {
		// attr.Number is text: "1.0" and "1" are one number, compared by value below.
		return a == b
	}
	if ra, ok := ratOf(a); ok {
		rb, ok := ratOf(b)
		return ok && ra.Cmp(rb) == 0
	}
	if ta != tb {
		// Named string types (enum constants) against plain strings.
		sa, okA := stringOf(a)
		sb, okB := stringOf(b)
		return okA && okB && sa == sb
	}
	return reflect.DeepEqual(a, b)
}

func stringOf(v any) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.String && !isNumberType(rv.Type()) {
		return rv.String(), true
	}
	return "", false
}

var numberType = reflect.TypeFor[attr.Number]()

// isNumberType reports whether t is attr.Number, a string type holding a number. Other string
// types, whatever their name, hold text.
func isNumberType(t reflect.Type) bool {
	return t == numberType
}

func ratOf(v any) (*big.Rat, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return new(big.Rat).SetInt64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return new(big.Rat).SetUint64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		r, ok := new(big.Rat).SetString(strconv.FormatFloat(rv.Float(), 'g', -1, rv.Type().Bits()))
		return r, ok
	case reflect.String:
		if isNumberType(rv.Type()) {
			return new(big.Rat).SetString(rv.String())
		}
	}
	return nil, false
}
