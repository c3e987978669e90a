package model

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/hooks"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/internal/schemaview"
	"github.com/dynamodel/dynamodel/schema"
)

// Model binds a schema to a table and a client. Its methods are the operations on the
// table's items of type T. A Model is safe for concurrent use.
type Model[T any] struct {
	db    DB
	name  string // the table name as given to New
	table string // the stored name: prefix + name + suffix
	s     *schema.Schema[T]
	view  schemaview.View // what the model reads of s beyond its public methods
	tbl   index.Layout
	keys  []string // the table's key attribute names
	hooks hooks.Set[T]
	o     options
	src   *source
	// entity is the model's entity type in a table shared by several models (WithEntity);
	// entity.attr is "" without one.
	entity entity
	// batch sends the requests of batch calls, with the extra senders they share.
	batch batching
}

// Option configures [New].
type Option func(*options)

type options struct {
	prefix, suffix string
	cursorKey      []byte
	backoffBase    time.Duration
	backoffMax     time.Duration
	batchRetries   int
	version        string
	parallel       int
	batchSenders   int
	entityAttr     string
	entityName     string
}

// WithTablePrefix puts prefix before the table name, e.g. "dev_" so that the model of
// "users" reads and writes the table "dev_users".
func WithTablePrefix(prefix string) Option { return func(o *options) { o.prefix = prefix } }

// WithTableSuffix puts suffix after the table name, e.g. "-prod".
func WithTableSuffix(suffix string) Option { return func(o *options) { o.suffix = suffix } }

// WithCursorKey signs page cursors with HMAC-SHA256 under secret, so that a client handed a
// cursor cannot forge another start key. Without it cursors are opaque but not signed.
func WithCursorKey(secret []byte) Option {
	return func(o *options) { o.cursorKey = append([]byte(nil), secret...) }
}

// WithBatchBackoff sets how long batch operations wait before retrying unprocessed items:
// a random time up to base, doubling each round up to max (by default 50ms and 5s).
func WithBatchBackoff(base, max time.Duration) Option {
	return func(o *options) { o.backoffBase, o.backoffMax = base, max }
}

// WithBatchRetries bounds the retries of batch operations: a request is sent again at most
// n times in a row while DynamoDB does none of it (leaves every item unprocessed or throttles
// the request); a round that gets any item done counts from zero again. Past the bound the
// call returns a *BatchError listing the items left, matched by [ErrRetriesExhausted]. The
// default, 10, waits about 11 s in all with the default backoff (at most about 21 s); with 0
// a call gives up after the first round that leaves an item unprocessed. The context still
// ends the retries before that.
func WithBatchRetries(n int) Option { return func(o *options) { o.batchRetries = n } }

// WithVersion turns on optimistic locking with the numeric attribute name: every write
// through the model checks that the stored item still has the version the caller read, and
// stores the next one. See the package documentation.
func WithVersion(attribute string) Option { return func(o *options) { o.version = attribute } }

// WithBatchConcurrency bounds how many requests the model's batch calls have in flight
// (default 4). BatchGet sends its keys 100 per BatchGetItem, and BatchPut and BatchDelete 25
// per BatchWriteItem. A batch call always sends one request at a time, and takes on up to
// n-1 more senders while the model's other batch calls leave them free: a lone call has n
// requests in flight, and concurrent calls do not multiply them. With 1, every call sends
// its requests one after the other.
func WithBatchConcurrency(n int) Option { return func(o *options) { o.batchSenders = n } }

// WithScanParallelism bounds how many segments of a parallel scan are read at once
// (default 4).
func WithScanParallelism(n int) Option { return func(o *options) { o.parallel = n } }

// New returns the model of the items of schema s in the table called table (stored as
// prefix + table + suffix), read and written through db. s is built for T by
// schema.For[T], or by schema.New for T = map[string]any: a schema of another item type does
// not compile. Bad arguments and options are one *ConfigError listing every problem.
func New[T any](db DB, table string, s *schema.Schema[T], opts ...Option) (*Model[T], error) {
	o := options{backoffBase: 50 * time.Millisecond, backoffMax: 5 * time.Second, batchRetries: 10, parallel: 4, batchSenders: 4}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	var problems []string
	if db == nil {
		problems = append(problems, "no DB client")
	}
	if s == nil {
		return nil, &ConfigError{Func: "New", Table: table, Problems: append(problems, "no schema")}
	}
	stored := o.prefix + table + o.suffix
	if err := checkTableName(stored); err != nil {
		problems = append(problems, err.Error())
	}
	m := &Model[T]{db: db, name: table, table: stored, s: s, view: schemaview.Of(s), tbl: s.Layout(), o: o}
	m.keys = []string{m.tbl.Keys.Hash.Name}
	if m.tbl.Keys.HasRange() {
		m.keys = append(m.keys, m.tbl.Keys.Range.Name)
	}
	problems = append(problems, m.setEntity()...)
	if o.version != "" {
		p, err := m.view.Path(o.version)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("version attribute: %v", err))
		case len(p) != 1:
			problems = append(problems, fmt.Sprintf("version attribute %q is not a top-level attribute", o.version))
		case p[0].Name == m.keys[0] || len(m.keys) > 1 && p[0].Name == m.keys[1]:
			problems = append(problems, fmt.Sprintf("version attribute %q is a key attribute", o.version))
		default:
			m.o.version = p[0].Name
		}
	}
	if o.backoffBase <= 0 || o.backoffMax < o.backoffBase {
		problems = append(problems, "WithBatchBackoff needs 0 < base <= max")
	}
	if o.batchRetries < 0 {
		problems = append(problems, "WithBatchRetries needs at least 0")
	}
	if o.parallel < 1 {
		problems = append(problems, "WithScanParallelism needs at least 1")
	}
	if o.batchSenders < 1 {
		problems = append(problems, "WithBatchConcurrency needs at least 1")
	}
	if len(problems) > 0 {
		return nil, &ConfigError{Func: "New", Table: table, Problems: problems}
	}
	m.src = m.newSource()
	m.batch = newBatching(o.batchSenders, func() *backoff { return newBackoff(o.backoffBase, o.backoffMax, o.batchRetries) })
	return m, nil
}

// checkTableName applies DynamoDB's rule: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-'
// and '.' (index.ValidName), saying which part of it name breaks.
func checkTableName(name string) error {
	if len(name) < index.MinNameLen || len(name) > index.MaxNameLen {
		return fmt.Errorf("table name %q must have %d to %d characters", name, index.MinNameLen, index.MaxNameLen)
	}
	for _, r := range name {
		if !index.NameChar(r) {
			return fmt.Errorf("table name %q holds %q; only a-z, A-Z, 0-9, _, - and . are allowed", name, r)
		}
	}
	return nil
}

// TableName returns the stored name of the model's table, with prefix and suffix.
func (m *Model[T]) TableName() string { return m.table }

// Schema returns the model's schema.
func (m *Model[T]) Schema() *schema.Schema[T] { return m.s }

// WithHooks returns a copy of m whose operations run the hooks of set (in place of those of
// an earlier WithHooks) beside the hook methods of *T; m is unchanged. The copy shares m's
// table, client and batch senders. set is a hooks.Set of the model's T: a set of another
// item type does not compile.
func (m *Model[T]) WithHooks(set hooks.Set[T]) *Model[T] {
	c := *m
	c.hooks = set
	return &c
}

// Definition returns the model's schema as a table definition, without its item type: what
// dynamodel.Sync and tablesync.FromSchema read of a model.
func (m *Model[T]) Definition() schema.Definition { return m.s }

// Key is the primary key of an item, as Go values: Range is nil when the table has no range
// key. Values are encoded as their attributes are stored (a time.Time in its format).
type Key struct {
	Hash  any
	Range any
}

// key encodes k.
func (m *Model[T]) key(k Key) (map[string]types.AttributeValue, error) {
	return m.s.Key(k.Hash, k.Range)
}

// keyItem returns an item holding only the key, for the hooks of get and delete.
func (m *Model[T]) keyItem(key map[string]types.AttributeValue) *T {
	item := new(T)
	if err := m.s.Read(key, item); err != nil {
		return nil
	}
	return item
}

func (m *Model[T]) enc() valueEncoder { return m.src.enc }

// InputError is input refused by the model before anything was sent: a ReturnOld or
// ReturnStored destination of another type than the model's, a nil item, a transaction over
// 100 actions. Items and updates the schema refuses are reported as a *validate.Error
// instead, and bad conditions as a *ConditionError.
type InputError struct {
	Op  string
	Err error
}

func (e *InputError) Error() string { return "model: " + e.Op + ": " + e.Err.Error() }

func (e *InputError) Unwrap() error { return e.Err }

func inputError(op, format string, args ...any) error {
	return &InputError{Op: op, Err: fmt.Errorf(format, args...)}
}

// runHooks runs the hooks of e on item.
func (m *Model[T]) runHooks(ctx context.Context, e hooks.Event, item *T) error {
	if !m.hooks.Has(e) {
		return nil
	}
	return m.hooks.Run(ctx, e, item)
}

// load decodes a stored item through the read pipeline and runs AfterLoad. ok is false when
// the schema hides the item because it expired, and when the item is of another entity than
// the model's (WithEntity).
func (m *Model[T]) load(ctx context.Context, stored map[string]types.AttributeValue, out *T) (ok bool, err error) {
	stored, ok = m.entity.own(stored)
	if !ok {
		return false, nil
	}
	if err := m.s.Read(stored, out); err != nil {
		if errors.Is(err, schema.ErrExpired) {
			return false, nil
		}
		return false, err
	}
	if err := m.runHooks(ctx, hooks.OnAfterLoad, out); err != nil {
		return false, err
	}
	return true, nil
}

// decode is load as a decodeFunc, for queries and scans.
func (m *Model[T]) decode(ctx context.Context, raw map[string]types.AttributeValue) (T, bool, error) {
	var item T
	ok, err := m.load(ctx, raw, &item)
	return item, ok, err
}

// newSource describes the model's items for queries and scans.
func (m *Model[T]) newSource() *source {
	src := &source{db: m.db, table: m.table, tbl: m.tbl, keys: m.keys, cursorKey: m.o.cursorKey, parallel: m.o.parallel}
	src.attrs = m.view.Attributes()
	e := encoder{s: m.view}
	if !m.entity.declared {
		e.entity = m.entity.attr
	}
	src.enc = e
	if ttl, ok := m.s.TTL(); ok {
		src.extra = append(src.extra, attr.Path{{Name: ttl}})
	}
	if m.entity.attr != "" {
		src.extra = append(src.extra, attr.Path{{Name: m.entity.attr}})
	}
	expired := m.view.HidesExpired()
	var why []string
	if ttl, ok := m.s.TTL(); ok && expired {
		src.needs = append(src.needs, ttl)
		why = append(why, fmt.Sprintf("hides expired items by %q", ttl))
	}
	if m.entity.attr != "" {
		src.needs = append(src.needs, m.entity.attr)
		why = append(why, fmt.Sprintf("reads only items with %s %q", m.entity.attr, m.entity.name))
	}
	if len(why) > 0 {
		src.needsWhy = "the model " + strings.Join(why, " and ") + " with a filter"
	}
	src.own = func(string) Condition {
		var c Condition
		if expired {
			c = expiredFilter(m.view)
		}
		return And(c, m.entity.filter())
	}
	return src
}
