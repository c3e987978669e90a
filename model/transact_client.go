package model

import (
	"errors"
	"fmt"
	"reflect"
)

// ErrDifferentClients is matched with errors.Is (on an *InputError) when the actions of one
// transaction — of [TransactWrite], of [TransactGet], or the calls of a unit of work
// ([RunInTransaction]) — come from models bound to different clients (see [DB]): a
// transaction is one request, sent through one client, so the actions of the other client
// would go to the wrong account, region or endpoint. Nothing is sent. [NewTable] refuses
// models of different clients for the same reason, with a *ConfigError matching it: a
// table's query or scan is one request too.
var ErrDifferentClients = errors.New("model: one request on models of different clients")

// sameClient reports whether a and b are one client, as a transaction needs its models to
// be. Clients of different dynamic types are different. Clients of one type are compared
// with ==: a pointer (a *dynamodb.Client, a wrapper given as a pointer) by its address, a
// struct value by its fields (two wrappers of one client, made alike, are one client). A
// value == cannot compare, which would panic (a struct value holding a func, map or slice),
// is taken as one client with any other value of its type: there is nothing to tell them
// apart by.
func sameClient(a, b DB) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	t := reflect.TypeOf(a)
	if t != reflect.TypeOf(b) {
		return false
	}
	if t.Kind() == reflect.Pointer || reflect.ValueOf(a).Comparable() && reflect.ValueOf(b).Comparable() {
		return a == b
	}
	return true
}

// otherClient returns the position of the first of n clients (client(i) is the i-th) that
// is not first, or -1 when all of them are first.
func otherClient(first DB, n int, client func(i int) DB) int {
	for i := range n {
		if !sameClient(first, client(i)) {
			return i
		}
	}
	return -1
}

// differentClients is the refusal of a transaction holding a, then b, two actions on models
// of different clients: an *InputError of op, wrapping ErrDifferentClients, whose message
// starts with what.
func differentClients(op, what, a, b string) error {
	return &InputError{Op: op, Err: &because{ErrDifferentClients, fmt.Sprintf(
		"%s%s and %s are on models of different clients; a transaction is one request, sent through one client (one account, region and endpoint): make the models of a transaction with one DB",
		what, a, b)}}
}

// actionName names the i-th action of a transaction in an error: action 1 (put dev_orders).
func actionName(i int, op, table string) string {
	return fmt.Sprintf("action %d (%s %s)", i, op, table)
}
