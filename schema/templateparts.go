package schema

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// PartsOf reads the parts of the [Template] attribute name back from the key text, as the
// parts' attributes store them (a padded number without its zeros): what Read fills in for
// parts a stored item lacks. A text that does not fit the pattern matches
// [ErrTemplateMismatch].
func (s *core) PartsOf(name, key string) (map[string]types.AttributeValue, error) {
	for _, a := range s.templated {
		if a.name != name {
			continue
		}
		texts, err := a.tmpl.parse(key)
		if err != nil {
			return nil, err
		}
		parts := make(map[string]types.AttributeValue, len(texts))
		for i, p := range a.tmpl.parts {
			av, err := p.stored(texts[i])
			if err != nil {
				return nil, fmt.Errorf("schema: %s: part %q of %q: %w", name, p.a.name, key, err)
			}
			parts[p.a.name] = av
		}
		return parts, nil
	}
	return nil, fmt.Errorf("schema: %s is not computed by a Template", name)
}
