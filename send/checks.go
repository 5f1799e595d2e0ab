package send

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"

	"github.com/vobizctl/vobizctl/lint"
)

// ReplyLinter lints a reply document; the lint engine implements it for the plan's dialect.
type ReplyLinter interface {
	LintBytes(name string, src []byte) lint.Result
}

// CheckStatus is the outcome of one reply check.
type CheckStatus string

// The check outcomes. Only fail makes the reply fail.
const (
	Pass CheckStatus = "pass"
	Warn CheckStatus = "warn"
	Fail CheckStatus = "fail"
	Skip CheckStatus = "skip"
)

// Check is one reply check.
type Check struct {
	ID      string      `json:"id"`
	Status  CheckStatus `json:"status"`
	Message string      `json:"message"`
}

// The check IDs.
const (
	CheckStatusCode  = "status"
	CheckContentType = "content-type"
	CheckSize        = "size"
	CheckXML         = "xml"
	CheckEmpty       = "empty-response"
	CheckLatency     = "latency"
)

// ReplyFile is the file name diagnostics in a reply carry.
const ReplyFile = "reply"

// CheckReply runs the checks the plan's reply kind calls for. Diagnostics are the linter's
// findings in the reply body (positions are in the reply).
func CheckReply(p *Plan, resp *Response, l ReplyLinter) ([]Check, []lint.Diagnostic) {
	checks := []Check{checkStatus(resp)}
	var diags []lint.Diagnostic
	switch p.Reply {
	case ReplyXML:
		checks = append(checks, checkContentType(p, resp), checkSize(p, resp))
		var c Check
		c, diags = checkXML(p, resp, l)
		checks = append(checks, c)
	case ReplyEmpty:
		checks = append(checks, checkEmpty(p, resp))
	}
	return append(checks, checkLatency(p.Budget, resp.Latency)), diags
}

// Failed reports whether any check failed.
func Failed(checks []Check) bool {
	for _, c := range checks {
		if c.Status == Fail {
			return true
		}
	}
	return false
}

func checkStatus(r *Response) Check {
	c := Check{ID: CheckStatusCode, Status: Pass, Message: fmt.Sprintf("HTTP %d %s", r.Status, r.StatusText)}
	if r.Status < 200 || r.Status > 299 {
		c.Status = Fail
		c.Message += " (want 2xx)"
	}
	return c
}

func checkContentType(p *Plan, r *Response) Check {
	ct := r.Header.Get("Content-Type")
	c := Check{ID: CheckContentType, Status: Pass, Message: ct}
	mt, _, err := mime.ParseMediaType(ct)
	switch {
	case ct == "":
		c.Status, c.Message = Fail, "no Content-Type (want application/xml or text/xml)"
	case err != nil:
		c.Status, c.Message = Fail, fmt.Sprintf("unreadable Content-Type %q (want application/xml or text/xml)", ct)
	case mt != "application/xml" && mt != "text/xml":
		c.Status, c.Message = Fail, fmt.Sprintf("%s (want application/xml or text/xml: the platform drops the call)", mt)
	}
	if c.Status == Fail && !p.Dialect.ReplyTypeDocumented {
		c.Status = Warn
		c.Message = strings.Replace(c.Message, ": the platform drops the call", "", 1) + "; the platform documents no content type, XML types are the safe choice"
	}
	return c
}

// checkSize fails an empty reply and one over the dialect's documented limit. Without a
// documented limit, a reply over MaxReplyBytes (what vobizctl reads and lints) is a warning.
func checkSize(p *Plan, r *Response) Check {
	limit := p.Dialect.MaxReplyBytes
	c := Check{ID: CheckSize, Status: Pass, Message: FormatBytes(r.Size) + " (no documented limit)"}
	if limit > 0 {
		c.Message = fmt.Sprintf("%s (limit %s)", FormatBytes(r.Size), formatLimit(limit))
	}
	switch {
	case r.Size == 0:
		c.Status, c.Message = Fail, "empty reply (want an XML document)"
	case limit > 0 && r.Size > limit:
		c.Status = Fail
	case r.Size > MaxReplyBytes:
		c.Status = Warn
		c.Message = fmt.Sprintf("%s (no documented limit; vobizctl reads and lints at most %s)", FormatBytes(r.Size), FormatBytes(MaxReplyBytes))
	}
	return c
}

// formatLimit writes a size limit as "100 KB" when it is whole kilobytes.
func formatLimit(n int64) string {
	if n >= 1024 && n%1024 == 0 {
		return fmt.Sprintf("%d KB", n/1024)
	}
	return FormatBytes(n)
}

// FormatBytes writes a size as "87 B" or "12.3 KB".
func FormatBytes(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

// checkXML lints the reply with the engine, or, without one, checks that it is well-formed XML
// with the dialect's root element.
func checkXML(p *Plan, r *Response, l ReplyLinter) (Check, []lint.Diagnostic) {
	c := Check{ID: CheckXML}
	if r.Size == 0 || r.Size > MaxReplyBytes {
		c.Status, c.Message = Skip, "not linted (see size)"
		return c, nil
	}
	if l == nil {
		return checkWellFormed(p, r.Body), nil
	}
	res := l.LintBytes(ReplyFile, r.Body)
	if res.Err != nil {
		c.Status, c.Message = Fail, res.Err.Error()
		return c, nil
	}
	errs, warns := countSeverities(res.Diagnostics)
	switch {
	case errs > 0:
		c.Status = Fail
	case warns > 0:
		c.Status = Warn
	default:
		c.Status = Pass
	}
	c.Message = fmt.Sprintf("%s: %s, %s", p.Dialect.LintDialect, countNoun(errs, "error"), countNoun(warns, "warning"))
	return c, res.Diagnostics
}

func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func countSeverities(diags []lint.Diagnostic) (errs, warns int) {
	for _, d := range diags {
		switch d.Severity {
		case lint.Error:
			errs++
		case lint.Warning:
			warns++
		}
	}
	return errs, warns
}

func checkWellFormed(p *Plan, body []byte) Check {
	c := Check{ID: CheckXML, Status: Pass}
	root, children, err := scanRoot(body)
	switch {
	case err != nil:
		c.Status, c.Message = Fail, "not well-formed XML: "+err.Error()
	case root != p.Dialect.ReplyRoot:
		c.Status, c.Message = Fail, fmt.Sprintf("root element <%s> (want <%s>)", root, p.Dialect.ReplyRoot)
	default:
		c.Message = fmt.Sprintf("well-formed <%s> with %d elements (lint engine not built in)", root, children)
	}
	return c
}

// scanRoot parses body and returns its root element name and how many elements it holds.
func scanRoot(body []byte) (root string, children int, err error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return root, children, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 && root != "" {
				return root, children, fmt.Errorf("more than one root element")
			}
			if depth == 0 {
				root = t.Name.Local
			} else {
				children++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if root == "" {
		return "", 0, errors.New("no root element")
	}
	return root, children, nil
}

func checkEmpty(p *Plan, r *Response) Check {
	want := fmt.Sprintf("<%s></%s>", p.Dialect.ReplyRoot, p.Dialect.ReplyRoot)
	c := Check{ID: CheckEmpty, Status: Pass, Message: "empty " + want}
	root, children, err := scanRoot(r.Body)
	if err != nil || root != p.Dialect.ReplyRoot || children > 0 || r.Size > MaxReplyBytes {
		c.Status = Warn
		c.Message = fmt.Sprintf("the platform expects an empty %s here and ignores any instructions", want)
	}
	return c
}

func checkLatency(b Budget, d time.Duration) Check {
	c := Check{ID: CheckLatency, Status: Pass, Message: FormatLatency(d)}
	switch {
	case b.Fail > 0 && d > time.Duration(b.Fail):
		c.Status, c.Message = Fail, fmt.Sprintf("%s (over the %s limit: the platform gives up)", FormatLatency(d), time.Duration(b.Fail))
	case b.Warn > 0 && d > time.Duration(b.Warn):
		c.Status, c.Message = Warn, fmt.Sprintf("%s (over the %s budget)", FormatLatency(d), time.Duration(b.Warn))
	case b.Warn > 0:
		c.Message += fmt.Sprintf(" (budget %s)", time.Duration(b.Warn))
	}
	return c
}

// FormatLatency writes a latency as "12.3 ms" or "2.31 s".
func FormatLatency(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
