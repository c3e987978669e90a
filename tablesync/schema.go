package tablesync

import "github.com/dynamodel/dynamodel/schema"

// FromSchema returns the definition of the table called name (the full name, prefix and
// suffix included) as the schema s describes it: keys and indexes, billing, time to live,
// tags, stream and table class. Pass the definitions of several models stored in one table
// to [Plan], [Sync] or [Export] together: they are merged.
func FromSchema(name string, s *schema.Schema) Table {
	t := Table{
		Name:    name,
		Index:   s.Layout(),
		Billing: s.Billing(),
		Tags:    s.Tags(),
		Class:   s.TableClass(),
	}
	if a, ok := s.TTL(); ok {
		t.TTL = a
	}
	t.Stream.Enabled, t.Stream.View = s.Stream()
	return t
}
