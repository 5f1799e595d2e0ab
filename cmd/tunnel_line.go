package cmd

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/lint"
	"github.com/vobizctl/vobizctl/tunnel"
)

// writeExchangeLines writes the live line of one exchange and, indented below it, the details
// that need attention: the signature's likely cause, the reply's first diagnostic, why the local
// server gave no answer.
//
//	15:04:05  #3  POST /answer  StartApp  200  12ms  signature valid  reply ok
func writeExchangeLines(w io.Writer, st render.Styles, ex tunnel.Exchange) {
	cols := []string{
		ex.Time.Local().Format(time.TimeOnly), "#" + ex.ID, ex.Request.Method + " " + ex.Request.URI,
		orDash(ex.Event), statusText(st, ex), formatLatency(ex.DurationMS),
	}
	if s := ex.Signature; s != nil {
		cols = append(cols, "signature "+signatureText(st, s.Status))
	}
	if l := ex.Lint; l != nil {
		cols = append(cols, "reply "+lintText(st, l))
	}
	fmt.Fprintln(w, strings.Join(cols, "  "))
	for _, d := range exchangeDetails(ex) {
		fmt.Fprintf(w, "    %s %s\n", st.Dim(d.label+":"), d.text)
	}
}

type detail struct{ label, text string }

func exchangeDetails(ex tunnel.Exchange) []detail {
	var out []detail
	if ex.Error != "" {
		out = append(out, detail{"error", ex.Error})
	}
	if s := ex.Signature; s != nil && s.Status == tunnel.SignatureInvalid && s.Cause != "" {
		out = append(out, detail{"signature", s.Cause})
	}
	if l := ex.Lint; l != nil {
		switch {
		case l.Skipped != "":
			out = append(out, detail{"reply", "not linted: " + l.Skipped})
		case l.First != nil:
			out = append(out, detail{"reply", diagnosticText(*l.First)})
		}
	}
	return out
}

func diagnosticText(d lint.Diagnostic) string {
	s := fmt.Sprintf("%d:%d %s: %s [%s]", d.Start.Line, d.Start.Col, d.Severity, d.Message, d.Rule)
	if d.Hint != "" {
		s += " — " + d.Hint
	}
	return s
}

func statusText(st render.Styles, ex tunnel.Exchange) string {
	if ex.Response == nil {
		return st.Error("502")
	}
	code := strconv.Itoa(ex.Response.Status)
	switch {
	case ex.Response.Status >= 400:
		return st.Error(code)
	case ex.Response.Status >= 300:
		return st.Warning(code)
	}
	return st.Success(code)
}

func signatureText(st render.Styles, s tunnel.SignatureStatus) string {
	switch s {
	case tunnel.SignatureValid:
		return st.Success(string(s))
	case tunnel.SignatureInvalid:
		return st.Error(string(s))
	}
	return st.Dim(string(s))
}

func lintText(st render.Styles, l *tunnel.LintSummary) string {
	switch {
	case l.Skipped != "":
		return st.Dim("skipped")
	case l.Errors > 0:
		return st.Error(plural(l.Errors, "error"))
	case l.Warnings > 0:
		return st.Warning(plural(l.Warnings, "warning"))
	}
	return st.Success("ok")
}

func formatLatency(ms float64) string {
	if ms < 10 {
		return fmt.Sprintf("%.1fms", ms)
	}
	return fmt.Sprintf("%.0fms", ms)
}
