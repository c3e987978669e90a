// Package nullmark marks the types that hold NULL as attr.Nullable does, so that schema can
// tell a field of such a type by its methods rather than by its name: attr.Nullable[T] has
// the method of [Marked] for every T, and so has a struct that embeds one (its MarshalDynamo
// is promoted too, so it stores NULL). No type outside this module can have the method, since
// its parameter is of a type only this module can name.
package nullmark

// Mark is the parameter type of the marking method.
type Mark struct{}

// Marked is implemented by attr.Nullable[T] and by the types that embed it.
type Marked interface {
	DynamodelNullable(Mark)
}
