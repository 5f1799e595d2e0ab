package send

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

// fakeLinter returns fixed diagnostics; the real engine is tested in lint/.
type fakeLinter struct {
	diags  []lint.Diagnostic
	gotSrc []byte
}

func (f *fakeLinter) LintBytes(name string, src []byte) lint.Result {
	f.gotSrc = src
	return lint.Result{File: name, Source: src, Diagnostics: f.diags}
}

const goodXML = `<Response><Speak>Hi</Speak></Response>`

func resp(status int, ctype, body string, latency time.Duration) *Response {
	h := http.Header{}
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	return &Response{Status: status, StatusText: http.StatusText(status), Header: h, Body: []byte(body), Size: int64(len(body)), Latency: latency}
}

func statuses(checks []Check) map[string]CheckStatus {
	m := map[string]CheckStatus{}
	for _, c := range checks {
		m[c.ID] = c.Status
	}
	return m
}

func TestCheckReply(t *testing.T) {
	big := "<Response>" + strings.Repeat("<Wait/>", MaxReplyBytes/7+1) + "</Response>"
	tests := []struct {
		name     string
		event    string
		settings []Setting
		resp     *Response
		diags    []lint.Diagnostic
		want     map[string]CheckStatus
	}{
		{"good answer", "answer", nil, resp(200, "application/xml; charset=utf-8", goodXML, 80*time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Pass, "xml": Pass, "latency": Pass}},
		{"text/xml is fine", "redirect", nil, resp(200, "text/xml", goodXML, time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Pass, "xml": Pass, "latency": Pass}},
		{"server error", "answer", nil, resp(500, "text/plain", "boom", time.Millisecond), nil,
			map[string]CheckStatus{"status": Fail, "content-type": Fail, "size": Pass, "xml": Fail, "latency": Pass}},
		{"html reply", "gather", nil, resp(200, "text/html", goodXML, time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Fail, "size": Pass, "xml": Pass, "latency": Pass}},
		{"no content type", "dial", nil, resp(200, "", goodXML, time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Fail, "size": Pass, "xml": Pass, "latency": Pass}},
		{"too big", "answer", nil, resp(200, "application/xml", big, time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Fail, "xml": Skip, "latency": Pass}},
		{"empty body", "answer", nil, resp(200, "application/xml", "", time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Fail, "xml": Skip, "latency": Pass}},
		{"lint error", "answer", nil, resp(200, "application/xml", goodXML, time.Millisecond),
			[]lint.Diagnostic{{Severity: lint.Error, Rule: "unknown-element"}, {Severity: lint.Warning, Rule: "w"}},
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Pass, "xml": Fail, "latency": Pass}},
		{"lint warning", "answer", nil, resp(200, "application/xml", goodXML, time.Millisecond),
			[]lint.Diagnostic{{Severity: lint.Warning, Rule: "w"}},
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Pass, "xml": Warn, "latency": Pass}},
		{"slow answer warns", "answer", nil, resp(200, "application/xml", goodXML, 3*time.Second), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Pass, "xml": Pass, "latency": Warn}},
		{"too slow answer fails", "answer", nil, resp(200, "application/xml", goodXML, 11*time.Second), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Pass, "xml": Pass, "latency": Fail}},
		{"slow callback warns", "hangup", nil, resp(204, "", "", 4*time.Second), nil,
			map[string]CheckStatus{"status": Pass, "latency": Warn}},
		{"callback ignores the body", "hangup", nil, resp(200, "text/html", "<html>", time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "latency": Pass}},
		{"callback 404", "dial-event", nil, resp(404, "text/plain", "nope", time.Millisecond), nil,
			map[string]CheckStatus{"status": Fail, "latency": Pass}},
		{"record wants empty response", "record", nil, resp(200, "application/xml", "<Response></Response>", time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "empty-response": Pass, "latency": Pass}},
		{"record with instructions warns", "record", nil, resp(200, "application/xml", goodXML, time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "empty-response": Warn, "latency": Pass}},
		{"record redirect true lints", "record", []Setting{{Name: "redirect", Value: "true"}}, resp(200, "application/xml", goodXML, time.Millisecond), nil,
			map[string]CheckStatus{"status": Pass, "content-type": Pass, "size": Pass, "xml": Pass, "latency": Pass}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlan(t, PlanOptions{Event: tt.event, Settings: tt.settings})
			l := &fakeLinter{diags: tt.diags}
			var linter ReplyLinter = l
			if tt.name == "server error" {
				linter = nil // the well-formedness fallback
			}
			checks, diags := CheckReply(p, tt.resp, linter)
			if diff := cmp.Diff(tt.want, statuses(checks)); diff != "" {
				t.Errorf("checks (-want +got):\n%s\n%+v", diff, checks)
			}
			if len(diags) != len(tt.diags) {
				t.Errorf("diagnostics = %v, want %v", diags, tt.diags)
			}
			if tt.want["xml"] == Pass && linter != nil && string(l.gotSrc) != string(tt.resp.Body) {
				t.Errorf("linter saw %q", l.gotSrc)
			}
		})
	}
}

func TestWellFormedFallback(t *testing.T) {
	p := mustPlan(t, PlanOptions{Event: "answer"})
	tests := []struct {
		body string
		want CheckStatus
		msg  string
	}{
		{goodXML, Pass, "well-formed <Response> with 1 elements"},
		{"<Response><Speak>Hi</Response>", Fail, "not well-formed XML"},
		{"<Resp/>", Fail, "root element <Resp> (want <Response>)"},
		{"<Response/><Response/>", Fail, "more than one root element"},
		{"just text", Fail, "no root element"},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			c := checkWellFormed(p, []byte(tt.body))
			if c.Status != tt.want || !strings.Contains(c.Message, tt.msg) {
				t.Errorf("check = %+v, want %s containing %q", c, tt.want, tt.msg)
			}
		})
	}
}

// TestCheckReplyWithTheLintEngine runs the real engine over replies: findings carry positions in
// the reply and decide the xml check.
func TestCheckReplyWithTheLintEngine(t *testing.T) {
	l, err := lint.New(lint.Options{Dialect: "vobiz"})
	if err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, PlanOptions{Event: "answer"})
	tests := []struct {
		name      string
		body      string
		want      CheckStatus
		wantRules []string
	}{
		{"valid", `<?xml version="1.0" encoding="UTF-8"?><Response><Speak>Hi</Speak></Response>`, Pass, nil},
		{"plivo element", "<Response>\n  <GetDigits action=\"https://x.example/g\"/>\n</Response>", Fail, []string{"unknown-element"}},
		{"not XML", "<Response><Speak>Hi</Response>", Fail, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checks, diags := CheckReply(p, resp(200, "application/xml", tt.body, time.Millisecond), l)
			if got := statuses(checks)[CheckXML]; got != tt.want {
				t.Errorf("xml check = %s, want %s (%+v)", got, tt.want, checks)
			}
			for _, rule := range tt.wantRules {
				found := false
				for _, d := range diags {
					found = found || (d.Rule == rule && d.File == ReplyFile && d.Start.Line == 2)
				}
				if !found {
					t.Errorf("no %s diagnostic on reply line 2 in %+v", rule, diags)
				}
			}
		})
	}
}
