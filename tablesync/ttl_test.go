package tablesync

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The time-to-live path against recorded answers: the local test server (dynalite) has no
// UpdateTimeToLive, so these are what fail when Plan's reading of DescribeTimeToLive or
// Apply's UpdateTimeToLive requests break.

// ttlServer describes the live orders table and answers the time-to-live calls from its
// fields; it records every UpdateTimeToLive request. Any other call fails the test.
type ttlServer struct {
	API
	t        *testing.T
	describe func() (*dynamodb.DescribeTimeToLiveOutput, error)
	update   []error // the answer to each UpdateTimeToLive, in turn; nil: success
	sent     []*dynamodb.UpdateTimeToLiveInput
}

func (s *ttlServer) DescribeTable(context.Context, *dynamodb.DescribeTableInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	d := liveOrders().desc
	return &dynamodb.DescribeTableOutput{Table: &d}, nil
}

func (s *ttlServer) ListTagsOfResource(context.Context, *dynamodb.ListTagsOfResourceInput, ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error) {
	return &dynamodb.ListTagsOfResourceOutput{Tags: []types.Tag{
		{Key: aws.String("team"), Value: aws.String("shop")}, {Key: aws.String("env"), Value: aws.String("test")}}}, nil
}

func (s *ttlServer) DescribeTimeToLive(context.Context, *dynamodb.DescribeTimeToLiveInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
	return s.describe()
}

func (s *ttlServer) UpdateTimeToLive(_ context.Context, in *dynamodb.UpdateTimeToLiveInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
	s.sent = append(s.sent, in)
	if len(s.update) == 0 {
		s.t.Errorf("UpdateTimeToLive %d sent; want fewer", len(s.sent))
		return nil, errors.New("unexpected request")
	}
	err := s.update[0]
	s.update = s.update[1:]
	if err != nil {
		return nil, err
	}
	return &dynamodb.UpdateTimeToLiveOutput{TimeToLiveSpecification: in.TimeToLiveSpecification}, nil
}

func ttlDescribed(status types.TimeToLiveStatus, attribute string) func() (*dynamodb.DescribeTimeToLiveOutput, error) {
	return func() (*dynamodb.DescribeTimeToLiveOutput, error) {
		d := &types.TimeToLiveDescription{TimeToLiveStatus: status}
		if attribute != "" {
			d.AttributeName = aws.String(attribute)
		}
		return &dynamodb.DescribeTimeToLiveOutput{TimeToLiveDescription: d}, nil
	}
}

// updateTTL is the request that sets the orders table's time to live.
func updateTTL(attribute string, enabled bool) *dynamodb.UpdateTimeToLiveInput {
	return &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("orders"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String(attribute), Enabled: aws.Bool(enabled)}}
}

var (
	unknownOperation = &smithy.GenericAPIError{Code: "UnknownOperationException"}
	tooOften         = &smithy.GenericAPIError{Code: "ValidationException", Message: "Time to live has been modified multiple times within a fixed interval"}
)

func TestTTLAgainstRecordedAnswers(t *testing.T) {
	tests := []struct {
		name     string
		ttl      string // the definition's
		describe func() (*dynamodb.DescribeTimeToLiveOutput, error)
		update   []error
		// want: the plan's steps, the requests Apply sends, the steps it skips, its error
		steps   string
		notes   string
		sent    []*dynamodb.UpdateTimeToLiveInput
		skipped string
		err     string
	}{
		{
			name: "enable", ttl: "expiresAt", describe: ttlDescribed(types.TimeToLiveStatusDisabled, ""),
			update: []error{nil},
			steps:  "[enable ttl]", sent: []*dynamodb.UpdateTimeToLiveInput{updateTTL("expiresAt", true)},
		},
		{
			name: "disable", ttl: "", describe: ttlDescribed(types.TimeToLiveStatusEnabled, "expiresAt"),
			update: []error{nil},
			steps:  "[disable ttl]", sent: []*dynamodb.UpdateTimeToLiveInput{updateTTL("expiresAt", false)},
		},
		{
			name: "already enabling", ttl: "expiresAt", describe: ttlDescribed(types.TimeToLiveStatusEnabling, "expiresAt"),
			steps: "[]",
		},
		{
			name: "change, the second call refused", ttl: "deleteAfter", describe: ttlDescribed(types.TimeToLiveStatusEnabled, "expiresAt"),
			update: []error{nil, tooOften},
			steps:  "[change ttl]", sent: []*dynamodb.UpdateTimeToLiveInput{updateTTL("expiresAt", false), updateTTL("deleteAfter", true)},
			err: "UpdateTimeToLive",
		},
		{
			name: "a server without UpdateTimeToLive", ttl: "expiresAt", describe: ttlDescribed(types.TimeToLiveStatusDisabled, ""),
			update: []error{unknownOperation},
			steps:  "[enable ttl]", sent: []*dynamodb.UpdateTimeToLiveInput{updateTTL("expiresAt", true)},
			skipped: "time to live: the server does not support it (UnknownOperationException)",
		},
		{
			name: "a server without DescribeTimeToLive", ttl: "expiresAt",
			describe: func() (*dynamodb.DescribeTimeToLiveOutput, error) { return nil, unknownOperation },
			steps:    "[]", notes: "orders: time to live not compared: the server does not support it (UnknownOperationException)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &ttlServer{t: t, describe: tt.describe, update: tt.update}
			spec := ordersSpec()
			spec.TTL = tt.ttl
			plan, err := Plan(t.Context(), srv, spec)
			if err != nil {
				t.Fatalf("Plan = %v", err)
			}
			var steps []string
			for _, s := range plan.Steps {
				steps = append(steps, string(s.Action))
			}
			if got := fmt.Sprintf("[%s]", strings.Join(steps, " ")); got != tt.steps {
				t.Fatalf("Plan steps = %s; want %s (plan %v)", got, tt.steps, plan)
			}
			if got := strings.Join(plan.Notes, "; "); got != tt.notes {
				t.Errorf("Plan notes = %q; want %q", got, tt.notes)
			}
			res, err := Apply(t.Context(), srv, plan, AllowDestructive())
			if diff := cmp.Diff(tt.sent, srv.sent, cmpopts.IgnoreUnexported(dynamodb.UpdateTimeToLiveInput{}, types.TimeToLiveSpecification{})); diff != "" {
				t.Errorf("UpdateTimeToLive requests mismatch (-want +got):\n%s", diff)
			}
			var e *Error
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("Apply = %v; want nil", err)
			case tt.err != "" && (!errors.As(err, &e) || e.Op != tt.err || e.Table != "orders" || !errors.Is(err, tooOften)):
				t.Fatalf("Apply = %v; want a *tablesync.Error of %s on orders wrapping the server's answer", err, tt.err)
			}
			var skipped []string
			for _, s := range res.Skipped {
				skipped = append(skipped, s.Reason)
			}
			if got := strings.Join(skipped, "; "); got != tt.skipped {
				t.Errorf("Apply skipped %q; want %q", got, tt.skipped)
			}
			if tt.err == "" && tt.skipped == "" && len(res.Applied) != len(plan.Steps) {
				t.Errorf("Apply applied %v; want every step of %v", res.Applied, plan)
			}
		})
	}
}
