package tunnel

import (
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/vobizctl/vobizctl/lint"
)

// Exchange is one request through the proxy and what came of it: the record shown live, written
// to the --log file as one NDJSON line, and read back by Replay.
type Exchange struct {
	Type       string          `json:"type"` // always "exchange"
	ID         string          `json:"id"`
	Time       time.Time       `json:"time"`
	DurationMS float64         `json:"duration_ms"`
	Target     string          `json:"target"`
	PublicURL  string          `json:"public_url,omitempty"`
	Event      string          `json:"event,omitempty"`
	Request    Message         `json:"request"`
	Response   *Message        `json:"response,omitempty"`
	Signature  *SignatureCheck `json:"signature,omitempty"`
	Lint       *LintSummary    `json:"lint,omitempty"`
	// Error says why no response came from the local server (it is down, it timed out).
	Error string `json:"error,omitempty"`
	// ReplayOf is the ID of the logged exchange this one re-sent.
	ReplayOf string `json:"replay_of,omitempty"`
}

// Message is a request or response as seen by the proxy. Bodies are captured up to the proxy's
// limit; Size is the full size and Truncated says whether Body is shorter.
type Message struct {
	Method string      `json:"method,omitempty"`
	URI    string      `json:"uri,omitempty"`
	Status int         `json:"status,omitempty"`
	Header http.Header `json:"header,omitempty"`
	Body   string      `json:"body,omitempty"`
	// BodyEncoding is "base64" when the body is not UTF-8 text.
	BodyEncoding string `json:"body_encoding,omitempty"`
	Size         int64  `json:"size"`
	Truncated    bool   `json:"truncated,omitempty"`
}

// SignatureStatus is the outcome of a signature check.
type SignatureStatus string

// The signature outcomes.
const (
	// SignatureValid: at least one signature header matched the public URL.
	SignatureValid SignatureStatus = "valid"
	// SignatureInvalid: signature headers were present and none matched.
	SignatureInvalid SignatureStatus = "invalid"
	// SignatureUnsigned: the request carried no signature headers (Vobiz signs only when the
	// callback has auth credentials configured).
	SignatureUnsigned SignatureStatus = "unsigned"
	// SignatureUnchecked: no auth token was available to check with.
	SignatureUnchecked SignatureStatus = "unchecked"
)

// SignatureCheck is what a Verifier found.
type SignatureCheck struct {
	Status SignatureStatus `json:"status"`
	// Scheme is the scheme that matched (valid) or was examined first (invalid).
	Scheme string `json:"scheme,omitempty"`
	// Cause explains a mismatch in words (verify --explain's likely cause).
	Cause string `json:"cause,omitempty"`
	// SignedURL is the URL the platform most likely signed, when the cause is known.
	SignedURL string `json:"signed_url,omitempty"`
}

// SignedRequest is what a Verifier checks: the request as the platform addressed it.
type SignedRequest struct {
	// URL is the public URL the platform called, query included.
	URL    string
	Method string
	// Params are the form parameters of the body merged with the query parameters.
	Params url.Values
	Header http.Header
}

// Verifier checks webhook signatures against the public URL.
type Verifier interface {
	Verify(SignedRequest) SignatureCheck
}

// ReplyLinter lints an XML reply body; name labels the document in diagnostics.
type ReplyLinter interface {
	LintReply(name string, body []byte) (lint.Result, error)
}

// LintSummary is the lint outcome of one XML reply.
type LintSummary struct {
	Errors   int              `json:"errors"`
	Warnings int              `json:"warnings"`
	First    *lint.Diagnostic `json:"first,omitempty"`
	// Skipped says why the reply was not linted (too large, not XML…).
	Skipped string `json:"skipped,omitempty"`
}

// summarize counts the diagnostics of r and keeps the most severe first one.
func summarize(r lint.Result) *LintSummary {
	s := &LintSummary{}
	for i, d := range r.Diagnostics {
		switch d.Severity {
		case lint.Error:
			s.Errors++
		case lint.Warning:
			s.Warnings++
		}
		if s.First == nil || d.Severity < s.First.Severity {
			s.First = &r.Diagnostics[i]
		}
	}
	return s
}

// eventKeys are the parameters that name what a callback is about, in order of preference.
// Vobiz sends Event on answer/hangup callbacks; verb callbacks carry their own keys.
var eventKeys = []struct{ key, prefix string }{
	{"Event", ""},
	{"ConferenceAction", "conference:"},
	{"DialAction", "dial:"},
	{"DialStatus", "dial-action:"},
	{"RecordingEndReason", "record:"},
	{"InputType", "gather:"},
}

// EventOf names the event of a callback from its parameters, or "" when none says.
func EventOf(params url.Values) string {
	for _, k := range eventKeys {
		if v := params.Get(k.key); v != "" {
			return k.prefix + v
		}
	}
	return ""
}

// setBody stores b as text when it is UTF-8 and as base64 otherwise.
func (m *Message) setBody(b []byte) {
	if utf8.Valid(b) {
		m.Body = string(b)
		return
	}
	m.Body, m.BodyEncoding = encodeBase64(b), "base64"
}

// BodyBytes returns the captured body, decoding base64 when needed.
func (m *Message) BodyBytes() ([]byte, error) {
	if m.BodyEncoding == "base64" {
		return decodeBase64(m.Body)
	}
	return []byte(m.Body), nil
}
