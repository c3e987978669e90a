// Package model owns Model[T]: a schema bound to a table and a client, with typed operations
// (get, put, create, update, delete, query, scan, batches and transactions).
package model
