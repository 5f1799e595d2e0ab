package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const sampleApp = `{
  "app_id": "12345678901234567",
  "app_name": "ivr",
  "answer_url": "https://example.com/answer",
  "answer_method": "POST",
  "hangup_url": "https://example.com/hangup",
  "hangup_method": "POST",
  "fallback_answer_url": null,
  "fallback_method": "POST",
  "message_url": null,
  "message_method": "POST",
  "default_number_app": true,
  "default_endpoint_app": false,
  "default_app": false,
  "application_type": "XML",
  "enabled": true,
  "log_incoming_message": false,
  "public_uri": false,
  "sip_uri": "sip:12345678901234567@app.vobiz.ai",
  "sip_transfer_url": null,
  "sip_transfer_method": "POST",
  "sub_account": null,
  "resource_uri": "/v1/Account/MA_X/Application/12345678901234567/",
  "created_at": "2026-04-02 12:11:19.740666+00:00",
  "updated_at": "2026-04-02 12:11:19.740666+00:00",
  "brand_new_field": {"nested": [1, 2]}
}`

func TestApplicationDecodesEveryFieldAndKeepsRaw(t *testing.T) {
	var got Application
	if err := json.Unmarshal([]byte(sampleApp), &got); err != nil {
		t.Fatal(err)
	}
	want := Application{
		AppID: "12345678901234567", AppName: "ivr",
		AnswerURL: "https://example.com/answer", AnswerMethod: "POST",
		HangupURL: "https://example.com/hangup", HangupMethod: "POST",
		FallbackMethod: "POST", MessageMethod: "POST",
		DefaultNumberApp: true, ApplicationType: "XML", Enabled: true,
		SIPURI: "sip:12345678901234567@app.vobiz.ai", SIPTransferMethod: "POST",
		ResourceURI: "/v1/Account/MA_X/Application/12345678901234567/",
		CreatedAt:   "2026-04-02 12:11:19.740666+00:00", UpdatedAt: "2026-04-02 12:11:19.740666+00:00",
		Raw: json.RawMessage(sampleApp),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded Application mismatch (-want +got):\n%s", diff)
	}
	out, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(sampleApp)); err != nil {
		t.Fatal(err)
	}
	if string(out) != compact.String() {
		t.Errorf("MarshalJSON did not reproduce the API object:\n%s", out)
	}
}

func TestApplicationLogIncomingMessageSpellings(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  bool
	}{
		{"singular", `{"log_incoming_message": true}`, true},
		{"plural (Go SDK)", `{"log_incoming_messages": true}`, true},
		{"singular wins", `{"log_incoming_message": false, "log_incoming_messages": true}`, false},
		{"absent", `{}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Application
			if err := json.Unmarshal([]byte(tt.input), &a); err != nil {
				t.Fatal(err)
			}
			if a.LogIncomingMessage != tt.want {
				t.Errorf("LogIncomingMessage = %v, want %v", a.LogIncomingMessage, tt.want)
			}
		})
	}
}

func TestApplicationMarshalWithoutRaw(t *testing.T) {
	out, err := json.Marshal(Application{AppID: "1", AppName: "a"})
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if back["app_id"] != "1" || back["app_name"] != "a" {
		t.Errorf("marshalled %s, want app_id and app_name set", out)
	}
	if _, ok := back["api_id"]; ok {
		t.Errorf("marshalled %s: empty api_id should be omitted", out)
	}
}

func TestParseTimestamp(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  time.Time
		ok    bool
	}{
		{"current docs", "2026-04-02 12:11:19.740666+00:00", time.Date(2026, 4, 2, 12, 11, 19, 740666000, time.UTC), true},
		{"offset", "2026-04-02 14:11:19+02:00", time.Date(2026, 4, 2, 12, 11, 19, 0, time.UTC), true},
		{"older docs RFC 3339", "2025-10-28T10:30:00Z", time.Date(2025, 10, 28, 10, 30, 0, 0, time.UTC), true},
		{"no zone", "2025-10-28 10:30:00", time.Date(2025, 10, 28, 10, 30, 0, 0, time.UTC), true},
		{"garbage", "yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTimestamp(tt.input)
			if (err == nil) != tt.ok || !got.Equal(tt.want) {
				t.Errorf("ParseTimestamp(%q) = %v, %v; want %v, ok=%v", tt.input, got, err, tt.want, tt.ok)
			}
		})
	}
}
