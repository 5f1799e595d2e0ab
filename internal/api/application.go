package api

import (
	"encoding/json"
	"fmt"
	"time"
)

// Application is a Vobiz voice application: the URLs Vobiz calls for a call's answer, hangup,
// fallback and inbound messages. Fields the API sends as null decode to "" (strings) or false.
type Application struct {
	AppID              string `json:"app_id"`
	AppName            string `json:"app_name"`
	AnswerURL          string `json:"answer_url"`
	AnswerMethod       string `json:"answer_method"`
	HangupURL          string `json:"hangup_url"`
	HangupMethod       string `json:"hangup_method"`
	FallbackAnswerURL  string `json:"fallback_answer_url"`
	FallbackMethod     string `json:"fallback_method"`
	MessageURL         string `json:"message_url"`
	MessageMethod      string `json:"message_method"`
	DefaultNumberApp   bool   `json:"default_number_app"`
	DefaultEndpointApp bool   `json:"default_endpoint_app"`
	DefaultApp         bool   `json:"default_app"`
	ApplicationType    string `json:"application_type"`
	Enabled            bool   `json:"enabled"`
	// LogIncomingMessage is "log_incoming_message" in responses; the request parameter (and the
	// Go SDK) say "log_incoming_messages", which is accepted too.
	LogIncomingMessage bool   `json:"log_incoming_message"`
	PublicURI          bool   `json:"public_uri"`
	SIPURI             string `json:"sip_uri"`
	SIPTransferURL     string `json:"sip_transfer_url"`
	SIPTransferMethod  string `json:"sip_transfer_method"`
	// SubAccount is the owning sub-account's auth ID, empty for the main account.
	SubAccount  string `json:"sub_account"`
	ResourceURI string `json:"resource_uri"`
	CreatedAt   string `json:"created_at"`
	UpdatedAt   string `json:"updated_at"`
	// APIID is the request id; only a single-application GET carries it.
	APIID string `json:"api_id,omitempty"`

	// Raw is the object exactly as the API sent it, unknown fields included.
	Raw json.RawMessage `json:"-"`
}

// application has Application's fields without its methods, for the default JSON coding.
type application Application

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (a *Application) UnmarshalJSON(data []byte) error {
	var plural struct {
		LogIncomingMessages *bool `json:"log_incoming_messages"`
		LogIncomingMessage  *bool `json:"log_incoming_message"`
	}
	if err := json.Unmarshal(data, (*application)(a)); err != nil {
		return err
	}
	if err := json.Unmarshal(data, &plural); err == nil && plural.LogIncomingMessage == nil && plural.LogIncomingMessages != nil {
		a.LogIncomingMessage = *plural.LogIncomingMessages
	}
	a.Raw = append(json.RawMessage(nil), data...)
	return nil
}

// MarshalJSON writes Raw when the value came from the API, so `--format json` shows the API's
// object unchanged; a value built in Go is written from its fields.
func (a Application) MarshalJSON() ([]byte, error) {
	if len(a.Raw) > 0 {
		return a.Raw, nil
	}
	return json.Marshal(application(a))
}

// Created parses CreatedAt; see ParseTimestamp.
func (a Application) Created() (time.Time, error) { return ParseTimestamp(a.CreatedAt) }

// Updated parses UpdatedAt; see ParseTimestamp.
func (a Application) Updated() (time.Time, error) { return ParseTimestamp(a.UpdatedAt) }

// ParseTimestamp parses an API timestamp in any of the documented shapes: current examples use
// "2026-04-02 12:11:19.740666+00:00", older ones RFC 3339 "2025-10-28T10:30:00Z".
func ParseTimestamp(s string) (time.Time, error) {
	layouts := []string{
		"2006-01-02 15:04:05.999999999Z07:00",
		time.RFC3339Nano,
		"2006-01-02 15:04:05",
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid timestamp %q: want \"2006-01-02 15:04:05.000000+00:00\" or RFC 3339", s)
}
