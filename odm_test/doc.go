// Package odm holds the integration tests of the whole flow (in the package odm_test) against
// a real DynamoDB server, started by `make test` or by the tests themselves (see
// internal/dynamotest). It has no code of its own.
package odm
