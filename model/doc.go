// Package model owns Model[T]: a schema bound to a table and a client, with typed operations
// (get, put, create, update, delete, query, scan, batches and transactions).
//
// The model is thin: every item passes the schema's pipelines (package schema) on the way in
// and out, expressions are built with placeholders only (no caller text ever reaches an
// expression string), and errors of DynamoDB are classified in one place.
//
// # Models
//
// [New] binds a schema to a table name and a [DB], the part of *dynamodb.Client the model
// calls; prefixes and suffixes keep one environment's tables apart from another's:
//
//	users, err := model.New[User](client, "users", userSchema, model.WithTablePrefix("dev_"))
//
// # Items
//
// [Model.Get] returns [ErrNotFound] for a missing item, and for an expired one when the
// schema hides expired items (to Create and updates too, an expired item is no item).
// [Model.Put] replaces an item, [Model.Create] refuses to (its error matches
// [ErrConditionFailed]), [Model.Delete] is idempotent. Per-call options say
// what they mean: [Consistent], [Project] (nested paths too, for the Partial reads), [If],
// [ReturnOld], [ReturnStored]. They are typed per operation ([GetOption], [PutOption],
// [DeleteOption], ...): an option an operation does not take does not compile.
//
// # Dry runs
//
// Every item operation has a dry run that returns the request it would send, as the SDK's
// input, without sending it (Dynamoose's {return: "request"}): [Model.PutRequest],
// [Model.GetRequest], [Update.Request], [Query.Requests], [TransactWriteRequest], and so
// on. The request is built by the code that builds it for sending, after the whole write
// pipeline; Before hooks run, After hooks do not.
//
// # Updates
//
// [Model.Update] starts an immutable builder: Set, SetIfNotExists, Append, Prepend, Add,
// Increment, Decrement, Remove and Delete (from a set), on nested paths too, with If,
// MustExist, IfVersion and Return. The schema validates each change for its operator and
// keeps updatedAt; an update with no changes, or with one path changed twice, is refused.
//
// # Conditions
//
// [Where] and [Size] start conditions with Go values, combined with [And], [Or] and [Not];
// [Ref] names another attribute. Values are encoded as the schema stores their attribute,
// so a time.Time compares with a date attribute in any storage format. The same conditions
// serve writes, filters and queries.
//
// # Queries and scans
//
// [Model.Query] takes one condition. The index planner chooses the table or index whose keys
// fit its top-level equalities and range condition; the rest, OR groups included, is
// filtered. Equalities on the parts of a key written by a schema.Template count as a
// condition on that key (the whole key, or for a range key the prefix of its leading parts;
// see [KeyParts] and [KeyPrefix]). [Query.Explain] says what was chosen and why. All returns an iter.Seq2 that reads
// pages as the loop asks for them; Page returns exactly Limit items with an opaque cursor
// (signed with [WithCursorKey]); Count counts without transferring items. [Model.Scan] reads
// the whole table or an index, in parallel segments if asked.
//
// # Single-table design
//
// Several models share one table when each has [WithEntity]: every item it writes holds its
// entity name, it reads only its own items, and its writes cannot replace another entity's
// item. [NewTable] reads the items of all of them together: a Query[any] or Scan[any] ([Table.Query], [Table.Scan])
// yields each item as its own model decodes it (*Customer, *Order, ...) for a type switch,
// and an item no model claims as an [*UnknownItem].
//
// # Batches
//
// [Model.BatchGet], [Model.BatchPut] and [Model.BatchDelete] split their work into requests
// of 100 and 25, up to four in flight at once for the model's batch calls together
// ([WithBatchConcurrency]), retry what DynamoDB
// leaves unprocessed with exponential backoff and jitter until done, until the context ends,
// or until a request has been retried [WithBatchRetries] times in a row without progress, and
// report what is left by position in a [*BatchError].
//
// # Transactions
//
// [TransactWrite] runs puts, creates, updates, deletes and condition checks of any models
// as one transaction; [TransactGet] reads a consistent snapshot. Everything is checked before
// sending (at most 100 actions, one action per item). A cancelled transaction is a
// [*TransactionError] whose [*ActionError] values name the action that failed, by index,
// with DynamoDB's reason.
//
// # Units of work
//
// [RunInTransaction] runs a function in which the ordinary writes (Put, Create, Delete,
// Update.Exec) and TransactWrite, made directly or through a repository's methods, are
// recorded instead of sent, and commits them as one transaction when the function returns
// nil. Refusals come at
// the call (an invalid item, a 101st call, two calls on one item, a batch write); a
// cancellation names the failed call's [WithLabel] label and file:line.
//
// # Optimistic locking and counters
//
// With [WithVersion], Put stores the next version only if the stored item still has the
// item's version, and every update increments the version ([Update.IfVersion] checks it).
// [Update.Increment] is an atomic counter: concurrent increments all count.
//
// # Errors
//
// Branch on [ErrNotFound], [ErrConditionFailed] and [ErrBadCursor] with errors.Is. Items and
// updates the schema refuses are a *validate.Error; bad conditions a [*ConditionError]; other
// bad input an [*InputError] — all before any request is sent. What DynamoDB refuses is an
// [*OpError] with the operation and table, wrapping the SDK's error unchanged.
//
// See the [DynamoDB API reference] for the operations called.
//
// [DynamoDB API reference]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html
package model
