package awserr

import "testing"

func TestRedact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"canonical request header", "x-amz-date:20260101T000000Z\nx-amz-security-token:IQoJb3JpZ2luX2Vj+/abc==\nx-amz-target:X",
			"x-amz-date:20260101T000000Z\nx-amz-security-token:[redacted]\nx-amz-target:X"},
		{"header in another case", "X-Amz-Security-Token: tok123", "X-Amz-Security-Token: [redacted]"},
		{"query parameter", "GET /?X-Amz-Security-Token=IQo%2Bx%3D&X-Amz-Date=1", "GET /?X-Amz-Security-Token=[redacted]&X-Amz-Date=1"},
		{"JSON header map", `{"X-Amz-Security-Token":["tok"],"Host":["h"]}`, `{"X-Amz-Security-Token":["[redacted]"],"Host":["h"]}`},
		{"Go header map", "map[X-Amz-Security-Token:[tok] X-Amz-Target:[t]]", "map[X-Amz-Security-Token:[[redacted]] X-Amz-Target:[t]]"},
		{"twice", "x-amz-security-token:a x-amz-security-token:b", "x-amz-security-token:[redacted] x-amz-security-token:[redacted]"},
		{"endpoint password", "Failed to parse uri: http://user:pa55word@127.0.0.1:badport", "Failed to parse uri: http://user:xxxxx@127.0.0.1:badport"},
		{"endpoint with https and path", `Post "https://me:s%40cret@db.example.com/x": EOF`, `Post "https://me:xxxxx@db.example.com/x": EOF`},
		{"user without password", "http://user@host/", "http://user@host/"},
		{"no secrets", "ValidationException: One or more parameter values were invalid", "ValidationException: One or more parameter values were invalid"},
		{"an email is not a URL", "owner: a@b.co", "owner: a@b.co"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
