package awserr

import (
	"regexp"
	"strings"
)

// Redacted is what Redact writes in place of a session token.
const Redacted = "[redacted]"

var (
	// sessionToken matches the value of the X-Amz-Security-Token header or query parameter
	// as a message can carry it: a canonical request ("x-amz-security-token:VALUE"), a query
	// string ("X-Amz-Security-Token=VALUE"), JSON or a Go header map ("...Token":["VALUE"]).
	sessionToken = regexp.MustCompile(`(?i)(x-amz-security-token)([\s"'\]]*[:=][\s"'\[]*)([A-Za-z0-9+/=%._~\-]+)`)
	// userinfoPassword matches the password of a URL's userinfo (scheme://user:password@).
	userinfoPassword = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://[^/\s@:]*):([^/\s@]*)@`)
)

// Redact returns s with the secrets an error, a plan or a log line may carry taken out: the
// value of every session token (X-Amz-Security-Token, which a server's signature-mismatch
// message echoes with the canonical request) becomes [Redacted], and the password of every
// URL's userinfo (an endpoint given as http://user:password@host) becomes "xxxxx", as
// net/url's URL.Redacted writes it. The secret access key is never sent, so no message
// holds it. Every error the library and the command write goes through Redact.
func Redact(s string) string {
	if strings.Contains(s, "://") && strings.Contains(s, "@") {
		s = userinfoPassword.ReplaceAllString(s, "${1}:xxxxx@")
	}
	if hasFold(s, "x-amz-security-token") {
		s = sessionToken.ReplaceAllString(s, "${1}${2}"+Redacted)
	}
	return s
}

// RedactError returns err's message, redacted; "" for a nil err.
func RedactError(err error) string {
	if err == nil {
		return ""
	}
	return Redact(err.Error())
}

// hasFold reports whether s holds the lower-case ASCII sub, in any case.
func hasFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
