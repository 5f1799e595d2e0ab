package send

import (
	"context"
	"net/http"
	"time"

	"github.com/vobizctl/vobizctl/lint"
)

// Options configure one delivery.
type Options struct {
	Plan      *Plan
	Target    Target
	Signer    Signer
	Header    http.Header
	Client    *http.Client
	Timeout   time.Duration
	Linter    ReplyLinter
	Generator *Generator
}

// Result is one webhook and what became of it.
type Result struct {
	Plan        *Plan
	Request     *Request
	Response    *Response
	Checks      []Check
	Diagnostics []lint.Diagnostic
}

// OK reports whether a reply arrived and passed every check.
func (r *Result) OK() bool { return r.Response != nil && !Failed(r.Checks) }

// Send builds, signs and delivers one webhook and checks the reply. The error is a
// *DeliveryError when no reply arrived (the Result then holds the request), context.Canceled on
// interruption, or a build error.
func Send(ctx context.Context, o Options) (*Result, error) {
	req, err := o.Plan.Build(o.Generator, BuildOptions{Target: o.Target, Signer: o.Signer, Header: o.Header})
	if err != nil {
		return nil, err
	}
	res := &Result{Plan: o.Plan, Request: req}
	resp, err := Deliver(ctx, o.Client, req, o.Timeout)
	if err != nil {
		return res, err
	}
	res.Response = resp
	res.Checks, res.Diagnostics = CheckReply(o.Plan, resp, o.Linter)
	return res, nil
}

// Report is the JSON shape of a Result (--format json).
type Report struct {
	Event       string            `json:"event"`
	Dialect     string            `json:"dialect"`
	Vars        map[string]string `json:"vars,omitempty"`
	ReplyKind   ReplyKind         `json:"reply_kind"`
	Budget      Budget            `json:"latency_budget"`
	OK          bool              `json:"ok"`
	Request     RequestReport     `json:"request"`
	Response    *ResponseReport   `json:"response,omitempty"`
	Error       string            `json:"error,omitempty"`
	Checks      []Check           `json:"checks"`
	Diagnostics []lint.Diagnostic `json:"diagnostics"`
}

// RequestReport is the request as sent.
type RequestReport struct {
	Method  string   `json:"method"`
	URL     string   `json:"url"`
	SignURL string   `json:"sign_url,omitempty"`
	Headers []Header `json:"headers"`
	Params  []Param  `json:"params"`
	Body    string   `json:"body"`
}

// ResponseReport is the reply as received (the body up to the size limit).
type ResponseReport struct {
	Status        int      `json:"status"`
	Proto         string   `json:"proto"`
	Headers       []Header `json:"headers"`
	Body          string   `json:"body"`
	BodyTruncated bool     `json:"body_truncated,omitempty"`
	Size          int64    `json:"size"`
	LatencyMS     float64  `json:"latency_ms"`
}

// Report returns the JSON shape of r; deliveryErr is the error Send returned, if any.
func (r *Result) Report(deliveryErr error) Report {
	p := r.Plan
	rep := Report{
		Event: p.Event.Name, Dialect: p.Dialect.Name, Vars: p.Vars, ReplyKind: p.Reply, Budget: p.Budget,
		OK: r.OK() && deliveryErr == nil, Checks: r.Checks, Diagnostics: r.Diagnostics,
		Request: RequestReport{
			Method: r.Request.Method, URL: r.Request.URL, SignURL: r.Request.SignURL,
			Headers: r.Request.HeaderList(), Params: r.Request.Params, Body: string(r.Request.Body),
		},
	}
	if rep.Checks == nil {
		rep.Checks = []Check{}
	}
	if rep.Diagnostics == nil {
		rep.Diagnostics = []lint.Diagnostic{}
	}
	if deliveryErr != nil {
		rep.Error = deliveryErr.Error()
	}
	if resp := r.Response; resp != nil {
		body := resp.Body
		truncated := int64(len(body)) < resp.Size || len(body) > MaxReplyBytes
		if len(body) > MaxReplyBytes {
			body = body[:MaxReplyBytes]
		}
		rep.Response = &ResponseReport{
			Status: resp.Status, Proto: resp.Proto, Headers: resp.HeaderList(), Body: string(body),
			BodyTruncated: truncated, Size: resp.Size, LatencyMS: float64(resp.Latency.Microseconds()) / 1000,
		}
	}
	return rep
}
