package cmd

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/lint"
	"github.com/vobizctl/vobizctl/lint/format"
	"github.com/vobizctl/vobizctl/send"
	"github.com/vobizctl/vobizctl/signature"
)

// maxReplyLines bounds the reply body shown in the text report.
const maxReplyLines = 40

func runSendOnce(c *cobra.Command, f *Factory, opts *sendOptions, job *sendJob) error {
	res, err := send.Send(c.Context(), send.Options{
		Plan: job.plan, Target: job.target, Signer: job.signer, Header: job.header, Client: job.client,
		Timeout: opts.Timeout, Linter: job.linter, Generator: send.NewGenerator(0, f.Now),
	})
	if res == nil || errors.Is(err, context.Canceled) {
		return err
	}
	if opts.Format == "json" {
		if werr := writeJSON(f, res.Report(err)); werr != nil {
			return werr
		}
	} else if werr := printSendReport(f, opts, res); werr != nil {
		return werr
	}
	if err != nil {
		return err
	}
	if !res.OK() {
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

func printSendReport(f *Factory, opts *sendOptions, res *send.Result) error {
	r := f.Renderer()
	w := &errWriter{w: r.Out}
	printRequest(w, r, res, opts.Verbose)
	if res.Response == nil {
		return w.err
	}
	printReply(w, r, res.Response, opts.Verbose)
	printChecks(w, r, res.Checks)
	if len(res.Diagnostics) > 0 && w.err == nil {
		w.printf("\n")
		w.err = printReplyDiagnostics(f, res)
	}
	printVerdict(w, r, res.Checks)
	return w.err
}

func printRequest(w *errWriter, r *render.Renderer, res *send.Result, verbose bool) {
	req, p := res.Request, res.Plan
	signed := "unsigned"
	if req.Header.Get("X-Vobiz-Signature-V3") != "" || req.Header.Get("X-Vobiz-Signature-V2") != "" {
		signed = "signed"
	}
	w.printf("%s %s  %s\n", r.Styles.Bold(req.Method), req.URL, r.Styles.Dim(p.Event.Name+" · "+p.Dialect.Name+" · "+signed))
	if req.SignURL != "" {
		w.printf("%s\n", r.Styles.Dim("signed for "+req.SignURL))
	}
	switch {
	case verbose:
		printRawRequest(w, r, req)
		return
	case res.Response == nil:
		return // no reply: the error says why; -v shows the request
	}
	w.printf("\n%s\n", r.Styles.Bold("Parameters"))
	width := 0
	for _, prm := range req.Params {
		width = max(width, len(prm.Name))
	}
	for _, prm := range req.Params {
		w.printf("  %-*s  %s\n", width, prm.Name, prm.Value)
	}
	var sigs []send.Header
	for _, h := range req.HeaderList() {
		if strings.HasPrefix(strings.ToLower(h.Name), "x-vobiz-signature") {
			sigs = append(sigs, h)
		}
	}
	if len(sigs) > 0 {
		w.printf("\n%s\n", r.Styles.Bold("Signature"))
		for _, h := range sigs {
			w.printf("  %-28s %s\n", docHeaderName(h.Name)+":", h.Value)
		}
	}
}

// printRawRequest shows the request as it goes on the wire (HTTP/1.1 framing).
func printRawRequest(w *errWriter, r *render.Renderer, req *send.Request) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return
	}
	w.printf("\n%s\n", r.Styles.Bold("Request"))
	w.printf("> %s %s HTTP/1.1\n> Host: %s\n", req.Method, u.RequestURI(), u.Host)
	for _, h := range req.HeaderList() {
		w.printf("> %s: %s\n", docHeaderName(h.Name), h.Value)
	}
	if len(req.Body) > 0 {
		w.printf("> Content-Length: %d\n>\n> %s\n", len(req.Body), req.Body)
	}
}

// docHeaderName spells a signature header as the Vobiz docs do ("X-Vobiz-Signature-MA-V3";
// Go's canonical form is "…-Ma-V3"). Header names are case-insensitive on the wire.
func docHeaderName(name string) string {
	for _, h := range []string{signature.HeaderV1, signature.HeaderV2, signature.HeaderV2Nonce, signature.HeaderMAV2,
		signature.HeaderV3, signature.HeaderV3Nonce, signature.HeaderMAV3} {
		if strings.EqualFold(name, h) {
			return h
		}
	}
	return name
}

func printReply(w *errWriter, r *render.Renderer, resp *send.Response, verbose bool) {
	facts := []string{resp.Proto + " " + resp.StatusLine(), send.FormatLatency(resp.Latency), send.FormatBytes(resp.Size)}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		facts = append(facts, ct)
	}
	w.printf("\n%s  %s\n", r.Styles.Bold("Reply"), strings.Join(facts, " · "))
	if verbose {
		for _, h := range resp.HeaderList() {
			w.printf("< %s: %s\n", h.Name, h.Value)
		}
	}
	body := strings.TrimRight(strings.ReplaceAll(string(resp.Body), "\r\n", "\n"), "\n")
	if body == "" {
		w.printf("  %s\n", r.Styles.Dim("(empty body)"))
		return
	}
	lines := strings.Split(body, "\n")
	for i, line := range lines {
		if i == maxReplyLines {
			w.printf("  %s\n", r.Styles.Dim("… "+plural(len(lines)-i, "more line")+" (--format json shows the whole reply)"))
			break
		}
		w.printf("  %s\n", line)
	}
}

func printChecks(w *errWriter, r *render.Renderer, checks []send.Check) {
	w.printf("\n%s\n", r.Styles.Bold("Checks"))
	for _, c := range checks {
		w.printf("  %s  %-14s %s\n", checkLabel(r, c.Status), c.ID, c.Message)
	}
}

func checkLabel(r *render.Renderer, s send.CheckStatus) string {
	switch s {
	case send.Pass:
		return r.Styles.Success("pass")
	case send.Warn:
		return r.Styles.Warning("warn")
	case send.Fail:
		return r.Styles.Error("FAIL")
	}
	return r.Styles.Dim("skip")
}

// printReplyDiagnostics prints the linter's findings with the reply's lines: the pretty format
// with source snippets on a terminal, file:line:col lines on a pipe.
func printReplyDiagnostics(f *Factory, res *send.Result) error {
	r := f.Renderer()
	name := "text"
	if r.IsTTY {
		name = "pretty"
	}
	p, err := format.New(name, format.Options{Styler: r.Styles, Width: r.Width, ToolVersion: f.Version.Version})
	if err != nil {
		return err
	}
	result := lint.Result{File: send.ReplyFile, Dialect: res.Plan.Dialect.LintDialect, Source: res.Response.Body, Diagnostics: res.Diagnostics}
	return p.Print(r.Out, []lint.Result{result})
}

func printVerdict(w *errWriter, r *render.Renderer, checks []send.Check) {
	var failed, warned []string
	for _, c := range checks {
		switch c.Status {
		case send.Fail:
			failed = append(failed, c.ID)
		case send.Warn:
			warned = append(warned, c.ID)
		}
	}
	switch {
	case len(failed) > 0:
		w.printf("\n%s the reply would fail on a real call (%s)\n", r.Styles.Error("FAIL"), strings.Join(failed, ", "))
	case len(warned) > 0:
		w.printf("\n%s the reply passes, with warnings (%s)\n", r.Styles.Warning("OK"), strings.Join(warned, ", "))
	default:
		w.printf("\n%s the reply passes every check\n", r.Styles.Success("OK"))
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
