// Package localdynamo installs and runs dynalite, the open-source local DynamoDB server that
// tests, benchmarks and the demo run against.
//
// dynalite (npm package dynalite 4.0.0, Apache-2.0) is a Node.js implementation of DynamoDB's
// API. It is installed once with `npm install` into a cache folder outside the repository and
// started with node on a free loopback port. What it lacks of DynamoDB's API is found by asking
// it (package servercaps), never assumed from its name.
//
// # Environment
//
//   - DYNAMODB_ENDPOINT: use the server at this endpoint; nothing is installed or started. Any
//     DynamoDB-compatible server works: DynamoDB Local run on its user's own terms, LocalStack,
//     or AWS itself.
//   - DYNAMODEL_CACHE: the cache folder (default $XDG_CACHE_HOME/dynamodel or ~/.cache/dynamodel).
//
// [InstallDynamoose] installs Dynamoose into the same cache, for the tests that run real
// Dynamoose against Dynamodel (package interop). Nothing is downloaded from anywhere but the
// npm registry, and nothing is written into the repository.
package localdynamo
