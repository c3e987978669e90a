// Package hooks owns the lifecycle hook types of models: before and after put, update, delete
// and get, and after load.
//
// # Two ways to hook
//
// A model's Go type implements one-method interfaces ([BeforePut], [AfterGet], ...) with
// pointer receivers; check them at compile time:
//
//	func (u *User) BeforePut(ctx context.Context) error { ... }
//
//	var _ hooks.BeforePut = (*User)(nil)
//
// Or functions are registered on the model (Model.WithHooks in package model), held in a [Set]
// of type [Func]. For one event the item's own method runs first, then the registered
// functions in the order they were added.
//
// # Errors
//
// [Set.Run] stops at the first failing hook and returns an [*Error] naming the [Event]; it
// wraps the hook's own error and [ErrHook]. An error from a before-hook ([Event.Before])
// stops the operation: the model sends nothing. An error from an after-hook is returned after
// the operation took place.
//
// # Who runs hooks
//
// This package only defines and runs hooks; the model package decides when each event
// happens. [OnAfterLoad] runs for every item decoded from the table (get, query, scan, batch
// and transaction reads), [OnAfterGet] only for get.
package hooks
