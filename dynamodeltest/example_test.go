package dynamodeltest_test

// This file is a complete example of testing a program's own code with dynamodeltest: a small
// service that registers users, tested against the local server, and a test that injects
// faults into its requests and checks that the service's retry policy carries every
// registration through them.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/dynamodeltest"
	"github.com/dynamodel/dynamodel/dynamodeltest/fault"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

// --- the program's code ---

type User struct {
	ID    string `dynamo:"id"`
	Email string `dynamo:"email" validate:"email"`
	Name  string `dynamo:"name"`
}

var userSchema = schema.Must(schema.For[User](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("email", schema.Trim(), schema.Lowercase()),
	schema.Attr("name", schema.Required()),
))

// ErrTaken is returned by Register when the user id is already registered.
var ErrTaken = errors.New("user id taken")

// Users registers users and looks them up.
type Users struct {
	users *model.Model[User]
}

// NewUsers binds the service to the "users" table of c.
func NewUsers(c *dynamodel.Client) (*Users, error) {
	m, err := dynamodel.NewModel[User](c, "users", userSchema)
	if err != nil {
		return nil, err
	}
	return &Users{users: m}, nil
}

// Model is the service's model, for creating its table.
func (s *Users) Model() *model.Model[User] { return s.users }

// Register stores a new user; it fails with ErrTaken when the id is registered already.
func (s *Users) Register(ctx context.Context, id, email, name string) error {
	err := s.users.Create(ctx, &User{ID: id, Email: email, Name: name})
	if errors.Is(err, model.ErrConditionFailed) {
		return fmt.Errorf("register %s: %w", id, ErrTaken)
	}
	return err
}

// Lookup returns the user registered under id.
func (s *Users) Lookup(ctx context.Context, id string) (User, error) {
	return s.users.Get(ctx, model.Key{Hash: id}, model.Consistent())
}

// Retryer is the program's retry policy for DynamoDB requests: up to 8 attempts, waiting at
// most maxBackoff between two. The program passes it to its SDK client in production, and the
// test to its test client.
func Retryer(maxBackoff time.Duration) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 8
		o.MaxBackoff = maxBackoff
	})
}

// --- the program's tests ---

// TestMain starts one local server for the package's tests (or uses $DYNAMODB_ENDPOINT).
func TestMain(m *testing.M) { dynamodeltest.Main(m) }

// newUsers returns the service on a test client of its own, with its table created; the table
// is deleted when the test ends.
func newUsers(t *testing.T, opts ...dynamodeltest.Option) *Users {
	t.Helper()
	c := dynamodeltest.Client(t, opts...)
	svc, err := NewUsers(c)
	if err != nil {
		t.Fatal(err)
	}
	dynamodeltest.Sync(t, c, svc.Model())
	return svc
}

func TestRegisterStoresTheUserAndRefusesATakenID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc := newUsers(t)

	if err := svc.Register(ctx, "u1", " Ada@Example.com ", "Ada"); err != nil {
		t.Fatalf("Register(u1) = %v; want success", err)
	}
	got, err := svc.Lookup(ctx, "u1")
	if err != nil {
		t.Fatalf("Lookup(u1) = %v", err)
	}
	if want := (User{ID: "u1", Email: "ada@example.com", Name: "Ada"}); got != want {
		t.Errorf("Lookup(u1) = %+v; want %+v", got, want)
	}
	if err := svc.Register(ctx, "u1", "grace@example.com", "Grace"); !errors.Is(err, ErrTaken) {
		t.Errorf("Register(u1) again = %v; want ErrTaken", err)
	}
	if _, err := svc.Lookup(ctx, "nobody"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Lookup(nobody) = %v; want ErrNotFound", err)
	}
}

// TestRegisterHoldsUnderThrottlingAndServerErrors injects throttling, 5xx answers and
// connection resets into 30% of the service's requests: with the program's retry policy every
// registration must still succeed, once.
func TestRegisterHoldsUnderThrottlingAndServerErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ft := fault.New(nil, fault.Options{
		Seed:  7,
		Rate:  0.3,
		Kinds: []fault.Kind{fault.Throttle, fault.Status500, fault.Status503, fault.BadGatewayHTML, fault.ResetBefore},
		// Only the service's own requests: creating the table is not under test.
		Operations: []string{"PutItem", "GetItem"},
	})
	svc := newUsers(t,
		dynamodeltest.WithTransport(ft),
		dynamodeltest.WithDynamoDBOptions(func(o *dynamodb.Options) { o.Retryer = Retryer(10 * time.Millisecond) }),
	)

	const n = 40
	for i := range n {
		id := fmt.Sprintf("u%02d", i)
		if err := svc.Register(ctx, id, id+"@example.com", "User "+id); err != nil {
			t.Fatalf("Register(%s) = %v; want success under faults (so far %v)", id, err, ft.Counts())
		}
	}
	for i := range n {
		id := fmt.Sprintf("u%02d", i)
		if u, err := svc.Lookup(ctx, id); err != nil || u.Email != id+"@example.com" {
			t.Errorf("Lookup(%s) = %+v, %v; want the registered user", id, u, err)
		}
	}
	if ft.Total() < 10 {
		t.Fatalf("%d faults injected; want at least 10 for the test to mean something", ft.Total())
	}
	t.Logf("%d registrations and lookups, %d faults: %v", n, ft.Total(), ft.Counts())
}
