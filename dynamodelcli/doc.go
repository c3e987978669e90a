// Package dynamodelcli is Dynamodel's command line, for a program to build its own
// operations command with its models, as a cmd/ops/main.go of a few lines:
//
//	func main() {
//		c, err := dynamodel.Open(context.Background(), dynamodel.WithTablePrefix(os.Getenv("TABLE_PREFIX")))
//		if err != nil {
//			log.Fatal(err)
//		}
//		users, err := dynamodel.NewModel[User](c, "users", userSchema)
//		if err != nil {
//			log.Fatal(err)
//		}
//		dynamodelcli.Main(c, dynamodelcli.Of(users))
//	}
//
// # Commands
//
// With models, the command line has these commands (each explains itself with -h):
//
//	ops plan    [-json]                      what apply would change in the models' tables, and why
//	ops apply   [-allow-destructive]         create and update the tables; progress while it waits
//	ops verify                               exit 1 when a table drifted from its model
//	ops export  [-format cloudformation]     the tables the models declare, for IaC
//	ops get     -model users -key '{"id":"u1"}'
//	ops put     -model users -item '{"id":"u1","email":"ada@example.com","roles":["admin"]}'
//	ops delete  -model users -key '{"id":"u1"}'
//	ops query   -model users -where '{"email":"ada@example.com"}' -explain
//	ops scan    -model users -limit 10
//
// Items go through the models: put converts the JSON to the model's item type as the schema
// stores each attribute (an array for a set, base64 for binary, RFC 3339 or epoch numbers for
// dates), then writes it with [model.Model.Put], so defaults, transforms, validation (errors
// with attribute paths), timestamps and version checks apply as in the program. Reads go
// through the read pipeline; query runs the model's query planner, and -explain prints its
// choice.
//
// # Prefixes
//
// The models carry the client's table prefix and suffix in their table names, and the
// command line adds none: it has no -prefix or connection flags when the program gives its
// client. Without models ([Main] with a nil client), it is the dynamodel command
// (cmd/dynamodel): tables from definition files, whose names -prefix and -suffix complete
// once, and items as plain JSON.
//
// See docs/cli.md for the guide.
package dynamodelcli
