package dynamodelcli

import (
	"bytes"
	"context"
	"encoding/json"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/schema"
)

// queryRecorder answers every request with an empty page and keeps the bodies sent.
type queryRecorder struct {
	mu     sync.Mutex
	bodies []map[string]any
}

func (r *queryRecorder) Do(req *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(req.Body)
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	r.mu.Lock()
	r.bodies = append(r.bodies, m)
	r.mu.Unlock()
	const answer = `{"Items":[],"Count":0,"ScannedCount":0}`
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(answer))), 10))
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader(answer)), Request: req}, nil
}

type match struct {
	ID         string `dynamo:"id"`
	Tournament string `dynamo:"tournament"`
	Region     string `dynamo:"region"`
	Round      int    `dynamo:"round"`
	Bracket    string `dynamo:"bracket"`
}

// TestModelQueryOfMultiAttributeIndex: query -explain on a model whose global index is keyed
// on several attributes says why the index fits, and the query sent holds every partition
// attribute and the sort attributes given in its key condition, as DynamoDB documents it. No
// local server has such indexes: the request is checked as sent.
func TestModelQueryOfMultiAttributeIndex(t *testing.T) {
	rec := &queryRecorder{}
	db := dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://localhost:1"),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
		HTTPClient:   rec,
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := dynamodel.Open(ctx, dynamodel.WithDynamoDBClient(db))
	if err != nil {
		t.Fatal(err)
	}
	s := schema.Must(schema.For[match](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("tournament", schema.Index(schema.IndexName("byRound"), schema.IndexHashKeys("region"), schema.IndexRangeKeys("round", "bracket"))),
		schema.OnDemand(),
	))
	matches, err := dynamodel.NewModel[match](c, "matches", s)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := Run(ctx, c, []string{"ops", "query", "-model", "matches", "-where", `{"tournament":"open","region":"eu","round":2}`, "-explain"}, &out, &errOut, Of(matches))
	if code != 0 {
		t.Fatalf("ops query = %d, %q; want 0", code, errOut.String())
	}
	const explain = `uses GSI "byRound": partition attributes "tournament", "region" (=) and sort attributes "round" (=); sort attribute "bracket" is not constrained.`
	if !strings.Contains(errOut.String(), explain) {
		t.Errorf("ops query -explain wrote %q; want it to contain %q", errOut.String(), explain)
	}
	if len(rec.bodies) != 1 {
		t.Fatalf("%d requests sent; want 1 Query", len(rec.bodies))
	}
	in := rec.bodies[0]
	names, _ := in["ExpressionAttributeNames"].(map[string]any)
	values, _ := in["ExpressionAttributeValues"].(map[string]any)
	kc, _ := in["KeyConditionExpression"].(string)
	for placeholder, name := range names {
		kc = strings.ReplaceAll(kc, placeholder, name.(string))
	}
	for placeholder, v := range values {
		b, _ := json.Marshal(v)
		kc = strings.ReplaceAll(kc, placeholder, string(b))
	}
	const wantKC = `tournament = {"S":"open"} AND region = {"S":"eu"} AND round = {"N":"2"}`
	if in["IndexName"] != "byRound" || kc != wantKC || in["FilterExpression"] != nil {
		t.Errorf("Query sent index %v, key condition %q, filter %v; want byRound, %q, none", in["IndexName"], kc, in["FilterExpression"], wantKC)
	}
}
