// Package awserr classifies the errors DynamoDB returns, in one place: failed conditions,
// missing tables, throttling (which is worth retrying), validation errors and transaction
// cancellations with their reasons, action by action.
//
// # Classification
//
// [Classify] looks through the error's Unwrap chain for an AWS API error (anything with
// ErrorCode and ErrorMessage methods, as every error of the SDK has) and returns its [Class].
// Errors that are not from DynamoDB, such as a cancelled context, are [Other].
//
// # Transactions
//
// A cancelled TransactWriteItems or TransactGetItems reports one reason per action, in the
// order of the request. [Cancellations] turns them into [Reason] values that carry the index
// of the action, so that a caller can name the operation that failed.
//
// See [DynamoDB errors] for the codes.
//
// [DynamoDB errors]: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
package awserr
