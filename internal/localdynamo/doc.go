// Package localdynamo installs and runs a local DynamoDB-compatible server for tests, benchmarks
// and the demo.
//
// Two servers are supported:
//
//   - DynamoDB Local 1.25.x, the official emulator (Java 17+), taken from the npm package
//     amplify-dynamodb-simulator@2.9.30, which bundles DynamoDBLocal.jar and its native libraries.
//     The package is fetched with `npm pack` into a cache folder outside the repository, the jar's
//     SHA-256 is checked, and the emulator is unpacked once.
//   - dynalite, a Node.js implementation, installed with `npm install` into the same cache.
//
// # Environment
//
//   - DYNAMODB_ENDPOINT: use this endpoint; nothing is installed or started.
//   - DYNAMODB_SERVER: "dynamodb-local" (the default) or "dynalite".
//   - DYNAMODEL_CACHE: the cache folder (default $XDG_CACHE_HOME/dynamodel or ~/.cache/dynamodel).
//
// Nothing is downloaded from anywhere but the npm registry, and nothing is written into the
// repository.
package localdynamo
