// Package validate owns validation rules (required, enum, regexp, value, function and
// go-playground/validator tags) and the validation error type, which names every failing
// attribute by its path, such as addresses[0].city.
//
// # Rules
//
// A [Rule] checks one Go value: [Func] runs a function, [Regexp] matches a string, [Value]
// wants one exact value, [Enum] one of several, and [Tag] applies a go-playground/validator
// tag such as "required,email" or "min=3" (one validator serves the whole process). Rules see
// Go values, never stored ones: a date attribute's rule receives a time.Time. [Equal] is the
// comparison [Value] and [Enum] use: numbers compare by value whatever their Go kind.
//
// The package schema attaches rules to attributes, runs them in the write pipeline and fills
// in each failure's path; "required" and "type" failures come from schema itself.
//
// # Errors
//
// A refused item is reported once, with every failing attribute: an [*Error] holding one
// [*FieldError] per failure, each with the attribute's document path, the rule's name and the
// value. errors.Is(err, [ErrInvalid]) tells a refusal from other failures; errors.As reaches
// the first [*FieldError], and [Error.Field] finds one by path. A rule that cannot work at all
// (an unknown validator tag) wraps [ErrRule]; schema reports it at construction.
package validate
