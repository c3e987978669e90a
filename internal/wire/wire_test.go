package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// recorder is an HTTP client that keeps the last request's target, content type and body,
// and answers as DynamoDB does to a PutItem without return values.
type recorder struct {
	target, contentType string
	body                []byte
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	r.target, r.contentType, r.body = req.Header.Get("X-Amz-Target"), req.Header.Get("Content-Type"), body
	const answer = "{}"
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(answer))), 10))
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader(answer)), ContentLength: int64(len(answer)), Request: req}, nil
}

func newClient(r *recorder) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://localhost:8000"),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
		HTTPClient:   r,
	})
}

// bodies sends in through the SDK's serializer and through this package's, and returns
// what each sent.
func bodies(t *testing.T, in smithy.Serializable) (sdk, ours recorder) {
	t.Helper()
	ctx := context.Background()
	send := func(r *recorder, opts ...func(*dynamodb.Options)) error {
		c := newClient(r)
		var err error
		switch in := in.(type) {
		case *dynamodb.PutItemInput:
			_, err = c.PutItem(ctx, in, opts...)
		case *dynamodb.GetItemInput:
			_, err = c.GetItem(ctx, in, opts...)
		case *dynamodb.BatchWriteItemInput:
			_, err = c.BatchWriteItem(ctx, in, opts...)
		default:
			t.Fatalf("bodies: no call for %T", in)
		}
		return err
	}
	if err := send(&sdk); err != nil {
		t.Fatalf("%T through the SDK's serializer: %v", in, err)
	}
	if err := send(&ours, Option); err != nil {
		t.Fatalf("%T through wire: %v", in, err)
	}
	return sdk, ours
}

// sameRequest fails t unless the two requests have the same target, content type and body
// (as JSON: the members of objects come in map order).
func sameRequest(t *testing.T, sdk, ours recorder) {
	t.Helper()
	if sdk.target != ours.target || sdk.contentType != ours.contentType {
		t.Errorf("headers: wire sent %q, %q; the SDK %q, %q", ours.target, ours.contentType, sdk.target, sdk.contentType)
	}
	var want, got any
	if err := json.Unmarshal(sdk.body, &want); err != nil {
		t.Fatalf("the SDK's body %s: %v", sdk.body, err)
	}
	if err := json.Unmarshal(ours.body, &got); err != nil {
		t.Fatalf("wire's body is not JSON: %v\n%s", err, ours.body)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("wire's body differs from the SDK's (-sdk +wire):\n%s", diff)
	}
}

func TestPutItemSameAsSDK(t *testing.T) {
	item := map[string]types.AttributeValue{
		"id":      &types.AttributeValueMemberS{Value: "customer#1"},
		"n":       &types.AttributeValueMemberN{Value: "-12.5e3"},
		"ok":      &types.AttributeValueMemberBOOL{Value: true},
		"no":      &types.AttributeValueMemberBOOL{},
		"null":    &types.AttributeValueMemberNULL{Value: true},
		"bytes":   &types.AttributeValueMemberB{Value: []byte{0, 1, 2, 250, 251}},
		"empty":   &types.AttributeValueMemberB{Value: []byte{}},
		"ss":      &types.AttributeValueMemberSS{Value: []string{"a", "b\"c"}},
		"ns":      &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
		"bs":      &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
		"list":    &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "x"}, &types.AttributeValueMemberL{}}},
		"map":     &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"deep": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}}}},
		"nil map": &types.AttributeValueMemberM{},
		"escapes": &types.AttributeValueMemberS{Value: "quote\" backslash\\ nl\n cr\r tab\t bell\x07 del\x7f é 日本 \u2028\u2029 bad\xff\xfe end"},
		"key\"\n": &types.AttributeValueMemberS{Value: ""},
	}
	for _, in := range []*dynamodb.PutItemInput{
		{TableName: aws.String("t"), Item: item},
		{TableName: aws.String("t"), Item: map[string]types.AttributeValue{}},
		{
			TableName:                           aws.String("table\"name"),
			Item:                                item,
			ConditionExpression:                 aws.String("attribute_not_exists(#0) OR #1 = :0"),
			ExpressionAttributeNames:            map[string]string{"#0": "id", "#1": "v\u2028"},
			ExpressionAttributeValues:           map[string]types.AttributeValue{":0": &types.AttributeValueMemberN{Value: "3"}},
			ReturnValues:                        types.ReturnValueAllOld,
			ReturnConsumedCapacity:              types.ReturnConsumedCapacityTotal,
			ReturnItemCollectionMetrics:         types.ReturnItemCollectionMetricsSize,
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
			ConditionalOperator:                 types.ConditionalOperatorAnd,
		},
	} {
		sdk, ours := bodies(t, in)
		sameRequest(t, sdk, ours)
	}
}

func TestGetItemSameAsSDK(t *testing.T) {
	key := map[string]types.AttributeValue{
		"id":   &types.AttributeValueMemberS{Value: "customer#1"},
		"sort": &types.AttributeValueMemberN{Value: "7"},
	}
	for _, in := range []*dynamodb.GetItemInput{
		{TableName: aws.String("t"), Key: key},
		{
			TableName:                aws.String("t"),
			Key:                      key,
			ConsistentRead:           aws.Bool(false),
			ProjectionExpression:     aws.String("#0, #1.#2[3]"),
			ExpressionAttributeNames: map[string]string{"#0": "id", "#1": "a", "#2": "b\"c"},
			ReturnConsumedCapacity:   types.ReturnConsumedCapacityIndexes,
		},
		{TableName: aws.String("t"), Key: key, ConsistentRead: aws.Bool(true)},
	} {
		sdk, ours := bodies(t, in)
		sameRequest(t, sdk, ours)
	}
	if _, ok := appendInput(&dynamodb.GetItemInput{TableName: aws.String("t"), Key: key, AttributesToGet: []string{"id"}}); ok {
		t.Error("appendInput wrote a GetItem with AttributesToGet")
	}
}

func TestBatchWriteItemSameAsSDK(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var a, b []types.WriteRequest
	for i := range 25 {
		item := randomItem(r, 2)
		item["id"] = &types.AttributeValueMemberS{Value: fmt.Sprint("customer#", i)}
		a = append(a, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
		b = append(b, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: map[string]types.AttributeValue{"id": item["id"]}}})
	}
	for _, in := range []*dynamodb.BatchWriteItemInput{
		{RequestItems: map[string][]types.WriteRequest{"a": a}},
		{
			RequestItems:                map[string][]types.WriteRequest{"a": a, "b\n": b, "c": {{}}},
			ReturnConsumedCapacity:      types.ReturnConsumedCapacityTotal,
			ReturnItemCollectionMetrics: types.ReturnItemCollectionMetricsSize,
		},
		{RequestItems: map[string][]types.WriteRequest{"a": {{PutRequest: a[0].PutRequest, DeleteRequest: b[0].DeleteRequest}}}},
	} {
		sdk, ours := bodies(t, in)
		sameRequest(t, sdk, ours)
	}
}

// TestPutItemRandom compares the two serializers on random items, strings with any bytes
// included.
func TestPutItemRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		in := &dynamodb.PutItemInput{TableName: aws.String("t"), Item: randomItem(r, 3)}
		sdk, ours := bodies(t, in)
		sameRequest(t, sdk, ours)
		if t.Failed() {
			t.Fatalf("random item %d", i)
		}
	}
}

func randomString(r *rand.Rand) string {
	const alphabet = "ab\"\\\n\x00\x1f\x7f é日\u2028\xff"
	var b strings.Builder
	for range r.IntN(12) {
		if r.IntN(4) == 0 {
			b.WriteByte(byte(r.IntN(256)))
			continue
		}
		runes := []rune(alphabet)
		b.WriteString(string(runes[r.IntN(len(runes))]))
	}
	return b.String()
}

func randomItem(r *rand.Rand, depth int) map[string]types.AttributeValue {
	m := make(map[string]types.AttributeValue)
	for range r.IntN(6) {
		m[randomString(r)] = randomValue(r, depth)
	}
	return m
}

func randomValue(r *rand.Rand, depth int) types.AttributeValue {
	kinds := 8
	if depth > 0 {
		kinds = 10
	}
	switch r.IntN(kinds) {
	case 0:
		return &types.AttributeValueMemberS{Value: randomString(r)}
	case 1:
		return &types.AttributeValueMemberN{Value: fmt.Sprint(r.NormFloat64())}
	case 2:
		return &types.AttributeValueMemberBOOL{Value: r.IntN(2) == 0}
	case 3:
		return &types.AttributeValueMemberNULL{Value: true}
	case 4:
		return &types.AttributeValueMemberB{Value: []byte(randomString(r))}
	case 5:
		return &types.AttributeValueMemberSS{Value: []string{randomString(r), randomString(r)}}
	case 6:
		return &types.AttributeValueMemberNS{Value: []string{"1", fmt.Sprint(r.Int64())}}
	case 7:
		return &types.AttributeValueMemberBS{Value: [][]byte{[]byte(randomString(r))}}
	case 8:
		l := make([]types.AttributeValue, r.IntN(4))
		for i := range l {
			l[i] = randomValue(r, depth-1)
		}
		return &types.AttributeValueMemberL{Value: l}
	default:
		return &types.AttributeValueMemberM{Value: randomItem(r, depth-1)}
	}
}

// TestFallsBack checks that what this package does not write goes to the SDK's serializer:
// the legacy Expected parameter, and values it does not know.
func TestFallsBack(t *testing.T) {
	expected := &dynamodb.PutItemInput{
		TableName: aws.String("t"),
		Item:      map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "1"}},
		Expected:  map[string]types.ExpectedAttributeValue{"id": {Exists: aws.Bool(false)}},
	}
	if _, ok := appendInput(expected); ok {
		t.Error("appendInput wrote a PutItem with Expected")
	}
	sdk, ours := bodies(t, expected)
	sameRequest(t, sdk, ours)

	deep := types.AttributeValue(&types.AttributeValueMemberS{Value: "leaf"})
	for range 64 + 1 { // past attr's limit of 64 levels
		deep = &types.AttributeValueMemberL{Value: []types.AttributeValue{deep}}
	}
	for name, v := range map[string]types.AttributeValue{
		"nil":     nil,
		"unknown": &types.UnknownUnionMember{Tag: "X"},
		"nested":  &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"x": &types.UnknownUnionMember{Tag: "X"}}},
		"deep":    deep,
	} {
		in := &dynamodb.PutItemInput{TableName: aws.String("t"), Item: map[string]types.AttributeValue{"v": v}}
		if _, ok := appendInput(in); ok {
			t.Errorf("appendInput wrote an item with a %s value", name)
		}
	}
}

// TestOption checks that Option puts this package's protocol in place of the SDK's
// awsJson1_0 protocol only, and reuses it.
func TestOption(t *testing.T) {
	o := newClient(&recorder{}).Options()
	sdk := o.Protocol
	Option(&o)
	p, ok := o.Protocol.(*protocol)
	if !ok || p.Protocol != sdk {
		t.Fatalf("Option set the protocol to %T, want wire's over the SDK's", o.Protocol)
	}
	again := newClient(&recorder{}).Options()
	again.Protocol = sdk
	Option(&again)
	if again.Protocol != o.Protocol {
		t.Error("Option made a second protocol for the same SDK protocol")
	}
	other := dynamodb.Options{Protocol: nil}
	Option(&other)
	if other.Protocol != nil {
		t.Errorf("Option replaced a nil protocol with %T", other.Protocol)
	}
}

// TestWholeBody checks one body byte for byte, to show its form.
func TestWholeBody(t *testing.T) {
	in := &dynamodb.PutItemInput{
		TableName:           aws.String("users"),
		ConditionExpression: aws.String("attribute_not_exists(#0)"),
		Item:                map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a\"b"}},
	}
	body, ok := appendInput(in)
	if !ok {
		t.Fatal("appendInput did not write a plain PutItem")
	}
	want := `{"ConditionExpression":"attribute_not_exists(#0)","Item":{"id":{"S":"a\"b"}},"TableName":"users"}`
	if !bytes.Equal(body, []byte(want)) {
		t.Errorf("body\n got %s\nwant %s", body, want)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote\"", "\x00\x7f\xff", "\u2028日本", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := &dynamodb.PutItemInput{TableName: aws.String(s), Item: map[string]types.AttributeValue{s: &types.AttributeValueMemberS{Value: s}}}
		sdk, ours := bodies(t, in)
		if sdk.target != ours.target || !bytes.Equal(sdk.body, ours.body) {
			t.Errorf("bodies differ for %q:\n sdk %s\nwire %s", s, sdk.body, ours.body)
		}
	})
}

// TestOneAllocation checks that writing a body allocates only its buffer, when the body fits
// the first one.
func TestOneAllocation(t *testing.T) {
	in := &dynamodb.PutItemInput{
		TableName:                aws.String("users"),
		ConditionExpression:      aws.String("attribute_not_exists(#0)"),
		ExpressionAttributeNames: map[string]string{"#0": "id"},
		Item: map[string]types.AttributeValue{
			"id":   &types.AttributeValueMemberS{Value: "customer#1"},
			"tags": &types.AttributeValueMemberSS{Value: []string{"a", "b"}},
			"address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
				"city": &types.AttributeValueMemberS{Value: "Paris"},
			}},
			"awards": &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberN{Value: "2019"}}},
		},
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = appendInput(in) }); n > 1 {
		t.Errorf("appendInput allocated %v times per body, want 1", n)
	}
}

// TestPutItemWritten checks that a PutItem call whose item is already written sends the body
// the SDK sends for the same input with the item's map, and that the item's map is used
// wherever this package cannot write the body.
func TestPutItemWritten(t *testing.T) {
	item := map[string]types.AttributeValue{
		"id":   &types.AttributeValueMemberS{Value: "a\"\u2028"},
		"tags": &types.AttributeValueMemberSS{Value: []string{"x", "y"}},
		"m":    &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"n": &types.AttributeValueMemberN{Value: "1.5"}}},
	}
	written, ok := AppendItem(nil, item)
	if !ok {
		t.Fatal("AppendItem failed")
	}
	input := func() *dynamodb.PutItemInput {
		return &dynamodb.PutItemInput{
			TableName:                 aws.String("t"),
			ConditionExpression:       aws.String("#0 <> :0"),
			ExpressionAttributeNames:  map[string]string{"#0": "id"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":0": &types.AttributeValueMemberS{Value: "b"}},
			ReturnValues:              types.ReturnValueAllOld,
		}
	}
	ctx := context.Background()
	var sdk, ours recorder
	withMap := input()
	withMap.Item = item
	if _, err := newClient(&sdk).PutItem(ctx, withMap); err != nil {
		t.Fatal(err)
	}
	fallbacks := 0
	fallback := func() map[string]types.AttributeValue { fallbacks++; return item }
	in := input()
	if _, err := newClient(&ours).PutItem(ctx, in, PutItem(in, written, fallback), Option); err != nil {
		t.Fatal(err)
	}
	sameRequest(t, sdk, ours)
	if fallbacks != 0 {
		t.Errorf("the item's map was built %d times; want 0", fallbacks)
	}
	if len(placeholder) != 0 {
		t.Errorf("the placeholder item was written into: %v", placeholder)
	}

	t.Run("another protocol", func(t *testing.T) {
		in := input()
		o := dynamodb.Options{}
		PutItem(in, written, fallback)(&o)
		if o.Protocol != nil || len(in.Item) != len(item) {
			t.Errorf("PutItem with no awsJson1_0 protocol: protocol %T, item %v; want the SDK's protocol and the map", o.Protocol, in.Item)
		}
	})
	t.Run("legacy parameter", func(t *testing.T) {
		var sdkExp, oursExp recorder
		in := input()
		in.ConditionExpression, in.ExpressionAttributeNames, in.ExpressionAttributeValues = nil, nil, nil
		in.Expected = map[string]types.ExpectedAttributeValue{"id": {Exists: aws.Bool(false)}}
		want := input()
		want.ConditionExpression, want.ExpressionAttributeNames, want.ExpressionAttributeValues = nil, nil, nil
		want.Expected, want.Item = in.Expected, item
		if _, err := newClient(&sdkExp).PutItem(ctx, want); err != nil {
			t.Fatal(err)
		}
		if _, err := newClient(&oursExp).PutItem(ctx, in, PutItem(in, written, fallback), Option); err != nil {
			t.Fatal(err)
		}
		sameRequest(t, sdkExp, oursExp)
	})
}
