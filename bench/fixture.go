package bench

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/guregu/dynamo/v2"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

// RepresentativeSchema is the representative item's schema with the whole write pipeline a
// Dynamoose user writes: keys, a default, validators (two regular expressions, a function),
// an enum on the string set, and timestamps (createdAt kept in the item's created field,
// updatedAt stored as "updated", both in epoch seconds). now is the schema's clock.
func RepresentativeSchema(now func() time.Time) (*schema.Schema[Representative], error) {
	return representativeSchema(now, schema.Validate(validate.Regexp(idPattern)), schema.Validate(validate.Regexp(zipPattern)))
}

// representativeSchema is RepresentativeSchema with the given settings of id and
// address.zip: their regular expressions, or none (to tell their cost from the pipeline's).
func representativeSchema(now func() time.Time, id, zip schema.Setting) (*schema.Schema[Representative], error) {
	settings := func(s ...schema.Setting) []schema.Setting {
		return slices.DeleteFunc(s, func(s schema.Setting) bool { return s == nil })
	}
	return schema.For[Representative](
		schema.Attr("id", settings(schema.HashKey(), id)...),
		schema.Attr("sort", schema.RangeKey()),
		schema.Attr("views", schema.Default(int64(0))),
		schema.Attr("rating", schema.Validate(validate.Func("rating", checkRating))),
		schema.Attr("tags", schema.Enum("gold", "silver", "early-adopter", "newsletter")),
		schema.Attr("address.zip", settings(zip)...),
		schema.CreatedAt("created", attr.TimeSeconds),
		schema.UpdatedAt("updated", attr.TimeSeconds),
		schema.Clock(now),
	)
}

var (
	idPattern  = regexp.MustCompile(`^customer#[0-9a-f]+$`)
	zipPattern = regexp.MustCompile(`^[0-9]{5}$`)
)

func checkRating(r float64) error {
	if r < 0 || r > 5 {
		return errors.New("a rating is between 0 and 5")
	}
	return nil
}

// Client is one way of calling DynamoDB with representative items: Dynamodel's model, the
// SDK with a handwritten conversion or with attributevalue, and guregu/dynamo. All of them
// store the same item (raw clients add the updated timestamp as a user would) and read it
// back the same way.
type Client struct {
	Name string
	// Put stores v.
	Put func(ctx context.Context, v *Representative) error
	// Get reads the item with v's key into v.
	Get func(ctx context.Context, id, sort string, v *Representative) error
	// Query reads every item whose hash key is id, page by page, appending them to out.
	// With pageSize 0 the pages are DynamoDB's (up to 1 MB); otherwise they have pageSize
	// items, read through the client's paging API (nil for guregu, which has none).
	Query func(ctx context.Context, id string, pageSize int, out []Representative) ([]Representative, error)
	// BatchPut stores items.
	BatchPut func(ctx context.Context, items []Representative) error
	// Iterate yields the items whose hash key is id, as they are read (Dynamodel only).
	Iterate func(ctx context.Context, id string) iter.Seq2[Representative, error]
}

// Clients returns the four clients over db and its table, in report order: dynamodel,
// raw-handwritten, raw-attributevalue, guregu. now stamps the updated attribute.
func Clients(db *dynamodb.Client, table string, now func() time.Time) ([]Client, error) {
	s, err := RepresentativeSchema(now)
	if err != nil {
		return nil, err
	}
	m, err := model.New[Representative](db, table, s)
	if err != nil {
		return nil, err
	}
	g := dynamo.NewFromIface(db).Table(table)
	return []Client{dynamodelClient(m), rawClient("raw-handwritten", db, table, now, handCodec), rawClient("raw-attributevalue", db, table, now, avCodec), gureguClient(g, now)}, nil
}

func dynamodelClient(m *model.Model[Representative]) Client {
	return Client{
		Name: "dynamodel",
		Put:  func(ctx context.Context, v *Representative) error { return m.Put(ctx, v) },
		Get: func(ctx context.Context, id, sort string, v *Representative) error {
			got, err := m.Get(ctx, model.Key{Hash: id, Range: sort})
			*v = got
			return err
		},
		Query: func(ctx context.Context, id string, pageSize int, out []Representative) ([]Representative, error) {
			q := m.Query(model.Where("id").Eq(id))
			if pageSize > 0 {
				q = q.Limit(pageSize)
				cursor := ""
				for {
					page, err := q.Page(ctx, cursor)
					if err != nil {
						return out, err
					}
					out = append(out, page.Items...)
					if cursor = page.Cursor; cursor == "" {
						return out, nil
					}
				}
			}
			for item, err := range q.All(ctx) {
				if err != nil {
					return out, err
				}
				out = append(out, item)
			}
			return out, nil
		},
		Iterate: func(ctx context.Context, id string) iter.Seq2[Representative, error] {
			return m.Query(model.Where("id").Eq(id)).All(ctx)
		},
		BatchPut: func(ctx context.Context, items []Representative) error {
			ptrs := make([]*Representative, len(items))
			for i := range items {
				ptrs[i] = &items[i]
			}
			return m.BatchPut(ctx, ptrs)
		},
	}
}

// codec is a raw client's conversion.
type codec struct {
	marshal   func(*Representative) (map[string]types.AttributeValue, error)
	unmarshal func(map[string]types.AttributeValue, *Representative) error
}

var (
	handCodec = codec{
		marshal:   func(v *Representative) (map[string]types.AttributeValue, error) { return MarshalRepresentative(v), nil },
		unmarshal: UnmarshalRepresentative,
	}
	// handValidatedCodec is handCodec after the representative schema's checks written by
	// hand, as a user of the raw SDK who wants the same guarantees would write them (with the
	// standard library's regexp): what validation costs without an ODM.
	handValidatedCodec = codec{
		marshal: func(v *Representative) (map[string]types.AttributeValue, error) {
			if err := validateByHand(v); err != nil {
				return nil, err
			}
			return MarshalRepresentative(v), nil
		},
		unmarshal: UnmarshalRepresentative,
	}
	avCodec = codec{
		marshal: func(v *Representative) (map[string]types.AttributeValue, error) { return attributevalue.MarshalMap(v) },
		unmarshal: func(item map[string]types.AttributeValue, v *Representative) error {
			return attributevalue.UnmarshalMap(item, v)
		},
	}
)

// validateByHand checks v as the representative schema does: the id and the zip code
// against their patterns, the rating, and every tag against the enum.
func validateByHand(v *Representative) error {
	if !idPattern.MatchString(v.ID) {
		return fmt.Errorf("id %q does not match %v", v.ID, idPattern)
	}
	if z := v.Address.Zip; !zipPattern.MatchString(z) { // "" too: the field stores it
		return fmt.Errorf("address.zip %q does not match %v", z, zipPattern)
	}
	if err := checkRating(v.Rating); err != nil {
		return fmt.Errorf("rating: %w", err)
	}
	for _, t := range v.Tags {
		switch t {
		case "gold", "silver", "early-adopter", "newsletter":
		default:
			return fmt.Errorf("tags: %q is not one of the enum's values", t)
		}
	}
	return nil
}

func epoch(t time.Time) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(t.Unix(), 10)}
}

func rawClient(name string, db *dynamodb.Client, table string, now func() time.Time, c codec) Client {
	return Client{
		Name: name,
		Put: func(ctx context.Context, v *Representative) error {
			item, err := c.marshal(v)
			if err != nil {
				return err
			}
			item["updated"] = epoch(now())
			_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item})
			return err
		},
		Get: func(ctx context.Context, id, sort string, v *Representative) error {
			out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: map[string]types.AttributeValue{
				"id":   &types.AttributeValueMemberS{Value: id},
				"sort": &types.AttributeValueMemberS{Value: sort},
			}})
			if err != nil {
				return err
			}
			if out.Item == nil {
				return errors.New("not found")
			}
			return c.unmarshal(out.Item, v)
		},
		Query: func(ctx context.Context, id string, pageSize int, out []Representative) ([]Representative, error) {
			in := &dynamodb.QueryInput{
				TableName:                 aws.String(table),
				KeyConditionExpression:    aws.String("#id = :id"),
				ExpressionAttributeNames:  map[string]string{"#id": "id"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":id": &types.AttributeValueMemberS{Value: id}},
			}
			if pageSize > 0 {
				in.Limit = aws.Int32(int32(pageSize))
			}
			p := dynamodb.NewQueryPaginator(db, in)
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					return out, err
				}
				for _, item := range page.Items {
					var v Representative
					if err := c.unmarshal(item, &v); err != nil {
						return out, err
					}
					out = append(out, v)
				}
			}
			return out, nil
		},
		BatchPut: func(ctx context.Context, items []Representative) error {
			for len(items) > 0 {
				n := min(len(items), 25)
				reqs := make([]types.WriteRequest, n)
				for i := range n {
					item, err := c.marshal(&items[i])
					if err != nil {
						return err
					}
					item["updated"] = epoch(now())
					reqs[i] = types.WriteRequest{PutRequest: &types.PutRequest{Item: item}}
				}
				items = items[n:]
				pending := map[string][]types.WriteRequest{table: reqs}
				for len(pending) > 0 {
					out, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
					if err != nil {
						return err
					}
					pending = out.UnprocessedItems
				}
			}
			return nil
		},
	}
}

// stamped is a representative item as guregu writes it with the updated timestamp added,
// through guregu's ItemMarshaler.
type stamped struct {
	v   *Representative
	now time.Time
}

func (s stamped) MarshalDynamoItem() (map[string]types.AttributeValue, error) {
	item, err := dynamo.MarshalItem(s.v)
	if err != nil {
		return nil, err
	}
	item["updated"] = epoch(s.now)
	return item, nil
}

func gureguClient(t dynamo.Table, now func() time.Time) Client {
	return Client{
		Name: "guregu",
		Put: func(ctx context.Context, v *Representative) error {
			return t.Put(stamped{v, now()}).Run(ctx)
		},
		Get: func(ctx context.Context, id, sort string, v *Representative) error {
			return t.Get("id", id).Range("sort", dynamo.Equal, sort).One(ctx, v)
		},
		Query: func(ctx context.Context, id string, pageSize int, out []Representative) ([]Representative, error) {
			if pageSize > 0 {
				return out, errors.New("guregu has no page size")
			}
			it := t.Get("id", id).Iter()
			var v Representative
			for it.Next(ctx, &v) {
				out = append(out, v)
				v = Representative{}
			}
			return out, it.Err()
		},
		BatchPut: func(ctx context.Context, items []Representative) error {
			batch := make([]any, len(items))
			at := now()
			for i := range items {
				batch[i] = stamped{&items[i], at}
			}
			n, err := t.Batch().Write().Put(batch...).Run(ctx)
			if err == nil && n != len(items) {
				err = fmt.Errorf("guregu wrote %d of %d items", n, len(items))
			}
			return err
		},
	}
}
