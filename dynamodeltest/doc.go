// Package dynamodeltest runs the tests of a program that uses Dynamodel against a real DynamoDB
// server: a local one it starts for the test binary, or the one $DYNAMODB_ENDPOINT names.
//
// A test package calls [Main] from TestMain. Each test then takes a client with [Client]: its
// table names carry a prefix unique to the test, so tests in parallel never share a table, and
// every table with that prefix is deleted when the test ends. The test binds its models to the
// client as the program does, and [Sync] creates their tables:
//
//	func TestMain(m *testing.M) { dynamodeltest.Main(m) }
//
//	func TestSignup(t *testing.T) {
//		c := dynamodeltest.Client(t)
//		users, err := dynamodel.NewModel[User](c, "users", userSchema)
//		if err != nil {
//			t.Fatal(err)
//		}
//		dynamodeltest.Sync(t, c, users)
//
//		svc := NewService(users) // the code under test
//		...
//	}
//
// The local server is dynalite (open source, Node.js): Main installs it once with npm into
// ~/.cache/dynamodel and starts one per test binary on a free loopback port. Set
// $DYNAMODB_ENDPOINT to use another server (DynamoDB Local, LocalStack, or one dynalite
// shared by several test binaries) and nothing is installed or started.
//
// # Faults
//
// Package [github.com/dynamodel/dynamodel/dynamodeltest/fault] injects throttling, 5xx answers,
// connection resets, responses lost after the server applied the request, and unprocessed batch
// items into the client's requests, under the SDK's own retryer. Give a fault transport to
// [Client] with [WithTransport] to test that the program's retries hold:
//
//	ft := fault.New(nil, fault.Options{Seed: 1, Rate: 0.3, Kinds: []fault.Kind{fault.Throttle, fault.Status503}})
//	c := dynamodeltest.Client(t, dynamodeltest.WithTransport(ft))
//
// The complete example is in this package's example_test.go, and docs/testing-your-code.md
// walks through it.
package dynamodeltest
