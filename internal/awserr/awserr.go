package awserr

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Class is the kind of a DynamoDB error, as far as callers branch on it.
type Class uint8

const (
	Other               Class = iota // not a DynamoDB error, or one no caller branches on
	ConditionFailed                  // ConditionalCheckFailedException
	NotFound                         // ResourceNotFoundException: the table or index does not exist
	Throttled                        // throughput exceeded, throttling, request limit
	TransactionCanceled              // TransactionCanceledException, see Cancellations
	TransactionConflict              // TransactionConflictException
	Validation                       // ValidationException
	ServerError                      // InternalServerError, ServiceUnavailable
)

var classNames = [...]string{
	Other:               "other",
	ConditionFailed:     "condition failed",
	NotFound:            "not found",
	Throttled:           "throttled",
	TransactionCanceled: "transaction canceled",
	TransactionConflict: "transaction conflict",
	Validation:          "validation",
	ServerError:         "server error",
}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "unknown"
}

// Retryable reports whether the same request may succeed when sent again later: throttling,
// transaction conflicts and server-side errors.
func (c Class) Retryable() bool {
	return c == Throttled || c == TransactionConflict || c == ServerError
}

// apiError is what every error of the SDK's service clients implements (smithy.APIError).
type apiError interface {
	error
	ErrorCode() string
	ErrorMessage() string
}

var codes = map[string]Class{
	"ConditionalCheckFailedException":        ConditionFailed,
	"ResourceNotFoundException":              NotFound,
	"ProvisionedThroughputExceededException": Throttled,
	"ThrottlingException":                    Throttled,
	"RequestLimitExceeded":                   Throttled,
	"TransactionCanceledException":           TransactionCanceled,
	"TransactionConflictException":           TransactionConflict,
	"ValidationException":                    Validation,
	"InternalServerError":                    ServerError,
	"ServiceUnavailable":                     ServerError,
}

// Classify returns the class of err. A nil error is Other.
func Classify(err error) Class {
	code, ok := Code(err)
	if !ok {
		return Other
	}
	return codes[code]
}

// Code returns the AWS error code of the first API error in err's chain, such as
// "ValidationException".
func Code(err error) (string, bool) {
	var api apiError
	if !errors.As(err, &api) {
		return "", false
	}
	return api.ErrorCode(), true
}

// Is reports whether err is of class c.
func Is(err error, c Class) bool { return err != nil && Classify(err) == c }

// Retryable reports whether err is worth sending again (see [Class.Retryable]).
func Retryable(err error) bool { return Classify(err).Retryable() }

// Transient reports whether err is worth sending again later, after a backoff: a
// [Retryable] DynamoDB error, an HTTP 5xx answer (from DynamoDB or from a proxy in between,
// whatever its body, such as a 502 with an HTML page), or a request that failed in transport
// (a refused or reset connection, a response lost on the way). The context's own errors are
// not transient, nor is any 4xx answer but throttling.
func Transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if Retryable(err) {
		return true
	}
	var send *smithyhttp.RequestSendError
	if errors.As(err, &send) {
		return true
	}
	var status interface{ HTTPStatusCode() int }
	if errors.As(err, &status) && status.HTTPStatusCode() >= 500 {
		return true
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}

// Reason is why one action of a cancelled transaction failed.
type Reason struct {
	Index   int    // the action's position in the request, from 0
	Code    string // ConditionalCheckFailed, TransactionConflict, ValidationError, ...
	Message string
	Item    map[string]types.AttributeValue // the item as it was, when the request asked for it
}

// Cancellations returns the reasons of a cancelled transaction, one per action that failed
// (actions whose code is "None" are left out), in request order. ok is false when err is not
// a transaction cancellation.
//
// When the server sent no structured reasons, they are read from the message, which lists
// one code per action ("... specific reasons [None, ConditionalCheckFailed]"), as DynamoDB
// Local does.
func Cancellations(err error) (reasons []Reason, ok bool) {
	var tc *types.TransactionCanceledException
	if !errors.As(err, &tc) {
		return nil, false
	}
	if len(tc.CancellationReasons) > 0 {
		for i, r := range tc.CancellationReasons {
			code := deref(r.Code)
			if code == "" || code == "None" {
				continue
			}
			reasons = append(reasons, Reason{Index: i, Code: code, Message: deref(r.Message), Item: r.Item})
		}
		return reasons, true
	}
	for i, code := range codesFromMessage(tc.ErrorMessage()) {
		if code != "None" {
			reasons = append(reasons, Reason{Index: i, Code: code})
		}
	}
	return reasons, true
}

// codesFromMessage reads the bracketed, comma-separated list of codes at the end of a
// cancellation message.
func codesFromMessage(msg string) []string {
	open := strings.LastIndexByte(msg, '[')
	end := strings.LastIndexByte(msg, ']')
	if open < 0 || end < open {
		return nil
	}
	var out []string
	for f := range strings.SplitSeq(msg[open+1:end], ",") {
		out = append(out, strings.TrimSpace(f))
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
