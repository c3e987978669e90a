// Package dynamodel is a schema-driven object-document mapper for Amazon DynamoDB, modeled on
// Dynamoose.
//
// A program declares its models in code — keys, indexes, defaults, enums, validators, setters
// and getters, timestamps, time to live — and Dynamodel compiles each schema once into table
// definitions, a codec between Go values and DynamoDB items, a validation pipeline that runs
// before every write, and typed operation builders.
//
// This package is the front door: [Open] returns a [Client] configured from code and the AWS
// default chain, with the table-name prefix and suffix that keep environments apart.
//
// # Packages
//
//   - [github.com/dynamodel/dynamodel/attr]: attribute types and the codec.
//   - [github.com/dynamodel/dynamodel/validate]: validation rules and errors with attribute paths.
//   - [github.com/dynamodel/dynamodel/index]: key schemas, secondary indexes, the query planner.
//   - [github.com/dynamodel/dynamodel/hooks]: lifecycle hooks.
//   - [github.com/dynamodel/dynamodel/schema]: schemas and the item pipeline.
//   - [github.com/dynamodel/dynamodel/model]: typed models and their operations.
//   - [github.com/dynamodel/dynamodel/tablesync]: table plans, sync and export.
//   - [github.com/dynamodel/dynamodel/relation]: many-to-many relations through link items.
//   - [github.com/dynamodel/dynamodel/dynamodelcli]: the command line, with a program's own models.
//   - [github.com/dynamodel/dynamodel/dynamodeltest]: a local server and tables for the tests of a
//     program that uses Dynamodel ([github.com/dynamodel/dynamodel/dynamodeltest/fault] injects faults).
//
// # Local development
//
// Set DYNAMODB_ENDPOINT (or use [WithEndpoint]) to point at a local server (dynalite, which
// `make test` starts, DynamoDB Local, LocalStack); with a loopback endpoint and no configured
// credentials, placeholder credentials and us-east-1 are used.
package dynamodel
