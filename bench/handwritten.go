package bench

import (
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The handwritten conversions are what a careful programmer writes for one struct with no
// library: each attribute value allocated on its own. They are the floor of the benchmarks.

// MarshalRepresentative converts v by hand.
func MarshalRepresentative(v *Representative) map[string]types.AttributeValue {
	labels := make(map[string]types.AttributeValue, len(v.Labels))
	for k, s := range v.Labels {
		labels[k] = &types.AttributeValueMemberS{Value: s}
	}
	awards := make([]types.AttributeValue, len(v.Awards))
	for i, a := range v.Awards {
		awards[i] = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"name": &types.AttributeValueMemberS{Value: a.Name},
			"year": &types.AttributeValueMemberN{Value: strconv.Itoa(a.Year)},
		}}
	}
	item := map[string]types.AttributeValue{
		"id":      &types.AttributeValueMemberS{Value: v.ID},
		"sort":    &types.AttributeValueMemberS{Value: v.Sort},
		"views":   &types.AttributeValueMemberN{Value: strconv.FormatInt(v.Views, 10)},
		"rating":  &types.AttributeValueMemberN{Value: strconv.FormatFloat(v.Rating, 'f', -1, 64)},
		"active":  &types.AttributeValueMemberBOOL{Value: v.Active},
		"created": &types.AttributeValueMemberN{Value: strconv.FormatInt(v.Created.Unix(), 10)},
		"labels":  &types.AttributeValueMemberM{Value: labels},
		"address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"street": &types.AttributeValueMemberS{Value: v.Address.Street},
			"city":   &types.AttributeValueMemberS{Value: v.Address.City},
			"zip":    &types.AttributeValueMemberS{Value: v.Address.Zip},
		}},
		"awards": &types.AttributeValueMemberL{Value: awards},
		"avatar": &types.AttributeValueMemberB{Value: v.Avatar},
	}
	if len(v.Tags) > 0 {
		item["tags"] = &types.AttributeValueMemberSS{Value: v.Tags}
	}
	if v.Nickname != nil {
		item["nickname"] = &types.AttributeValueMemberS{Value: *v.Nickname}
	}
	return item
}

// UnmarshalRepresentative converts item by hand, checking every type.
func UnmarshalRepresentative(item map[string]types.AttributeValue, v *Representative) error {
	var err error
	str := func(name string, av types.AttributeValue, dst *string) {
		if s, ok := av.(*types.AttributeValueMemberS); ok {
			*dst = s.Value
		} else if av != nil && err == nil {
			err = fmt.Errorf("%s: not a string", name)
		}
	}
	num := func(name string, av types.AttributeValue) int64 {
		n, ok := av.(*types.AttributeValueMemberN)
		if !ok {
			if av != nil && err == nil {
				err = fmt.Errorf("%s: not a number", name)
			}
			return 0
		}
		x, perr := strconv.ParseInt(n.Value, 10, 64)
		if perr != nil && err == nil {
			err = fmt.Errorf("%s: %w", name, perr)
		}
		return x
	}
	str("id", item["id"], &v.ID)
	str("sort", item["sort"], &v.Sort)
	v.Views = num("views", item["views"])
	if n, ok := item["rating"].(*types.AttributeValueMemberN); ok {
		f, perr := strconv.ParseFloat(n.Value, 64)
		if perr != nil {
			return fmt.Errorf("rating: %w", perr)
		}
		v.Rating = f
	}
	if b, ok := item["active"].(*types.AttributeValueMemberBOOL); ok {
		v.Active = b.Value
	}
	if av, ok := item["created"]; ok {
		v.Created = time.Unix(num("created", av), 0).UTC()
	}
	if ss, ok := item["tags"].(*types.AttributeValueMemberSS); ok {
		v.Tags = ss.Value
	}
	if m, ok := item["labels"].(*types.AttributeValueMemberM); ok {
		v.Labels = make(map[string]string, len(m.Value))
		for k, av := range m.Value {
			var s string
			str("labels."+k, av, &s)
			v.Labels[k] = s
		}
	}
	if m, ok := item["address"].(*types.AttributeValueMemberM); ok {
		str("address.street", m.Value["street"], &v.Address.Street)
		str("address.city", m.Value["city"], &v.Address.City)
		str("address.zip", m.Value["zip"], &v.Address.Zip)
	}
	if l, ok := item["awards"].(*types.AttributeValueMemberL); ok {
		v.Awards = make([]Award, len(l.Value))
		for i, av := range l.Value {
			m, ok := av.(*types.AttributeValueMemberM)
			if !ok {
				return fmt.Errorf("awards[%d]: not a map", i)
			}
			str("awards.name", m.Value["name"], &v.Awards[i].Name)
			v.Awards[i].Year = int(num("awards.year", m.Value["year"]))
		}
	}
	if b, ok := item["avatar"].(*types.AttributeValueMemberB); ok {
		v.Avatar = b.Value
	}
	if s, ok := item["nickname"].(*types.AttributeValueMemberS); ok {
		nick := s.Value
		v.Nickname = &nick
	}
	return err
}

// MarshalSimple converts v by hand.
func MarshalSimple(v *Simple) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"id":   &types.AttributeValueMemberS{Value: v.ID},
		"name": &types.AttributeValueMemberS{Value: v.Name},
		"age":  &types.AttributeValueMemberN{Value: strconv.Itoa(v.Age)},
	}
}

// UnmarshalSimple converts item by hand.
func UnmarshalSimple(item map[string]types.AttributeValue, v *Simple) error {
	if s, ok := item["id"].(*types.AttributeValueMemberS); ok {
		v.ID = s.Value
	}
	if s, ok := item["name"].(*types.AttributeValueMemberS); ok {
		v.Name = s.Value
	}
	if n, ok := item["age"].(*types.AttributeValueMemberN); ok {
		age, err := strconv.Atoi(n.Value)
		if err != nil {
			return fmt.Errorf("age: %w", err)
		}
		v.Age = age
	}
	return nil
}
