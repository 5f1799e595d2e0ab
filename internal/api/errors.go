package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// redacted replaces the auth token wherever a server echoes it back.
const redacted = "[REDACTED]"

// HTTPError is a non-2xx answer from the API, decoded from either documented error shape (the
// envelope {"status":"error","error":{"code","message","details"},"requestId"} or the flat
// {"error":"…","message":"…","details":{…}}) or from a non-JSON body.
type HTTPError struct {
	StatusCode int
	Method     string
	// Path is relative to the API root, e.g. "/Account/MA_X/Application/123/".
	Path string
	// Message is the server's explanation, lowercased and on one line; the status text when the
	// body says nothing usable.
	Message string
	// Code is the envelope's machine code, e.g. "INVALID_CREDENTIALS"; empty for flat errors.
	Code string
	// APIID is the request id (api_id or requestId) to quote to Vobiz support.
	APIID string
	// Fields holds per-field validation messages keyed by request field name.
	Fields map[string]string
	// NextStep says what to do next when the situation is known (e.g. numbers still attached);
	// Hint returns it.
	NextStep string
	// RetryAfter is the wait the server asked for, when it asked.
	RetryAfter time.Duration
	// Attempts is how many times the request was sent.
	Attempts int
}

// Error reads "HTTP 404: application not found (GET /Account/MA_X/Application/123/)".
func (e *HTTPError) Error() string {
	msg := e.Message
	if len(e.Fields) > 0 {
		msg += ": " + joinFields(e.Fields)
	}
	return fmt.Sprintf("HTTP %d: %s (%s %s)", e.StatusCode, msg, e.Method, e.Path)
}

// Hint returns what to do next, or "" when there is no specific advice. Callers print it as a
// separate hint line.
func (e *HTTPError) Hint() string { return e.NextStep }

// AuthFailure reports whether the API rejected the credentials (401 or 403).
func (e *HTTPError) AuthFailure() bool {
	return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
}

// IsAuth reports whether err means missing or rejected credentials (401, 403, or no
// credentials configured).
func IsAuth(err error) bool {
	if errors.Is(err, ErrMissingCredentials) {
		return true
	}
	return hasStatus(err, http.StatusUnauthorized) || hasStatus(err, http.StatusForbidden)
}

// IsNotFound reports whether err is an HTTP 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsConflict reports whether err is an HTTP 409 (e.g. an application with numbers attached).
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

func hasStatus(err error, status int) bool {
	var he *HTTPError
	return errors.As(err, &he) && he.StatusCode == status
}

// errorBody covers both documented shapes: "error" is a string (flat) or an object (envelope).
type errorBody struct {
	Error     json.RawMessage `json:"error"`
	Message   string          `json:"message"`
	Detail    string          `json:"detail"`
	Details   json.RawMessage `json:"details"`
	APIID     string          `json:"api_id"`
	RequestID string          `json:"requestId"`
}

type envelopeError struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Details json.RawMessage `json:"details"`
}

// newHTTPError decodes resp into an HTTPError, removing token from everything the server said.
func newHTTPError(method, path string, resp *response, attempts int, token string, now time.Time) *HTTPError {
	e := &HTTPError{StatusCode: resp.status, Method: method, Path: path, Attempts: attempts}
	e.decodeBody(resp.body)
	if e.Message == "" {
		e.Message = plainTextMessage(resp.body, resp.status)
	}
	if d, ok := parseRetryAfter(resp.header.Get("Retry-After"), now); ok {
		e.RetryAfter = d
	}
	e.redact(token)
	return e
}

// decodeBody fills the message, code, id and fields from a JSON error body, if it is one.
func (e *HTTPError) decodeBody(body []byte) {
	var b errorBody
	if json.Unmarshal(body, &b) != nil {
		return
	}
	e.APIID = firstNonEmpty(b.APIID, b.RequestID)
	details := b.Details
	var flat string
	var env envelopeError
	switch {
	case json.Unmarshal(b.Error, &flat) == nil:
		e.Message = joinMessages(flat, b.Message)
	case json.Unmarshal(b.Error, &env) == nil && (env.Message != "" || env.Code != ""):
		e.Code = env.Code
		e.Message = firstNonEmpty(env.Message, strings.ToLower(strings.ReplaceAll(env.Code, "_", " ")))
		details = env.Details
	default:
		e.Message = firstNonEmpty(b.Message, b.Detail)
	}
	e.Message = lowerFirst(oneLine(e.Message))
	e.decodeDetails(details)
}

// decodeDetails reads per-field messages (flat {"field":"msg"} or envelope
// {"errors":[{"field","message"}]}) and an envelope retryAfter.
func (e *HTTPError) decodeDetails(raw json.RawMessage) {
	var details map[string]json.RawMessage
	if json.Unmarshal(raw, &details) != nil {
		return
	}
	fields := map[string]string{}
	for key, v := range details {
		switch key {
		case "errors":
			var list []struct{ Field, Message string }
			if json.Unmarshal(v, &list) == nil {
				for _, f := range list {
					fields[firstNonEmpty(f.Field, "request")] = oneLine(f.Message)
				}
			}
		case "retryAfter":
			var secs float64
			if json.Unmarshal(v, &secs) == nil && secs >= 0 {
				e.RetryAfter = time.Duration(min(secs, 86400) * float64(time.Second))
			}
		default:
			if msg := fieldMessage(v); msg != "" {
				fields[key] = msg
			}
		}
	}
	if len(fields) > 0 {
		e.Fields = fields
	}
}

// fieldMessage accepts "msg" or ["msg", …] (Django-style validators send lists).
func fieldMessage(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return oneLine(s)
	}
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return oneLine(strings.Join(list, "; "))
	}
	return ""
}

// plainTextMessage uses the first line of a short text body; HTML error pages from proxies are
// noise, so they (and empty bodies) fall back to the status text.
func plainTextMessage(body []byte, status int) string {
	text := strings.TrimSpace(string(body))
	if text != "" && !strings.HasPrefix(text, "<") && !strings.HasPrefix(text, "{") && utf8.ValidString(text) {
		line, _, _ := strings.Cut(text, "\n")
		return lowerFirst(truncate(strings.TrimSpace(line), 200))
	}
	if st := http.StatusText(status); st != "" {
		return strings.ToLower(st)
	}
	return "unexpected status"
}

func (e *HTTPError) redact(token string) {
	if token == "" {
		return
	}
	e.Message = strings.ReplaceAll(e.Message, token, redacted)
	for k, v := range e.Fields {
		e.Fields[k] = strings.ReplaceAll(v, token, redacted)
	}
}

func joinFields(fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + lowerFirst(fields[k])
	}
	return strings.Join(parts, "; ")
}

// joinMessages combines the flat shape's "error" title and "message" detail.
func joinMessages(title, detail string) string {
	title, detail = strings.TrimSpace(title), strings.TrimSpace(detail)
	if title == "" || strings.EqualFold(title, detail) {
		return detail
	}
	if detail == "" {
		return title
	}
	return title + ": " + lowerFirst(detail)
}

// lowerFirst lowercases a leading capital unless it starts an acronym ("API key …").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
