package tablesync

import "github.com/dynamodel/dynamodel/schema"

// FromSchema returns the definition of the table called name (the full name, prefix and
// suffix included) as the schema s describes it: keys and indexes, billing, time to live,
// tags, stream and table class. s is a *schema.Schema[T] of any T. Pass the definitions of
// several models stored in one table to [Plan], [Sync] or [Export] together: they are merged.
func FromSchema(name string, s schema.Definition) Spec {
	set := s.TableSettings()
	t := Spec{
		Name:    name,
		Index:   s.Layout(),
		Billing: set.Billing,
		Tags:    set.Tags,
		Class:   set.Class,
		Stream:  Stream{Enabled: set.Stream != "", View: set.Stream},
	}
	if a, ok := s.TTL(); ok {
		t.TTL = a
	}
	return t
}
