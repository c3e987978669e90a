// Package wire writes the JSON bodies of the DynamoDB requests Dynamodel sends most often,
// in place of the SDK's generic, schema-driven serializer: a request's body is written in one
// pass over its input, straight into the buffer that is sent.
//
// It plugs in as the client's protocol for one call ([Option]) and writes only what it was
// written for: the awsJson1_0 protocol of the SDK, and inputs whose every field it knows.
// Anything else (another protocol, a newer SDK whose input has a field this package does not
// know, a legacy parameter, a value it does not write) goes to the SDK's serializer unchanged,
// so the bytes sent mean the same either way; the tests compare the two serializers' bodies.
package wire

import (
	"bytes"
	"context"
	"net/http"
	"reflect"
	"slices"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
)

// awsJSON10 is the protocol this package writes requests for.
var awsJSON10 = smithy.ShapeID{Namespace: "aws.protocols", Name: "awsJson1_0"}

// targetPrefix is DynamoDB's service name in the X-Amz-Target header, before the operation.
const targetPrefix = "DynamoDB_20120810."

// protocol is the SDK's awsJson1_0 protocol with the requests this package knows written by
// it; everything else, responses included, is the SDK's.
type protocol struct {
	*awsjson.Protocol
	// For one PutItem call whose item is already written (see PutItem): its input, the item's
	// JSON, and the item as a map for the SDK's serializer if this package cannot write it.
	put      *dynamodb.PutItemInput
	item     []byte
	fallback func() map[string]types.AttributeValue
}

// placeholder stands for an item written in advance in a PutItemInput, where the SDK's
// checks of the input want one; nothing writes into it.
var placeholder = map[string]types.AttributeValue{}

// PutItem is Option for a PutItem call with in whose item is already written in DynamoDB's
// JSON form (item, as attr.Codec.AppendJSON writes it), left out of in (in.Item nil): the
// request's body carries item as in's Item. When this package cannot write the body (another
// protocol than the SDK's awsJson1_0, a PutItemInput with a field it does not know), the
// option sets in.Item to fallback's map instead, for the SDK's serializer.
func PutItem(in *dynamodb.PutItemInput, item []byte, fallback func() map[string]types.AttributeValue) func(*dynamodb.Options) {
	return func(o *dynamodb.Options) {
		inner, ok := o.Protocol.(*awsjson.Protocol)
		if !ok || inner == nil || inner.ID() != awsJSON10 || !putFields || in.Expected != nil {
			in.Item = fallback()
			return
		}
		// The SDK's checks of the input run before its body is written: they want an item.
		in.Item = placeholder
		o.Protocol = &protocol{Protocol: inner, put: in, item: item, fallback: fallback}
	}
}

// last is the protocol made for the last client seen: a program usually has one.
var last atomic.Pointer[protocol]

// Option is a per-call option of the SDK's DynamoDB client that writes the request's body
// through this package when it can. It leaves any protocol but the SDK's awsJson1_0 alone.
func Option(o *dynamodb.Options) {
	inner, ok := o.Protocol.(*awsjson.Protocol)
	if !ok || inner == nil {
		return
	}
	p := last.Load()
	if p == nil || p.Protocol != inner {
		if inner.ID() != awsJSON10 {
			return
		}
		p = &protocol{Protocol: inner}
		last.Store(p)
	}
	o.Protocol = p
}

// SerializeRequest writes the request for in, as the SDK's protocol would.
func (p *protocol) SerializeRequest(ctx context.Context, op *smithy.OperationSchema, in smithy.Serializable, req *smithyhttp.Request) error {
	var body []byte
	ok := false
	if put, isPut := in.(*dynamodb.PutItemInput); isPut && put == p.put && p.put != nil {
		if body, ok = appendPutItem(make([]byte, 0, 256+len(p.item)), put, p.item); !ok {
			put.Item = p.fallback()
		}
	} else {
		body, ok = appendInput(in)
	}
	if !ok {
		return p.Protocol.SerializeRequest(ctx, op, in, req)
	}
	req.Method = http.MethodPost
	if req.URL.Path == "" {
		req.URL.Path = "/"
	}
	req.Header.Set("X-Amz-Target", targetPrefix+op.ID().Name)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	sent, err := req.SetStream(bytes.NewReader(body))
	if err != nil {
		return err
	}
	*req = *sent
	return nil
}

// appendInput returns the JSON body of in, when this package writes in's operation.
func appendInput(in smithy.Serializable) ([]byte, bool) {
	switch in := in.(type) {
	case *dynamodb.PutItemInput:
		if putFields {
			return appendPutItem(make([]byte, 0, 1024), in, nil)
		}
	case *dynamodb.GetItemInput:
		if getFields {
			return appendGetItem(make([]byte, 0, 256), in)
		}
	case *dynamodb.BatchWriteItemInput:
		if batchWriteFields {
			return appendBatchWriteItem(make([]byte, 0, 16<<10), in)
		}
	}
	return nil, false
}

// putFields reports whether PutItemInput has exactly the fields appendPutItem writes or
// refuses: a newer SDK with another field falls back to the SDK's serializer.
var putFields = hasFields(reflect.TypeFor[dynamodb.PutItemInput](),
	"ConditionExpression", "ConditionalOperator", "Expected", "ExpressionAttributeNames",
	"ExpressionAttributeValues", "Item", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics",
	"ReturnValues", "ReturnValuesOnConditionCheckFailure", "TableName")

// getFields is putFields for GetItemInput.
var getFields = hasFields(reflect.TypeFor[dynamodb.GetItemInput](),
	"AttributesToGet", "ConsistentRead", "ExpressionAttributeNames", "Key", "ProjectionExpression",
	"ReturnConsumedCapacity", "TableName")

// batchWriteFields is putFields for BatchWriteItemInput and the request types in it.
var batchWriteFields = hasFields(reflect.TypeFor[dynamodb.BatchWriteItemInput](),
	"RequestItems", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics") &&
	hasFields(reflect.TypeFor[types.WriteRequest](), "DeleteRequest", "PutRequest") &&
	hasFields(reflect.TypeFor[types.PutRequest](), "Item") &&
	hasFields(reflect.TypeFor[types.DeleteRequest](), "Key")

// hasFields reports whether the struct type t has exactly the exported fields names, in any
// order (the SDK's unexported marker fields aside).
func hasFields(t reflect.Type, names ...string) bool {
	var got []string
	for f := range t.Fields() {
		if f.IsExported() {
			got = append(got, f.Name)
		}
	}
	slices.Sort(got)
	names = slices.Clone(names)
	slices.Sort(names)
	return slices.Equal(got, names)
}

// appendPutItem appends the body of a PutItem request, with item as its Item when given (in
// JSON) rather than in.Item. The legacy Expected parameter is left to the SDK.
func appendPutItem(b []byte, in *dynamodb.PutItemInput, item []byte) (_ []byte, ok bool) {
	if in.Expected != nil {
		return b, false
	}
	var o object
	b = append(b, '{')
	if in.ConditionExpression != nil {
		b = appendString(o.key(b, "ConditionExpression"), *in.ConditionExpression)
	}
	if in.ConditionalOperator != "" {
		b = appendString(o.key(b, "ConditionalOperator"), string(in.ConditionalOperator))
	}
	if in.ExpressionAttributeNames != nil {
		b = appendNames(o.key(b, "ExpressionAttributeNames"), in.ExpressionAttributeNames)
	}
	if in.ExpressionAttributeValues != nil {
		if b, ok = appendItem(o.key(b, "ExpressionAttributeValues"), in.ExpressionAttributeValues); !ok {
			return b, false
		}
	}
	if item != nil {
		b = append(o.key(b, "Item"), item...)
	} else if in.Item != nil {
		if b, ok = appendItem(o.key(b, "Item"), in.Item); !ok {
			return b, false
		}
	}
	if in.ReturnConsumedCapacity != "" {
		b = appendString(o.key(b, "ReturnConsumedCapacity"), string(in.ReturnConsumedCapacity))
	}
	if in.ReturnItemCollectionMetrics != "" {
		b = appendString(o.key(b, "ReturnItemCollectionMetrics"), string(in.ReturnItemCollectionMetrics))
	}
	if in.ReturnValues != "" {
		b = appendString(o.key(b, "ReturnValues"), string(in.ReturnValues))
	}
	if in.ReturnValuesOnConditionCheckFailure != "" {
		b = appendString(o.key(b, "ReturnValuesOnConditionCheckFailure"), string(in.ReturnValuesOnConditionCheckFailure))
	}
	if in.TableName != nil {
		b = appendString(o.key(b, "TableName"), *in.TableName)
	}
	return append(b, '}'), true
}

// appendGetItem appends the body of a GetItem request. The legacy AttributesToGet parameter is
// left to the SDK.
func appendGetItem(b []byte, in *dynamodb.GetItemInput) (_ []byte, ok bool) {
	if in.AttributesToGet != nil {
		return b, false
	}
	var o object
	b = append(b, '{')
	if in.ConsistentRead != nil {
		b = appendBool(o.key(b, "ConsistentRead"), *in.ConsistentRead)
	}
	if in.ExpressionAttributeNames != nil {
		b = appendNames(o.key(b, "ExpressionAttributeNames"), in.ExpressionAttributeNames)
	}
	if in.Key != nil {
		if b, ok = appendItem(o.key(b, "Key"), in.Key); !ok {
			return b, false
		}
	}
	if in.ProjectionExpression != nil {
		b = appendString(o.key(b, "ProjectionExpression"), *in.ProjectionExpression)
	}
	if in.ReturnConsumedCapacity != "" {
		b = appendString(o.key(b, "ReturnConsumedCapacity"), string(in.ReturnConsumedCapacity))
	}
	if in.TableName != nil {
		b = appendString(o.key(b, "TableName"), *in.TableName)
	}
	return append(b, '}'), true
}

// appendBatchWriteItem appends the body of a BatchWriteItem request.
func appendBatchWriteItem(b []byte, in *dynamodb.BatchWriteItemInput) (_ []byte, ok bool) {
	var o object
	b = append(b, '{')
	if in.RequestItems != nil {
		if b, ok = appendObject(o.key(b, "RequestItems"), in.RequestItems, appendWriteRequests); !ok {
			return b, false
		}
	}
	if in.ReturnConsumedCapacity != "" {
		b = appendString(o.key(b, "ReturnConsumedCapacity"), string(in.ReturnConsumedCapacity))
	}
	if in.ReturnItemCollectionMetrics != "" {
		b = appendString(o.key(b, "ReturnItemCollectionMetrics"), string(in.ReturnItemCollectionMetrics))
	}
	return append(b, '}'), true
}

// appendWriteRequests appends the requests of one table of a BatchWriteItem, as a JSON array.
func appendWriteRequests(b []byte, requests []types.WriteRequest) (_ []byte, ok bool) {
	b = append(b, '[')
	for i, r := range requests {
		if i > 0 {
			b = append(b, ',')
		}
		if b, ok = appendWriteRequest(b, r); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}

// appendWriteRequest appends one request of a BatchWriteItem: {"DeleteRequest":{"Key":...}}
// or {"PutRequest":{"Item":...}} (both, or neither, when the caller set them so).
func appendWriteRequest(b []byte, r types.WriteRequest) (_ []byte, ok bool) {
	var o object
	b = append(b, '{')
	if d := r.DeleteRequest; d != nil {
		b = append(o.key(b, "DeleteRequest"), '{')
		if d.Key != nil {
			if b, ok = appendItem(append(b, `"Key":`...), d.Key); !ok {
				return b, false
			}
		}
		b = append(b, '}')
	}
	if p := r.PutRequest; p != nil {
		b = append(o.key(b, "PutRequest"), '{')
		if p.Item != nil {
			if b, ok = appendItem(append(b, `"Item":`...), p.Item); !ok {
				return b, false
			}
		}
		b = append(b, '}')
	}
	return append(b, '}'), true
}

// object writes the members of a JSON object: the commas between them.
type object struct{ members int }

// key appends the name of the object's next member (a constant that needs no escaping).
func (o *object) key(b []byte, name string) []byte {
	if o.members > 0 {
		b = append(b, ',')
	}
	o.members++
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

func appendNames(b []byte, m map[string]string) []byte {
	b, _ = appendObject(b, m, func(b []byte, v string) ([]byte, bool) { return appendString(b, v), true })
	return b
}
