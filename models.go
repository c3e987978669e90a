package dynamodel

import (
	"context"
	"fmt"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/tablesync"
)

// NewModel binds schema s to the table called name on c, as Dynamoose's
// dynamoose.model(name, schema) does: the model reads and writes c.TableName(name) (the
// client's prefix and suffix around name) through c's DynamoDB client. s is built for T
// (schema.For[T], or schema.New for T = map[string]any).
//
// NewModel sends no request; create or check the table with [Sync] (or tablesync directly),
// or manage it outside the program with [tablesync.ExportCloudFormation].
func NewModel[T any](c *Client, name string, s *schema.Schema[T], opts ...model.Option) (*model.Model[T], error) {
	opts = append([]model.Option{model.WithTablePrefix(c.prefix), model.WithTableSuffix(c.suffix)}, opts...)
	return model.New[T](c.db, name, s, opts...)
}

// Syncable is what [Sync] needs of a model: the stored name of its table and the table its
// schema declares. Every *model.Model[T] is one, whatever its T.
type Syncable interface {
	TableName() string
	Definition() schema.Definition
}

var _ Syncable = (*model.Model[struct{}])(nil)

// Definitions returns the table definitions of models, one per model: the keys, indexes,
// billing, time to live, stream, class and tags their schemas declare, under the models' stored
// table names. Models that share a table are merged by the tablesync functions that take them.
//
// The names carry the client's prefix and suffix. A definitions file for the dynamodel
// command names tables without them (its -prefix adds one, and a name that has it already is
// refused): write such a file with the export command of dynamodelcli, which leaves them out.
func Definitions(models ...Syncable) []tablesync.Spec {
	defs := make([]tablesync.Spec, len(models))
	for i, m := range models {
		defs[i] = tablesync.FromSchema(m.TableName(), m.Definition())
	}
	return defs
}

// Sync brings the tables of models in line with their schemas at startup, in one of the
// modes of [tablesync.Mode]: Off sends nothing, CreateOnly creates missing tables, Update
// applies the plan without destructive steps, and Verify returns a *tablesync.DriftError
// listing the differences without changing anything.
//
// Sync takes no options. For a timeout, progress reports or destructive steps, plan and apply
// the models' tables with tablesync, whose functions take them:
//
//	plan, err := tablesync.Plan(ctx, c.DynamoDB(), dynamodel.Definitions(models...)...)
//	...
//	res, err := tablesync.Apply(ctx, c.DynamoDB(), plan, tablesync.AllowDestructive(), tablesync.WithTimeout(time.Hour))
//
// Sync waits until every table it created or changed is ACTIVE. It calls DescribeTable,
// DescribeTimeToLive and ListTagsOfResource, then CreateTable and UpdateTable as the plan needs.
func (c *Client) Sync(ctx context.Context, mode tablesync.Mode, models ...Syncable) (*tablesync.Result, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("dynamodel: Sync: no models")
	}
	return tablesync.Sync(ctx, c.db, mode, Definitions(models...)...)
}
