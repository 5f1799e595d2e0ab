package api

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// MaxAppNameLength caps application names. The Vobiz docs only give the characters; the limit
// of 60 is the one Vobiz's own n8n nodes enforce, adopted so names that pass here pass there.
const MaxAppNameLength = 60

// ValidationError is a value rejected by a local check before anything is sent.
type ValidationError struct {
	// Field is the API's field name, e.g. "answer_url".
	Field string
	Value string
	// Reason states the valid set, e.g. "must be GET or POST".
	Reason string
}

// Error reads `invalid answer_method "PUT": must be GET or POST`.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("invalid %s %q: %s", e.Field, e.Value, e.Reason)
}

// ValidateAppName checks the documented name characters (letters, digits, "-", "_") and length.
func ValidateAppName(name string) error {
	if name == "" || len(name) > MaxAppNameLength || !isIdentifier(name) {
		return &ValidationError{Field: "app_name", Value: name,
			Reason: fmt.Sprintf("use 1 to %d letters, digits, \"-\" or \"_\"", MaxAppNameLength)}
	}
	return nil
}

// ValidateAppID checks that id can be used as a path segment. App IDs are numeric strings;
// letters, "-" and "_" are allowed in case that changes, anything else (a "/" or "..") is not.
func ValidateAppID(id string) error {
	if id == "" || !isIdentifier(id) {
		return &ValidationError{Field: "app ID", Value: id, Reason: "use only letters, digits, \"-\" or \"_\" (IDs look like \"12345678901234567\")"}
	}
	return nil
}

// ValidateURL checks that value (of the named field) is an absolute http or https URL.
func ValidateURL(field, value string) error {
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(value, " \t\r\n") {
		return &ValidationError{Field: field, Value: value, Reason: "must be an absolute http or https URL"}
	}
	return nil
}

// IsPlainHTTP reports whether rawURL uses http rather than https; Vobiz only calls public HTTPS
// URLs in production, so commands warn about it.
func IsPlainHTTP(rawURL string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && u.Scheme == "http"
}

// ValidateMethod checks that value (of the named field) is GET or POST, the only methods Vobiz
// uses for callbacks. Upper case is required, as the API documents it.
func ValidateMethod(field, value string) error {
	if value != "GET" && value != "POST" {
		return &ValidationError{Field: field, Value: value, Reason: "must be GET or POST"}
	}
	return nil
}

// Validate runs the local checks on every set field of a create.
func (p CreateParams) Validate() error {
	if p.AnswerURL == "" {
		return &ValidationError{Field: "answer_url", Value: "", Reason: "is required"}
	}
	errs := []error{ValidateAppName(p.AppName), ValidateURL("answer_url", p.AnswerURL)}
	errs = append(errs, optionalURLs(
		field{"hangup_url", p.HangupURL}, field{"fallback_answer_url", p.FallbackAnswerURL}, field{"message_url", p.MessageURL},
	)...)
	errs = append(errs, optionalMethods(
		field{"answer_method", p.AnswerMethod}, field{"hangup_method", p.HangupMethod},
		field{"fallback_method", p.FallbackMethod}, field{"message_method", p.MessageMethod},
	)...)
	if p.Subaccount != "" && !isIdentifier(p.Subaccount) {
		errs = append(errs, &ValidationError{Field: "subaccount", Value: p.Subaccount, Reason: "must be a sub-account auth ID such as \"SA_XXXXXXXX\""})
	}
	return firstError(errs)
}

// Validate runs the local checks on every set field of an update. An empty fallback or message
// URL is allowed: it clears the URL.
func (p UpdateParams) Validate() error {
	var errs []error
	if p.AppName != nil {
		errs = append(errs, ValidateAppName(*p.AppName))
	}
	if p.AnswerURL != nil {
		errs = append(errs, ValidateURL("answer_url", *p.AnswerURL))
	}
	errs = append(errs, optionalURLs(field{"hangup_url", deref(p.HangupURL)},
		field{"fallback_answer_url", deref(p.FallbackAnswerURL)}, field{"message_url", deref(p.MessageURL)})...)
	if p.HangupURL != nil && *p.HangupURL == "" {
		errs = append(errs, &ValidationError{Field: "hangup_url", Value: "", Reason: "must be an absolute http or https URL (it cannot be cleared)"})
	}
	errs = append(errs, optionalMethods(field{"answer_method", deref(p.AnswerMethod)}, field{"hangup_method", deref(p.HangupMethod)},
		field{"fallback_method", deref(p.FallbackMethod)}, field{"message_method", deref(p.MessageMethod)})...)
	if p.AnswerMethod != nil && *p.AnswerMethod == "" {
		errs = append(errs, ValidateMethod("answer_method", ""))
	}
	return firstError(errs)
}

// field is a named request value, for checking several fields in a fixed order.
type field struct{ name, value string }

// optionalURLs validates the fields that are set; empty means "not given".
func optionalURLs(fields ...field) []error {
	var errs []error
	for _, f := range fields {
		if f.value != "" {
			errs = append(errs, ValidateURL(f.name, f.value))
		}
	}
	return errs
}

// optionalMethods validates the methods that are set; empty means "not given".
func optionalMethods(fields ...field) []error {
	var errs []error
	for _, f := range fields {
		if f.value != "" {
			errs = append(errs, ValidateMethod(f.name, f.value))
		}
	}
	return errs
}

// firstError returns the first non-nil error: one problem per line is easier to fix than a
// wall of them, and the next run reports the next one.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// validateAuthID keeps the auth ID safe to put in a path.
func validateAuthID(id string) error {
	if !isIdentifier(id) {
		return &ValidationError{Field: "auth ID", Value: id, Reason: "use only letters, digits, \"-\" or \"_\" (auth IDs look like \"MA_XXXXXXXX\")"}
	}
	return nil
}

func isIdentifier(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return s != ""
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// IsValidationError reports whether err is a local validation failure (a usage error).
func IsValidationError(err error) bool {
	var ve *ValidationError
	return errors.As(err, &ve) || errors.Is(err, ErrNothingToUpdate)
}
