// Command dynamodel manages DynamoDB tables from a file of definitions and reads and writes
// items as JSON, for people at a terminal and for scripts.
//
// Usage:
//
//	dynamodel <command> [flags]
//
// Tables:
//
//	dynamodel plan   -f tables.json [-json]               show what apply would change, and why
//	dynamodel apply  -f tables.json [-allow-destructive]  create and update the tables
//	dynamodel verify -f tables.json                       exit 1 when a table drifted
//	dynamodel export -table NAME [-format cloudformation] write a live table's definition
//
// Items:
//
//	dynamodel get    -table T -key '{"id":"a"}' [-consistent]
//	dynamodel put    -table T -item '{"id":"a","n":1}' | -item @item.json | -item -
//	dynamodel delete -table T -key '{"id":"a"}' [-return-old]
//	dynamodel query  -table T -where '{"pk":"x"}' [-begins-with sk=prefix] [-index I] [-limit N] [-cursor C]
//	dynamodel scan   -table T [-limit N] [-cursor C]
//
// A definitions file is the JSON that export writes (and that tablesync.ExportJSON writes):
// an array of {"CreateTable": {...}, "UpdateTimeToLive": {...}} objects in the shape of the
// AWS API requests. Table names in it and in -table leave out the prefix and suffix that the
// -prefix and -suffix flags add, so one file serves every environment.
//
// Every command that talks to DynamoDB takes -endpoint (default $DYNAMODB_ENDPOINT), -region,
// -profile, -prefix and -suffix. 'dynamodel help' lists the commands and the mapping between
// JSON and DynamoDB types; 'dynamodel <command> -h' describes a command and its flags.
//
// Items are plain JSON: strings are S, numbers N (their text kept exactly), true and false
// BOOL, null NULL, arrays L and objects M. query and scan print one item per line and, when
// -limit stops them early, "next cursor: C" on standard error.
//
// Exit codes: 0 done; 1 error (failed request, wrong input file, drift, no item for get);
// 2 wrong command line.
//
// The command is package dynamodelcli's Main without models. A program whose tables are
// described by Go models builds its own command from them instead (a cmd/ops/main.go that
// calls dynamodelcli.Main with its models): tables straight from the schemas, items through
// the models' pipelines. A definitions file names its tables without prefix and suffix, which
// -prefix and -suffix add once; a name that already carries them is refused.
//
// See docs/cli.md for a guide with examples.
package main
