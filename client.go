package dynamodel

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// EndpointEnv is the environment variable that, when set and no endpoint is given in code,
// points the client at another DynamoDB endpoint (DynamoDB Local, LocalStack, ...).
const EndpointEnv = "DYNAMODB_ENDPOINT"

// Client is a DynamoDB client with the table-name prefix and suffix that keep one
// environment's tables apart from another's. It is safe for concurrent use.
type Client struct {
	db     *dynamodb.Client
	prefix string
	suffix string
}

// Option configures [Open].
type Option func(*options)

type options struct {
	region    string
	endpoint  string
	creds     aws.CredentialsProvider
	awsConfig *aws.Config
	profile   string
	prefix    string
	suffix    string
	db        *dynamodb.Client
}

// WithRegion sets the AWS region. Without it the region comes from the default chain
// (AWS_REGION, the shared config file); a loopback endpoint falls back to us-east-1.
func WithRegion(region string) Option { return func(o *options) { o.region = region } }

// WithEndpoint sets the DynamoDB endpoint URL, e.g. http://localhost:8000. Without it,
// $DYNAMODB_ENDPOINT is used when set, else the AWS default endpoint for the region.
func WithEndpoint(endpoint string) Option { return func(o *options) { o.endpoint = endpoint } }

// WithStaticCredentials uses fixed credentials instead of the default chain.
func WithStaticCredentials(accessKeyID, secretAccessKey, sessionToken string) Option {
	return func(o *options) {
		o.creds = credentials.NewStaticCredentialsProvider(accessKeyID, secretAccessKey, sessionToken)
	}
}

// WithProfile selects a named profile of the shared AWS config files.
func WithProfile(name string) Option { return func(o *options) { o.profile = name } }

// WithAWSConfig starts from an aws.Config the program already loaded, instead of the default
// chain. Region, endpoint and credentials options still apply on top of it.
func WithAWSConfig(cfg aws.Config) Option { return func(o *options) { o.awsConfig = &cfg } }

// WithDynamoDBClient uses a DynamoDB client the program built itself (with its own retryer,
// middleware or HTTP client). Region, endpoint and credentials options are then ignored.
func WithDynamoDBClient(db *dynamodb.Client) Option { return func(o *options) { o.db = db } }

// WithTablePrefix puts prefix before every table name, e.g. "dev_" so that "users" is stored
// in the table "dev_users".
func WithTablePrefix(prefix string) Option { return func(o *options) { o.prefix = prefix } }

// WithTableSuffix puts suffix after every table name, e.g. "-prod".
func WithTableSuffix(suffix string) Option { return func(o *options) { o.suffix = suffix } }

// Open returns a Client configured by opts and the AWS default chain (environment, shared
// config files, IAM roles).
//
// When the endpoint is a loopback address (a local server) and no credentials are configured
// (none in code, no AWS_ACCESS_KEY_ID, no profile), the client signs with placeholder
// credentials, which local servers accept; the region falls
// back to us-east-1 likewise. Against any other endpoint a missing region or credentials is an
// error from the SDK, as usual.
func Open(ctx context.Context, opts ...Option) (*Client, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	c := &Client{prefix: o.prefix, suffix: o.suffix}
	if o.db != nil {
		c.db = o.db
		return c, nil
	}
	if o.endpoint == "" {
		o.endpoint = os.Getenv(EndpointEnv)
	}
	local := isLoopback(o.endpoint)

	var cfg aws.Config
	if o.awsConfig != nil {
		cfg = o.awsConfig.Copy()
	} else {
		var loadOpts []func(*config.LoadOptions) error
		if o.profile != "" {
			loadOpts = append(loadOpts, config.WithSharedConfigProfile(o.profile))
		}
		var err error
		cfg, err = config.LoadDefaultConfig(ctx, loadOpts...)
		if err != nil {
			return nil, fmt.Errorf("dynamodel: load AWS config: %w", err)
		}
	}
	if o.region != "" {
		cfg.Region = o.region
	}
	if cfg.Region == "" && local {
		cfg.Region = "us-east-1"
	}
	if o.creds != nil {
		cfg.Credentials = o.creds
	} else if local && !credentialsConfigured(o) {
		cfg.Credentials = credentials.NewStaticCredentialsProvider("local", "local", "")
	}
	c.db = dynamodb.NewFromConfig(cfg, func(opts *dynamodb.Options) {
		if o.endpoint != "" {
			opts.BaseEndpoint = aws.String(o.endpoint)
		}
		if local {
			// Local servers compute the X-Amz-Crc32 header differently on some responses,
			// and the SDK would log a warning for each one.
			opts.DisableValidateResponseChecksum = true
		}
	})
	return c, nil
}

// DynamoDB returns the underlying SDK client, for calls Dynamodel does not wrap.
func (c *Client) DynamoDB() *dynamodb.Client { return c.db }

// TableName returns the stored name of the table called name: prefix + name + suffix.
func (c *Client) TableName(name string) string { return c.prefix + name + c.suffix }

// TablePrefix returns the prefix set by [WithTablePrefix].
func (c *Client) TablePrefix() string { return c.prefix }

// TableSuffix returns the suffix set by [WithTableSuffix].
func (c *Client) TableSuffix() string { return c.suffix }

// credentialsConfigured reports whether the program named credentials: in code, through
// AWS_ACCESS_KEY_ID or through a profile. It looks only at settings, so that a local endpoint
// never waits on the EC2 metadata service.
func credentialsConfigured(o options) bool {
	return o.awsConfig != nil || o.profile != "" ||
		os.Getenv("AWS_ACCESS_KEY_ID") != "" || os.Getenv("AWS_PROFILE") != ""
}

func isLoopback(endpoint string) bool {
	if endpoint == "" {
		return false
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
