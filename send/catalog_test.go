package send

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCatalogEveryVariantBuilds plans and builds every event with every var value, so a data
// mistake (an unknown fact, a condition on a missing name, a cycle) fails here.
func TestCatalogEveryVariantBuilds(t *testing.T) {
	c, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Dialects() {
		if len(d.Events) == 0 {
			t.Errorf("dialect %s has no events", d.Name)
		}
		for _, e := range d.Events {
			if len(e.Sources) == 0 || e.Summary == "" {
				t.Errorf("%s: sources and summary are required", e.Name)
			}
			for _, settings := range variantSettings(e) {
				p, err := c.Plan(PlanOptions{Dialect: d.Name, Event: e.Name, Settings: settings})
				if err != nil {
					t.Errorf("%s %v: %v", e.Name, settings, err)
					continue
				}
				values := p.Values(NewGenerator(3, fixedClock))
				if len(values) == 0 {
					t.Errorf("%s %v: no parameters", e.Name, settings)
				}
				for _, v := range values {
					if strings.ContainsAny(v.Value, "{}") && !strings.Contains(v.Value, "{{") && !json.Valid([]byte(v.Value)) {
						t.Errorf("%s: %s = %q looks like an unexpanded reference", e.Name, v.Name, v.Value)
					}
				}
			}
		}
	}
}

// TestCatalogIssueEvents checks that the catalog has every event the issues name (the send issue
// for Vobiz, issue 9 for Voxtelesys).
func TestCatalogIssueEvents(t *testing.T) {
	c, _ := DefaultCatalog()
	want := map[string][]string{
		"vobiz": {"answer", "ring", "hangup", "gather", "dial", "dial-event", "record", "record-stop",
			"transcription", "conference", "redirect", "stream-status", "message",
			"Ring", "StartApp", "Hangup", "recording.completed", "conference.started", "conference.ended"},
		"voxtelesys": {"answer", "status", "recording", "gather", "dial", "record", "pay"},
	}
	for dialect, names := range want {
		d, err := c.Dialect(dialect)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if _, ok := d.Event(name); !ok {
				t.Errorf("%s event %q is missing", dialect, name)
			}
		}
	}
}

const okDialect = `name: x
title: X
description: d
source: s
encoding: form
method: POST
signing: none
lint_dialect: x
reply_root: Response
time_format: "2006"
categories: [{id: c, title: C}]
facts:
  a: {gen: uuid, description: a}
`

const okEvent = `name: e
category: c
summary: s
description: d
reply: ack
sources: [s]
params:
  - {name: A, value: "{a}", description: d, source: s}
`

func TestLoadCatalogRejectsBadData(t *testing.T) {
	tests := []struct {
		name, dialect, event, wantErr string
	}{
		{"ok", okDialect, okEvent, ""},
		{"unknown key", okDialect, okEvent + "colour: red\n", "field colour not found"},
		{"bad encoding", strings.Replace(okDialect, "encoding: form", "encoding: xml", 1), okEvent, `encoding "xml"`},
		{"bad signing", strings.Replace(okDialect, "signing: none", "signing: hmac", 1), okEvent, `signing "hmac"`},
		{"bad generator", strings.Replace(okDialect, "gen: uuid", "gen: guid", 1), okEvent, `unknown generator "guid"`},
		{"redefined clock fact", okDialect + "  duration: {value: \"1\", description: d}\n", okEvent, `"duration" is built in`},
		{"unknown fact", okDialect, strings.Replace(okEvent, "{a}", "{b}", 1), "unknown fact {b}"},
		{"bad reference", okDialect, strings.Replace(okEvent, "{a}", "{A}", 1), "bad fact reference"},
		{"unknown category", okDialect, strings.Replace(okEvent, "category: c", "category: z", 1), `unknown category "z"`},
		{"bad reply", okDialect, strings.Replace(okEvent, "reply: ack", "reply: json", 1), `reply "json"`},
		{"unknown group", okDialect, okEvent + "  - include: nope\n", `unknown group "nope"`},
		{"missing source", okDialect, strings.Replace(okEvent, ", source: s}", "}", 1), "source are required"},
		{"bad var default", okDialect, okEvent + "vars:\n  - {name: v, description: d, default: z, values: [{value: a, description: d}]}\n", `default "z"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"events/x/dialect.yaml": {Data: []byte(tt.dialect)},
				"events/x/e.yaml":       {Data: []byte(tt.event)},
			}
			_, err := LoadCatalog(fsys, "events")
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestParseTemplate(t *testing.T) {
	tests := []struct {
		in      string
		want    []segment
		wantErr string
	}{
		{"plain", []segment{{lit: "plain"}}, ""},
		{"{a}", []segment{{fact: "a"}}, ""},
		{"x{a_1}y{b}", []segment{{lit: "x"}, {fact: "a_1"}, {lit: "y"}, {fact: "b"}}, ""},
		{`{{"k":{a}}}`, []segment{{lit: `{"k":`}, {fact: "a"}, {lit: "}"}}, ""},
		{"", nil, ""},
		{"{a", nil, "unterminated"},
		{"a}", nil, "unmatched }"},
		{"{Bad}", nil, "bad fact reference"},
		{"{}", nil, "bad fact reference"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseTemplate(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got.segs) != len(tt.want) {
				t.Fatalf("segments = %+v, want %+v", got.segs, tt.want)
			}
			for i := range got.segs {
				if got.segs[i] != tt.want[i] {
					t.Errorf("segment %d = %+v, want %+v", i, got.segs[i], tt.want[i])
				}
			}
		})
	}
}
