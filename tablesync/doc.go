// Package tablesync compares the tables that schemas want with the live tables, produces a
// Plan of the changes, applies it safely, and exports table definitions for infrastructure as
// code.
package tablesync
