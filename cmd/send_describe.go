package cmd

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/schema"
	"github.com/vobizctl/vobizctl/send"
)

// eventListing is the JSON shape of `send --list --format json`.
type eventListing struct {
	Dialect     string         `json:"dialect"`
	Title       string         `json:"title"`
	Signing     string         `json:"signing"`
	Description string         `json:"description"`
	Events      []eventSummary `json:"events"`
}

type eventSummary struct {
	Name     string         `json:"name"`
	Category string         `json:"category"`
	Reply    send.ReplyKind `json:"reply"`
	Summary  string         `json:"summary"`
}

func printEventList(f *Factory, d *send.Dialect, format string) error {
	out := eventListing{Dialect: d.Name, Title: d.Title, Signing: d.Signing, Description: d.Description}
	for _, e := range d.Events {
		out.Events = append(out.Events, eventSummary{Name: e.Name, Category: e.Category, Reply: e.Reply, Summary: e.Summary})
	}
	if format == "json" {
		return writeJSON(f, out)
	}
	r := f.Renderer()
	if !r.IsTTY {
		t := r.NewTable("EVENT", "REPLY", "CATEGORY", "SUMMARY")
		for _, e := range out.Events {
			t.AddRow(e.Name, string(e.Reply), e.Category, e.Summary)
		}
		return t.Render()
	}
	return printGroupedEvents(r, d, out.Events)
}

// printGroupedEvents writes the events under their category titles, for a terminal.
func printGroupedEvents(r *render.Renderer, d *send.Dialect, events []eventSummary) error {
	w := &errWriter{w: r.Out}
	width := 0
	for _, e := range events {
		width = max(width, len(e.Name))
	}
	w.printf("%s %s\n", r.Styles.Bold(d.Title), r.Styles.Dim("(--dialect "+d.Name+")"))
	for _, c := range d.Categories {
		first := true
		for _, e := range events {
			if e.Category != c.ID {
				continue
			}
			if first {
				w.printf("\n%s\n", r.Styles.Bold(c.Title))
				first = false
			}
			w.printf("  %-*s  %-14s  %s\n", width, e.Name, r.Styles.Dim(replyLabel(e.Reply)), e.Summary)
		}
	}
	w.printf("\n%s\n", r.Styles.Dim("vobizctl send <event> --describe shows an event's parameters"))
	return w.err
}

func replyLabel(k send.ReplyKind) string {
	switch k {
	case send.ReplyXML:
		return "reply: XML"
	case send.ReplyEmpty:
		return "reply: empty"
	}
	return "reply ignored"
}

func describeEvent(f *Factory, d *send.Dialect, opts *sendOptions) error {
	catalog, err := send.DefaultCatalog()
	if err != nil {
		return err
	}
	info, err := catalog.Describe(d.Name, opts.event, send.NewGenerator(0, f.Now))
	if err != nil {
		return &FlagError{Err: err}
	}
	if opts.Format == "json" {
		return writeJSON(f, info)
	}
	r := f.Renderer()
	w := &errWriter{w: r.Out}
	describeHeader(w, r, d, info)
	describeVars(w, r, info)
	describeParams(w, r, info)
	describeFacts(w, r, info)
	w.printf("\n%s\n", r.Styles.Bold("Example"))
	for _, p := range info.Example {
		w.printf("  %s=%s\n", p.Name, p.Value)
	}
	w.printf("\n%s\n", r.Styles.Bold("Sources (../shared/reference)"))
	for _, s := range info.Sources {
		w.printf("  %s\n", s)
	}
	return w.err
}

func describeHeader(w *errWriter, r *render.Renderer, d *send.Dialect, info send.EventInfo) {
	w.printf("%s — %s %s\n\n", r.Styles.Bold(info.Name), info.Summary, r.Styles.Dim("(--dialect "+info.Dialect+")"))
	w.printf("%s\n\n", indent(strings.TrimSpace(info.Description), ""))
	w.printf("%-9s %s\n", "Reply:", replyExplanation(d, info.Reply))
	w.printf("%-9s %s\n", "Latency:", budgetText(info.Latency))
	w.printf("%-9s %s, %s-encoded (--method GET sends the parameters as a query string)\n", "Method:", info.Method, info.Encoding)
	if info.Signing == "none" {
		w.printf("%-9s none: the platform documents no request signature\n", "Signing:")
		if note := strings.TrimSpace(info.SigningNote); note != "" {
			w.printf("          %s\n", indent(note, "          "))
		}
	} else {
		w.printf("%-9s %s\n", "Signing:", indent(strings.TrimSpace(info.SigningNote), "          "))
	}
}

func replyExplanation(d *send.Dialect, k send.ReplyKind) string {
	switch k {
	case send.ReplyXML:
		size := "no documented size limit"
		if d.MaxReplyBytes > 0 {
			size = fmt.Sprintf("at most %d KB", d.MaxReplyBytes/1024)
		}
		return fmt.Sprintf("drives the call: %s as application/xml or text/xml, %s, linted", replyLanguage(d), size)
	case send.ReplyEmpty:
		return "notification: the platform expects an empty <" + d.ReplyRoot + "></" + d.ReplyRoot + ">"
	}
	return "ignored: any 2xx status acknowledges it"
}

// replyLanguage names the XML language of a dialect's replies ("Vobiz XML", "Voxtelesys VoXML").
func replyLanguage(d *send.Dialect) string {
	if sd, err := schema.Get(d.LintDialect); err == nil {
		return sd.Title()
	}
	return d.LintDialect + " XML"
}

func budgetText(b send.Budget) string {
	var parts []string
	if b.Warn > 0 {
		parts = append(parts, "warn over "+b.Warn.String())
	}
	if b.Fail > 0 {
		parts = append(parts, "fail over "+b.Fail.String())
	}
	if len(parts) == 0 {
		return "no budget"
	}
	return strings.Join(parts, ", ")
}

func describeVars(w *errWriter, r *render.Renderer, info send.EventInfo) {
	if len(info.Vars) == 0 {
		return
	}
	w.printf("\n%s\n", r.Styles.Bold("Variants"))
	for _, v := range info.Vars {
		flag := v.Flag
		if flag == "" {
			flag = "--set " + v.Name + "=…"
		}
		w.printf("  %s %s\n", flag, r.Styles.Dim("("+v.Name+": "+v.Description+")"))
		for _, x := range v.Values {
			def := ""
			if x.Value == v.Default {
				def = " (default)"
			}
			w.printf("    %-16s %s%s\n", x.Value, x.Description, r.Styles.Dim(def))
		}
	}
}

func describeParams(w *errWriter, r *render.Renderer, info send.EventInfo) {
	w.printf("\n%s %s\n", r.Styles.Bold("Parameters"), r.Styles.Dim("(sent sorted by name; -d Key=Value replaces or adds one)"))
	width := 0
	for _, p := range info.Params {
		width = max(width, len(p.Name))
	}
	for _, p := range info.Params {
		when := ""
		if len(p.When) > 0 {
			when = " " + r.Styles.Dim("[only when "+conditionText(p.When)+"]")
		}
		w.printf("  %-*s  %s%s\n", width, p.Name, p.Description, when)
		w.printf("  %-*s  %s\n", width, "", r.Styles.Dim("= "+p.Value+"   · "+p.Source))
	}
}

func conditionText(c send.Conditions) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(c)) {
		parts = append(parts, name+"="+strings.Join(c[name], "|"))
	}
	return strings.Join(parts, ", ")
}

func describeFacts(w *errWriter, r *render.Renderer, info send.EventInfo) {
	w.printf("\n%s %s\n", r.Styles.Bold("Facts"), r.Styles.Dim("(drawn once per request; --set name=value fixes one)"))
	for _, fi := range info.Facts {
		line := "  " + fi.Name
		if fi.Default != "" {
			line += "  " + fi.Default
		}
		if fi.Description != "" {
			line += "  " + r.Styles.Dim("— "+fi.Description)
		}
		w.printf("%s\n", line)
		for _, s := range fi.SetBy {
			w.printf("      %s\n", r.Styles.Dim("set by "+s))
		}
	}
}

func indent(s, prefix string) string { return strings.ReplaceAll(s, "\n", "\n"+prefix) }

// errWriter keeps the first write error so that printing code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
