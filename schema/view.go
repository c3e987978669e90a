package schema

import "github.com/dynamodel/dynamodel/internal/schemaview"

// The machinery other packages of this module read of a schema (the paths and values of
// conditions, templates, the TTL filter, the clock) is not part of Schema's API: it is the
// core's, reached through package internal/schemaview, which users cannot import.
func init() {
	schemaview.Register(func(s any) (schemaview.View, bool) {
		u, ok := s.(interface{ untyped() *core })
		if !ok {
			return nil, false
		}
		return u.untyped(), true
	})
}

var _ schemaview.View = (*core)(nil)

// untyped returns the compiled schema without its item type.
func (s *Schema[T]) untyped() *core { return s.core }
