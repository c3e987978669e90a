package dynamodel

import (
	"context"
	"testing"
)

func TestOpenTableNames(t *testing.T) {
	tests := []struct {
		name   string
		opts   []Option
		table  string
		stored string
	}{
		{"none", nil, "users", "users"},
		{"prefix", []Option{WithTablePrefix("dev_")}, "users", "dev_users"},
		{"suffix", []Option{WithTableSuffix("-prod")}, "users", "users-prod"},
		{"both", []Option{WithTablePrefix("app."), WithTableSuffix(".v2")}, "users", "app.users.v2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Open(context.Background(), append(tt.opts, WithEndpoint("http://127.0.0.1:1"))...)
			if err != nil {
				t.Fatalf("Open() = %v", err)
			}
			if got := c.TableName(tt.table); got != tt.stored {
				t.Errorf("TableName(%q) = %q; want %q", tt.table, got, tt.stored)
			}
		})
	}
}

func TestOpenLocalDefaults(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
	t.Setenv(EndpointEnv, "http://localhost:8000")
	c, err := Open(context.Background())
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	o := c.DynamoDB().Options()
	if o.Region != "us-east-1" {
		t.Errorf("Region = %q; want us-east-1 for a loopback endpoint", o.Region)
	}
	if o.BaseEndpoint == nil || *o.BaseEndpoint != "http://localhost:8000" {
		t.Errorf("BaseEndpoint = %v; want the one in %s", o.BaseEndpoint, EndpointEnv)
	}
	creds, err := o.Credentials.Retrieve(context.Background())
	if err != nil || creds.AccessKeyID != "local" {
		t.Errorf("Credentials = %v, %v; want placeholder credentials", creds.AccessKeyID, err)
	}
}

func TestIsLoopback(t *testing.T) {
	tests := map[string]bool{
		"":                      false,
		"http://localhost:8000": true,
		"http://127.0.0.1:8000": true,
		"http://[::1]:8000":     true,
		"https://dynamodb.us-east-1.amazonaws.com": false,
		"http://10.0.0.1:8000":                     false,
	}
	for endpoint, want := range tests {
		if got := isLoopback(endpoint); got != want {
			t.Errorf("isLoopback(%q) = %v; want %v", endpoint, got, want)
		}
	}
}
