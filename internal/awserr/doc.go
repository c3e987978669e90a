// Package awserr classifies the errors DynamoDB returns, in one place: failed conditions,
// missing tables, throttling (which is worth retrying), validation errors and transaction
// cancellations with their reasons, action by action. It also takes secrets out of their
// messages.
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
// # Redaction
//
// A server may echo the request in its error: AWS's signature mismatch message holds the
// canonical request, session token included. [Redact] replaces session tokens and the
// passwords of URLs (an endpoint given as http://user:password@host) in a message; model's
// errors, tablesync's errors and the command's stderr all go through it.
//
// See [DynamoDB errors] for the codes.
//
// [DynamoDB errors]: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
package awserr
