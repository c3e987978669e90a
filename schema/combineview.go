package schema

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/schemaview"
)

// Combines returns the attributes computed by Combine, in schema order, with their sources.
func (s *core) Combines() []schemaview.Combined {
	var out []schemaview.Combined
	for _, a := range s.root.attrs {
		if len(a.combine) == 0 {
			continue
		}
		c := schemaview.Combined{Attribute: a.name}
		for _, src := range a.combine {
			c.Sources = append(c.Sources, src.name)
			if src.hasConst {
				c.Constants = append(c.Constants, src.name)
			}
		}
		out = append(out, c)
	}
	return out
}

// HashKeyOf encodes the hash key of an item (a *T, or a map[string]any) alone, computed as
// KeyOf computes it: the range key need not be computable.
func (s *core) HashKeyOf(item any) (types.AttributeValue, error) {
	key, err := s.keyOf(item, s.hash)
	if err != nil {
		return nil, err
	}
	return key[s.hash.name], nil
}
