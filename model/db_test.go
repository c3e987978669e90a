package model

import (
	"context"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
	"github.com/google/go-cmp/cmp"
)

// bodies is an HTTP client that keeps the bodies of the requests sent through it and
// answers every request with an empty JSON object, as DynamoDB answers a PutItem, a GetItem
// that finds nothing and a BatchWriteItem with nothing left unprocessed.
type bodies struct {
	mu   sync.Mutex
	sent []any
}

func (b *bodies) Do(req *http.Request) (*http.Response, error) {
	raw, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	var body any
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.sent = append(b.sent, map[string]any{"target": req.Header.Get("X-Amz-Target"), "body": body})
	b.mu.Unlock()
	const answer = "{}"
	h := http.Header{}
	h.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(answer))), 10))
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader(answer)), Request: req}, nil
}

// protocols is a DB that records the protocol each request is serialized with, after the
// options the model passed.
type protocols struct {
	*dynamodb.Client
	used []string
}

func (p *protocols) record(opts []func(*dynamodb.Options)) {
	o := p.Options()
	for _, f := range opts {
		f(&o)
	}
	if _, sdk := o.Protocol.(*awsjson.Protocol); sdk {
		p.used = append(p.used, "sdk")
	} else {
		p.used = append(p.used, "wire")
	}
}

func (p *protocols) PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	p.record(opts)
	return p.Client.PutItem(ctx, in, opts...)
}

func (p *protocols) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	p.record(opts)
	return p.Client.GetItem(ctx, in, opts...)
}

func (p *protocols) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	p.record(opts)
	return p.Client.BatchWriteItem(ctx, in, opts...)
}

// TestSerializers checks that a model writes its PutItem, GetItem and BatchWriteItem bodies
// itself unless WithSDKSerializer is given, and that the server receives the same requests
// either way.
func TestSerializers(t *testing.T) {
	ctx := context.Background()
	send := func(opts ...Option) (used []string, sent []any) {
		var b bodies
		db := &protocols{Client: dynamodb.New(dynamodb.Options{
			Region:       "us-east-1",
			BaseEndpoint: aws.String("http://localhost:8000"),
			Credentials:  credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
			HTTPClient:   &b,
		})}
		m, err := New[order](db, "orders", orderSchema(t), opts...)
		if err != nil {
			t.Fatalf("New = %v", err)
		}
		o := order{Customer: "c\"1", ID: 7, Status: "new", Total: 12.5, Tags: []string{"gift"}, Lines: []string{"a", "b"}, Ship: &address{City: "Oslo"}}
		if err := m.Put(ctx, &o); err != nil {
			t.Fatalf("Put = %v", err)
		}
		if _, err := m.Get(ctx, Key{Hash: "c\"1", Range: 7}, Consistent()); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get = %v, want not found", err)
		}
		if err := m.BatchPut(ctx, []*order{&o, {Customer: "c2", ID: 1}}); err != nil {
			t.Fatalf("BatchPut = %v", err)
		}
		return db.used, b.sent
	}
	used, wireSent := send()
	if want := []string{"wire", "wire", "wire"}; !cmp.Equal(used, want) {
		t.Errorf("default model's protocols = %v, want %v", used, want)
	}
	used, sdkSent := send(WithSDKSerializer())
	if want := []string{"sdk", "sdk", "sdk"}; !cmp.Equal(used, want) {
		t.Errorf("protocols WithSDKSerializer = %v, want %v", used, want)
	}
	if diff := cmp.Diff(sdkSent, wireSent); diff != "" {
		t.Errorf("requests differ (-SDK's serializer +the model's):\n%s", diff)
	}
}

// TestPutWritten checks that a model on the SDK's client itself sends the item of Put and
// Create written in DynamoDB's JSON form straight from the struct, and that the server
// receives the same requests as through the SDK's serializer; a wrapped client, a client with
// middleware, ReturnStored and transactions get the item's map.
func TestPutWritten(t *testing.T) {
	ctx := context.Background()
	client := func(b *bodies) *dynamodb.Client {
		return dynamodb.New(dynamodb.Options{
			Region:       "us-east-1",
			BaseEndpoint: aws.String("http://localhost:8000"),
			Credentials:  credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
			HTTPClient:   b,
		})
	}
	o := order{Customer: "c\"1", ID: 7, Status: "new", Total: 12.5, Tags: []string{"gift"}, Lines: []string{"a", "b"}, Ship: &address{City: "Oslo"}}
	var direct, viaSDK bodies
	m, err := New[order](client(&direct), "orders", orderSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	in, _, _, body, err := m.putInput("put", &o, nil, true)
	if err != nil || body == nil || in.Item != nil {
		t.Fatalf("putInput = item %v, written %v, %v; want the item written", in.Item, body != nil, err)
	}
	ms, err := New[order](client(&viaSDK), "orders", orderSchema(t), WithSDKSerializer())
	if err != nil {
		t.Fatal(err)
	}
	for _, model := range []*Model[order]{m, ms} {
		if err := model.Put(ctx, &o, If(Where("status").Eq("new"))); err != nil {
			t.Fatal(err)
		}
		if err := model.Create(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(viaSDK.sent, direct.sent); diff != "" {
		t.Errorf("requests differ (-SDK's serializer +written item):\n%s", diff)
	}
	for name, written := range map[string]bool{
		"wrapped client": func() bool {
			mw, _ := New[order](&protocols{Client: client(&bodies{})}, "orders", orderSchema(t))
			_, _, _, body, _ := mw.putInput("put", &o, nil, true)
			return body != nil
		}(),
		"ReturnStored": func() bool {
			var stored order
			_, _, _, body, _ := m.putInput("put", &o, []CallOption{ReturnStored(&stored)}, true)
			return body != nil
		}(),
		"client with middleware": func() bool {
			c := client(&bodies{})
			mc, _ := New[order](dynamodb.New(c.Options(), func(o *dynamodb.Options) {
				o.APIOptions = append(o.APIOptions, func(*middleware.Stack) error { return nil })
			}), "orders", orderSchema(t))
			_, _, _, body, _ := mc.putInput("put", &o, nil, true)
			return body != nil
		}(),
		"transaction": func() bool {
			_, _, _, body, _ := m.putInput("put", &o, nil, false)
			return body != nil
		}(),
	} {
		if written {
			t.Errorf("%s: the item was written in JSON; want its map", name)
		}
	}
}
