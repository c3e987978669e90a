package awserr

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// codeError is an API error of a code the SDK has no type for, as smithy.GenericAPIError is.
type codeError struct{ code, msg string }

func (e *codeError) Error() string        { return e.code + ": " + e.msg }
func (e *codeError) ErrorCode() string    { return e.code }
func (e *codeError) ErrorMessage() string { return e.msg }

func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		want      Class
		retryable bool
	}{
		{"nil", nil, Other, false},
		{"plain error", errors.New("boom"), Other, false},
		{"context canceled", context.Canceled, Other, false},
		{"condition", &types.ConditionalCheckFailedException{Message: aws.String("The conditional request failed")}, ConditionFailed, false},
		{"wrapped condition", fmt.Errorf("operation error DynamoDB: PutItem: %w", &types.ConditionalCheckFailedException{}), ConditionFailed, false},
		{"table missing", &types.ResourceNotFoundException{Message: aws.String("Cannot do operations on a non-existent table")}, NotFound, false},
		{"provisioned throughput", &types.ProvisionedThroughputExceededException{}, Throttled, true},
		{"throttling", &types.ThrottlingException{}, Throttled, true},
		{"request limit", &types.RequestLimitExceeded{}, Throttled, true},
		{"request limit by code", &codeError{"RequestLimitExceeded", "too many"}, Throttled, true},
		{"transaction canceled", &types.TransactionCanceledException{}, TransactionCanceled, false},
		{"transaction conflict", &types.TransactionConflictException{}, TransactionConflict, true},
		{"validation", &codeError{"ValidationException", "One or more parameter values were invalid"}, Validation, false},
		{"internal", &types.InternalServerError{}, ServerError, true},
		{"unknown code", &codeError{"UnknownOperationException", "Tagging is not currently supported"}, Other, false},
		{"code override", &types.ThrottlingException{ErrorCodeOverride: aws.String("ValidationException")}, Validation, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.err); got != tt.want {
				t.Errorf("Classify(%v) = %v; want %v", tt.err, got, tt.want)
			}
			if got := Retryable(tt.err); got != tt.retryable {
				t.Errorf("Retryable(%v) = %v; want %v", tt.err, got, tt.retryable)
			}
			if tt.err != nil {
				if got := Is(tt.err, tt.want); !got {
					t.Errorf("Is(%v, %v) = false; want true", tt.err, tt.want)
				}
			}
		})
	}
}

func TestCode(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		want   string
		wantOK bool
	}{
		{"not an API error", errors.New("x"), "", false},
		{"modeled", fmt.Errorf("wrap: %w", &types.ResourceNotFoundException{}), "ResourceNotFoundException", true},
		{"generic", &codeError{"SerializationException", ""}, "SerializationException", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Code(tt.err)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Code(%v) = %q, %v; want %q, %v", tt.err, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestCancellations(t *testing.T) {
	old := map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}}
	tests := []struct {
		name   string
		err    error
		want   []Reason
		wantOK bool
	}{
		{"not a cancellation", &types.ConditionalCheckFailedException{}, nil, false},
		{
			"structured reasons",
			fmt.Errorf("operation error DynamoDB: TransactWriteItems: %w", &types.TransactionCanceledException{
				CancellationReasons: []types.CancellationReason{
					{Code: aws.String("None")},
					{Code: aws.String("ConditionalCheckFailed"), Message: aws.String("The conditional request failed"), Item: old},
					{Code: aws.String("None")},
					{Code: aws.String("TransactionConflict"), Message: aws.String("Transaction is ongoing for the item")},
				},
			}),
			[]Reason{
				{Index: 1, Code: "ConditionalCheckFailed", Message: "The conditional request failed", Item: old},
				{Index: 3, Code: "TransactionConflict", Message: "Transaction is ongoing for the item"},
			},
			true,
		},
		{
			"reasons from the message",
			&types.TransactionCanceledException{Message: aws.String("Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]")},
			[]Reason{{Index: 2, Code: "ConditionalCheckFailed"}},
			true,
		},
		{
			"validation error in the message",
			&types.TransactionCanceledException{Message: aws.String("Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]")},
			[]Reason{{Index: 0, Code: "ValidationError"}},
			true,
		},
		{"no reasons at all", &types.TransactionCanceledException{Message: aws.String("Transaction cancelled")}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Cancellations(tt.err)
			if ok != tt.wantOK {
				t.Errorf("Cancellations(%v) ok = %v; want %v", tt.err, ok, tt.wantOK)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreUnexported(types.AttributeValueMemberS{})); diff != "" {
				t.Errorf("Cancellations(%v) mismatch (-want +got):\n%s", tt.err, diff)
			}
		})
	}
}

func TestClassString(t *testing.T) {
	for c := Other; c <= ServerError; c++ {
		if s := c.String(); s == "" || s == "unknown" {
			t.Errorf("Class(%d).String() = %q; want a name", c, s)
		}
	}
	if got := Class(200).String(); got != "unknown" {
		t.Errorf("Class(200).String() = %q; want %q", got, "unknown")
	}
}

// TestTransient checks which errors a batch sends again: throttling, 5xx answers whatever
// their body, and transport failures; never a 4xx refusal or the context's end.
func TestTransient(t *testing.T) {
	resp := func(status int, err error) error {
		return &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}}, Err: err}
	}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"throttling", resp(400, &smithy.GenericAPIError{Code: "ThrottlingException"}), true},
		{"500 InternalServerError", resp(500, &smithy.GenericAPIError{Code: "InternalServerError"}), true},
		{"502 with an HTML body", resp(502, errors.New("failed to decode response body, invalid character '<'")), true},
		{"503", resp(503, &smithy.GenericAPIError{Code: "ServiceUnavailable"}), true},
		{"reset before the server", resp(0, &smithyhttp.RequestSendError{Err: reset}), true},
		{"after the SDK's attempts", &retry.MaxAttemptsError{Attempt: 3, Err: resp(0, &smithyhttp.RequestSendError{Err: reset})}, true},
		{"bare net error", reset, true},
		{"validation", resp(400, &smithy.GenericAPIError{Code: "ValidationException"}), false},
		{"condition failed", resp(400, &types.ConditionalCheckFailedException{}), false},
		{"context canceled", resp(0, &smithyhttp.RequestSendError{Err: context.Canceled}), false},
		{"other", errors.New("model: something"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Transient(tt.err); got != tt.want {
				t.Errorf("Transient(%v) = %v; want %v", tt.err, got, tt.want)
			}
		})
	}
}
