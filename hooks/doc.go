// Package hooks owns the lifecycle hook types of models: before and after put, update, delete
// and get, and after load.
package hooks
