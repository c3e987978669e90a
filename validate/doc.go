// Package validate owns validation rules (required, enum, regexp, value, function and
// go-playground/validator tags) and the validation error type, which names every failing
// attribute by its path, such as addresses[0].city.
package validate
