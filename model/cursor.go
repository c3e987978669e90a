package model

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/keytext"
)

// A cursor is the LastEvaluatedKey of a page, with the read it belongs to (table, operation,
// index, and for a query a digest of its partition), as base64url JSON; with a cursor key, an
// HMAC-SHA256 signature follows after a dot.
type cursorBody struct {
	Table string       `json:"t"`
	Op    string       `json:"o"`
	Index string       `json:"i,omitempty"`
	Part  string       `json:"p,omitempty"`
	Key   keytext.Text `json:"k"`
}

// cursorScope is the read a cursor is made for and taken by: a cursor of one partition (or
// of a scan) given to a query of another would be sent and refused by DynamoDB, or read
// items of the wrong query.
type cursorScope struct {
	op    string // "query" or "scan"
	index string // the index read ("" for the table); a scan segment adds "#segment i/n"
	part  string // a query's partition, as partitionDigest sums it up
}

// partitionDigest sums up the partition a query reads: the stored name of the key it pins
// and the value it pins it to. Two queries of the same partition get the same digest. Only the
// hash key is summed up, so that a range that moves between pages (a time before now) keeps
// its cursors.
func partitionDigest(name string, value types.AttributeValue) string {
	return partitionDigestKey(map[string]types.AttributeValue{name: value})
}

// partitionDigestKey is partitionDigest of a partition key of one or more attributes.
func partitionDigestKey(key map[string]types.AttributeValue) string {
	// Key values are S, N or B, which keytext.Of spells canonically.
	kt, _ := keytext.Of(key)
	b, _ := json.Marshal(kt)
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

// encodeCursor returns the cursor of a page's last evaluated key, or "" for the last page.
func encodeCursor(secret []byte, table string, scope cursorScope, key map[string]types.AttributeValue) (string, error) {
	if len(key) == 0 {
		return "", nil
	}
	kt, err := keytext.Of(key)
	if err != nil {
		return "", fmt.Errorf("model: page key: %w", err)
	}
	js, err := json.Marshal(cursorBody{Table: table, Op: scope.op, Index: scope.index, Part: scope.part, Key: kt})
	if err != nil {
		return "", err
	}
	c := base64.RawURLEncoding.EncodeToString(js)
	if secret != nil {
		c += "." + base64.RawURLEncoding.EncodeToString(sign(secret, c))
	}
	return c, nil
}

func orUnknown(op string) string {
	if op == "" {
		return "read of unknown kind"
	}
	return op
}

func sign(secret []byte, payload string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// decodeCursor returns the start key a cursor holds. It fails with ErrBadCursor when the
// cursor is malformed, belongs to another table, operation, index or partition, or (with
// a secret) is unsigned or its signature does not match.
func decodeCursor(secret []byte, table string, scope cursorScope, c string) (map[string]types.AttributeValue, error) {
	if c == "" {
		return nil, nil
	}
	payload, sig, signed := strings.Cut(c, ".")
	if secret != nil {
		want := sign(secret, payload)
		got, err := base64.RawURLEncoding.DecodeString(sig)
		if !signed || err != nil || !hmac.Equal(got, want) {
			return nil, fmt.Errorf("%w: signature does not match", ErrBadCursor)
		}
	} else if signed {
		return nil, fmt.Errorf("%w: signed, and the model has no cursor key", ErrBadCursor)
	}
	js, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	var body cursorBody
	if err := json.Unmarshal(js, &body); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	switch {
	case body.Table != table:
		return nil, fmt.Errorf("%w: made for table %q, not %q", ErrBadCursor, body.Table, table)
	case body.Op != scope.op:
		return nil, fmt.Errorf("%w: made for a %s, not a %s", ErrBadCursor, orUnknown(body.Op), scope.op)
	case body.Index != scope.index:
		return nil, fmt.Errorf("%w: made for index %q, not %q", ErrBadCursor, body.Index, scope.index)
	case body.Part != scope.part:
		return nil, fmt.Errorf("%w: made for a query of another partition", ErrBadCursor)
	}
	key, err := body.Key.Key()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	return key, nil
}

// checkCursorKey fails with ErrBadCursor unless the start key of a cursor has exactly the
// key attributes want (the table's keys, and the index's when an index is read), each of its
// type: DynamoDB would refuse any other start key.
func checkCursorKey(key map[string]types.AttributeValue, want []index.Key) error {
	for _, k := range want {
		av, ok := key[k.Name]
		if !ok {
			return fmt.Errorf("%w: no key attribute %q", ErrBadCursor, k.Name)
		}
		if got := attr.TypeOf(av); got != k.Type {
			return fmt.Errorf("%w: key attribute %q is of type %v, not %v", ErrBadCursor, k.Name, got, k.Type)
		}
	}
	if len(key) != len(want) {
		for name := range key {
			if !slices.ContainsFunc(want, func(k index.Key) bool { return k.Name == name }) {
				return fmt.Errorf("%w: %q is not a key attribute", ErrBadCursor, name)
			}
		}
	}
	return nil
}
