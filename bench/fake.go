package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Fake is an HTTP client that answers PutItem, GetItem and Query as DynamoDB does, from
// canned responses, with no network and no server: given to the SDK as its HTTPClient, it
// lets a benchmark measure everything the client does for a call. Responses carry a correct
// X-Amz-Crc32 header, so the SDK checks them as it checks DynamoDB's.
type Fake struct {
	responses map[string][]byte // by operation (PutItem, ...)
	crcs      map[string]string

	mu   sync.Mutex
	last map[string][]byte // the last request body of each operation, when recording
	rec  bool
}

// NewFake returns a fake whose GetItem returns item and whose Query returns items in one
// page.
func NewFake(item map[string]types.AttributeValue, items []map[string]types.AttributeValue) *Fake {
	list := make([]json.RawMessage, len(items))
	for i, it := range items {
		list[i] = wireItem(it)
	}
	query, _ := json.Marshal(map[string]any{"Items": list, "Count": len(items), "ScannedCount": len(items)})
	get, _ := json.Marshal(map[string]any{"Item": wireItem(item)})
	f := &Fake{
		responses: map[string][]byte{"PutItem": []byte("{}"), "GetItem": get, "Query": query},
		crcs:      map[string]string{},
		last:      map[string][]byte{},
	}
	for op, body := range f.responses {
		f.crcs[op] = strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)
	}
	return f
}

// Record makes the fake keep the body of the last request of each operation.
func (f *Fake) Record() { f.rec = true }

// Last returns the body of the last request of op, when recording.
func (f *Fake) Last(op string) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last[op]
}

// Do answers one request.
func (f *Fake) Do(req *http.Request) (*http.Response, error) {
	op := req.Header.Get("X-Amz-Target")
	op = op[strings.IndexByte(op, '.')+1:]
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body.Close()
	}
	if f.rec {
		f.mu.Lock()
		f.last[op] = body
		f.mu.Unlock()
	}
	resp, ok := f.responses[op]
	status := http.StatusOK
	header := http.Header{"Content-Type": {"application/x-amz-json-1.0"}}
	if ok {
		header.Set("X-Amz-Crc32", f.crcs[op])
	} else {
		status = http.StatusBadRequest
		resp = []byte(`{"__type":"com.amazon.coral.service#UnknownOperationException","message":"the fake answers PutItem, GetItem and Query"}`)
		header.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(resp)), 10))
	}
	return &http.Response{
		Status: http.StatusText(status), StatusCode: status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: header, Body: io.NopCloser(bytes.NewReader(resp)), ContentLength: int64(len(resp)), Request: req,
	}, nil
}

// Client returns an SDK client that sends its requests to f, signed with placeholder
// credentials as for any endpoint.
func (f *Fake) Client() *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://dynamodb.fake"),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDFAKE", "fake-secret", ""),
		HTTPClient:   f,
	})
}

// wireItem writes an item in DynamoDB's JSON wire format.
func wireItem(item map[string]types.AttributeValue) json.RawMessage {
	m := make(map[string]any, len(item))
	for k, v := range item {
		m[k] = wireValue(v)
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("bench: the fake cannot write the item %v: %v", item, err))
	}
	return b
}

// wireValue returns v as encoding/json writes it in DynamoDB's JSON form ({"S":"x"}; binary
// values are []byte, which encoding/json writes in base64 as DynamoDB does).
func wireValue(v types.AttributeValue) any {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return map[string]any{"S": v.Value}
	case *types.AttributeValueMemberN:
		return map[string]any{"N": v.Value}
	case *types.AttributeValueMemberB:
		return map[string]any{"B": v.Value}
	case *types.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": v.Value}
	case *types.AttributeValueMemberNULL:
		return map[string]any{"NULL": v.Value}
	case *types.AttributeValueMemberSS:
		return map[string]any{"SS": v.Value}
	case *types.AttributeValueMemberNS:
		return map[string]any{"NS": v.Value}
	case *types.AttributeValueMemberBS:
		return map[string]any{"BS": v.Value}
	case *types.AttributeValueMemberL:
		l := make([]any, len(v.Value))
		for i, e := range v.Value {
			l[i] = wireValue(e)
		}
		return map[string]any{"L": l}
	case *types.AttributeValueMemberM:
		m := make(map[string]any, len(v.Value))
		for k, e := range v.Value {
			m[k] = wireValue(e)
		}
		return map[string]any{"M": m}
	}
	panic(fmt.Sprintf("bench: the fake cannot write the value %T", v))
}
