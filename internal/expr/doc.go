// Package expr builds DynamoDB expressions — conditions, key conditions, filters, projections
// and updates — from attribute paths and values that are already encoded.
//
// # Placeholders
//
// Nothing a caller passes is ever written into an expression string. Every element of an
// attribute path becomes a name placeholder (#n0, #n1, ...), each list index is written as
// a number, and every value becomes a value placeholder (:v0, :v1, ...). So address.city is
// written #n0.#n1 and items[2].qty is written #n2[2].#n3. One [Builder] serves a whole
// request: a name used in the key condition, the filter and the projection gets one
// placeholder, and [Builder.Names] and [Builder.Values] hold exactly the placeholders the
// built expressions use (DynamoDB rejects unused ones).
//
// # Conditions
//
// A [Cond] is an immutable tree: comparisons of operands ([Path], [Value], [Size]), BETWEEN,
// IN, the functions begins_with, contains, attribute_exists, attribute_not_exists and
// attribute_type, and NOT, AND and OR. [And] and [Or] parenthesize the groups they contain.
// The same Cond serves as a ConditionExpression or a FilterExpression;
// [Builder.KeyCondition] accepts only what a KeyConditionExpression may hold.
//
// # Updates
//
// An [Update] is an immutable list of actions: SET (a value, if_not_exists, list_append,
// operand + operand, operand - operand), REMOVE, ADD and DELETE. An empty update, a path
// updated twice and two overlapping paths (address and address.city) are errors, as
// DynamoDB would reject them.
//
// See [Expressions] in the DynamoDB developer guide.
//
// [Expressions]: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html
package expr
