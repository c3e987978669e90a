package model

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/awserr"
)

// The most keys one BatchGetItem and the most requests one BatchWriteItem may hold.
const (
	maxBatchGet   = 100
	maxBatchWrite = 25
)

// keyString is a canonical text of the key attributes names of item, to match items and
// unprocessed requests with their inputs, and to find two actions on one item. Numbers are
// matched by value: DynamoDB answers with its own spelling of a number (1700000000 for the
// 1.7e+09 that was sent, 1.5 for 1.50).
func keyString(item map[string]types.AttributeValue, names []string) string {
	var b strings.Builder
	for _, n := range names {
		switch v := item[n].(type) {
		case *types.AttributeValueMemberS:
			b.WriteString("S")
			b.WriteString(v.Value)
		case *types.AttributeValueMemberN:
			b.WriteString("N")
			b.WriteString(canonicalNumber(v.Value))
		case *types.AttributeValueMemberB:
			b.WriteString("B")
			b.WriteString(base64.StdEncoding.EncodeToString(v.Value))
		default:
			b.WriteString("-")
		}
		b.WriteByte(0)
	}
	return b.String()
}

// canonicalNumber returns one text for every spelling of the decimal number n: its
// significant digits without leading or trailing zeros, with a sign and a power of ten when
// needed ("-15e-1" for -1.50, "17e8" for 1.7e+09 and 1700000000, "0" for -0.0). Text that is
// not a decimal number is returned as it is.
func canonicalNumber(n string) string {
	// The common case: an integer without leading or trailing zeros is its own form.
	digits := strings.TrimPrefix(n, "-")
	if plain := len(digits) > 0 && digits[0] != '0' && digits[len(digits)-1] != '0'; plain {
		for i := 0; i < len(digits); i++ {
			if digits[i] < '0' || digits[i] > '9' {
				plain = false
				break
			}
		}
		if plain {
			return n
		}
	}
	s, neg := n, false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	mantissa, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil {
			return n
		}
		mantissa, exp = s[:i], e
	}
	whole, frac, _ := strings.Cut(mantissa, ".")
	if whole == "" && frac == "" {
		return n
	}
	for _, part := range [2]string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return n
			}
		}
	}
	sig := strings.TrimLeft(whole+frac, "0")
	exp -= len(frac)
	trimmed := strings.TrimRight(sig, "0")
	exp += len(sig) - len(trimmed)
	if trimmed == "" {
		return "0"
	}
	out := trimmed
	if neg {
		out = "-" + out
	}
	if exp != 0 {
		out += "e" + strconv.Itoa(exp)
	}
	return out
}

// batchGet reads keys in chunks of 100, retrying unprocessed keys with backoff until done or
// ctx ends. items[i] is the item of keys[i], nil when there is none; failed lists the
// positions of keys that were not read, and err why.
func batchGet(ctx context.Context, db DB, bo *backoff, table string, keyNames []string, keys []map[string]types.AttributeValue,
	consistent bool, proj *string, names map[string]string) (items []map[string]types.AttributeValue, failed []int, err error) {
	items = make([]map[string]types.AttributeValue, len(keys))
	// One request per distinct key: DynamoDB refuses duplicates within a request.
	positions := make(map[string][]int, len(keys))
	var pending []string
	for i, k := range keys {
		ks := keyString(k, keyNames)
		if _, ok := positions[ks]; !ok {
			pending = append(pending, ks)
		}
		positions[ks] = append(positions[ks], i)
	}
	keyOf := func(ks string) map[string]types.AttributeValue { return keys[positions[ks][0]] }
	for len(pending) > 0 {
		chunk := pending[:min(maxBatchGet, len(pending))]
		req := types.KeysAndAttributes{ConsistentRead: aws.Bool(consistent), ProjectionExpression: proj, ExpressionAttributeNames: names}
		for _, ks := range chunk {
			req.Keys = append(req.Keys, keyOf(ks))
		}
		out, callErr := db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{table: req}})
		if callErr != nil {
			if !awserr.Retryable(callErr) || ctx.Err() != nil {
				return items, allPositions(pending, positions), callErr
			}
			if werr := bo.wait(ctx); werr != nil {
				return items, allPositions(pending, positions), errors.Join(werr, callErr)
			}
			continue
		}
		for _, it := range out.Responses[table] {
			for _, i := range positions[keyString(it, keyNames)] {
				items[i] = it
			}
		}
		rest := pending[len(chunk):]
		unprocessed := out.UnprocessedKeys[table].Keys
		if len(unprocessed) == 0 {
			bo.reset()
			pending = rest
			continue
		}
		again := make([]string, 0, len(unprocessed)+len(rest))
		for _, k := range unprocessed {
			ks := keyString(k, keyNames)
			if _, ok := positions[ks]; !ok {
				// Which key was left is unknown: report every key of the chunk not read.
				var failed []int
				for _, ks := range chunk {
					for _, i := range positions[ks] {
						if items[i] == nil {
							failed = append(failed, i)
						}
					}
				}
				failed = append(failed, allPositions(rest, positions)...)
				slices.Sort(failed)
				return items, failed, errUnknownKey(ks)
			}
			again = append(again, ks)
		}
		pending = append(again, rest...)
		if werr := bo.wait(ctx); werr != nil {
			return items, allPositions(pending, positions), werr
		}
	}
	return items, nil, nil
}

// batchWrite sends requests in chunks of 25, retrying unprocessed ones with backoff until
// done or ctx ends. keys[i] is the key of requests[i]; of requests with the same key only
// the last is sent (as it would win), and the others count as done with it. failed lists
// the positions of requests that were not done.
func batchWrite(ctx context.Context, db DB, bo *backoff, table string, keyNames []string, keys []map[string]types.AttributeValue,
	requests []types.WriteRequest) (failed []int, err error) {
	positions := make(map[string][]int, len(keys))
	last := make(map[string]int, len(keys))
	var pending []string
	for i, k := range keys {
		ks := keyString(k, keyNames)
		if _, ok := positions[ks]; !ok {
			pending = append(pending, ks)
		}
		positions[ks] = append(positions[ks], i)
		last[ks] = i
	}
	for len(pending) > 0 {
		chunk := pending[:min(maxBatchWrite, len(pending))]
		reqs := make([]types.WriteRequest, len(chunk))
		for j, ks := range chunk {
			reqs[j] = requests[last[ks]]
		}
		out, callErr := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: reqs}})
		if callErr != nil {
			if !awserr.Retryable(callErr) || ctx.Err() != nil {
				return allPositions(pending, positions), callErr
			}
			if werr := bo.wait(ctx); werr != nil {
				return allPositions(pending, positions), errors.Join(werr, callErr)
			}
			continue
		}
		rest := pending[len(chunk):]
		unprocessed := out.UnprocessedItems[table]
		if len(unprocessed) == 0 {
			bo.reset()
			pending = rest
			continue
		}
		again := make([]string, 0, len(unprocessed)+len(rest))
		for _, r := range unprocessed {
			var ks string
			switch {
			case r.PutRequest != nil:
				ks = keyString(r.PutRequest.Item, keyNames)
			case r.DeleteRequest != nil:
				ks = keyString(r.DeleteRequest.Key, keyNames)
			}
			if _, ok := positions[ks]; !ok {
				// Which request was left is unknown: none of the chunk counts as done.
				return allPositions(pending, positions), errUnknownKey(ks)
			}
			again = append(again, ks)
		}
		pending = append(again, rest...)
		if werr := bo.wait(ctx); werr != nil {
			return allPositions(pending, positions), werr
		}
	}
	return nil, nil
}

// errUnknownKey is the error of a batch that DynamoDB answered with an unprocessed key or
// request matching none that was sent; ks is its keyString.
func errUnknownKey(ks string) error {
	return fmt.Errorf("model: DynamoDB left unprocessed a key that matches none sent (%q)", strings.TrimSpace(strings.ReplaceAll(ks, "\x00", " ")))
}

// allPositions returns the input positions of the pending keys, in input order.
func allPositions(pending []string, positions map[string][]int) []int {
	var out []int
	for _, ks := range pending {
		out = append(out, positions[ks]...)
	}
	slices.Sort(out)
	return out
}
