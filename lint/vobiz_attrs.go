package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkInsecureURL: the global rules say callback URLs may start with http:// or https:// but
// "the docs require HTTPS in practice"; Play and Redirect take an HTTPS URL; Stream takes wss://
// with ws:// "only for local testing". Which values are URLs comes from the schema's x-kind.
func checkInsecureURL(c *checker, el *element) {
	for i := range el.attrs {
		a := &el.attrs[i]
		if a.dup || a.ignored || !strings.HasPrefix(a.value, "http://") {
			continue
		}
		if spec, ok := el.def.Attribute(a.name); ok && spec.Kind == "url" {
			c.report("insecure-url", Warning, a.valueStart, a.valueStart+len("http://"),
				fmt.Sprintf("%s uses `http://`; Vobiz expects HTTPS", describeAttr(el, a)), "use https://")
		}
	}
	if !el.hasText() {
		return
	}
	scheme := ""
	switch el.def.Text.Kind {
	case "url":
		scheme = "http://"
	case "ws-url":
		scheme = "ws://"
	default:
		return
	}
	if !strings.HasPrefix(el.textValue(), scheme) {
		return
	}
	msg := fmt.Sprintf("the URL of `<%s>` uses `http://`; Vobiz expects HTTPS", el.name)
	if scheme == "ws://" {
		msg = fmt.Sprintf("the URL of `<%s>` uses `ws://`, which is for local testing only", el.name)
	}
	c.report("insecure-url", Warning, el.textStart, el.textStart+len(scheme), msg, "use "+strings.Replace(scheme, ":", "s:", 1))
}

// Gather hints limits (Gather page).
const (
	maxHintPhrases    = 500
	maxHintChars      = 10000
	maxHintPhraseChar = 100
)

// checkGatherHints: Gather page: hints are "non-empty comma-separated phrases; ≤ 500 phrases,
// ≤ 10 000 chars total, ≤ 100 chars per phrase".
func checkGatherHints(c *checker, el *element) {
	a := el.attr("hints")
	if a == nil || a.templated {
		return
	}
	report := func(msg string) {
		c.report("gather-hints", Error, a.valueStart, a.valueEnd, msg, "hints: at most 500 comma-separated phrases, 100 characters each, 10,000 in total")
	}
	if n := utf8.RuneCountInString(a.value); n > maxHintChars {
		report(fmt.Sprintf("`hints` is %d characters long; the limit is %d", n, maxHintChars))
	}
	phrases := strings.Split(a.value, ",")
	if len(phrases) > maxHintPhrases {
		report(fmt.Sprintf("`hints` has %d phrases; the limit is %d", len(phrases), maxHintPhrases))
	}
	for _, p := range phrases {
		p = strings.TrimSpace(p)
		if p == "" {
			report("`hints` contains an empty phrase; remove the extra comma")
			break
		}
	}
	for _, p := range phrases {
		if n := utf8.RuneCountInString(strings.TrimSpace(p)); n > maxHintPhraseChar {
			report(fmt.Sprintf("the hint phrase `%s` is %d characters long; the limit is %d", clip(strings.TrimSpace(p)), n, maxHintPhraseChar))
			break
		}
	}
}

// Gather attributes that apply to one input type only (the "Applies to" column of the Gather page).
var (
	speechOnly = []string{"speechEndTimeout", "speechModel", "hints", "language", "interimSpeechResultsCallback", "interimSpeechResultsCallbackMethod", "profanityFilter"}
	dtmfOnly   = []string{"digitEndTimeout", "finishOnKey", "numDigits"}
)

// checkIneffective reports attributes that are accepted but do nothing as written.
func checkIneffective(c *checker, el *element) {
	warn := func(name string, msg func() string, hint string) {
		if a := el.attr(name); a != nil {
			c.report("ineffective-attribute", Warning, a.nameStart, a.nameEnd, msg(), hint)
		}
	}
	switch el.name {
	case "Gather":
		input, _ := el.value("inputType")
		ignored, other := []string(nil), ""
		switch input {
		case "dtmf":
			ignored, other = speechOnly, "speech"
		case "speech":
			ignored, other = dtmfOnly, "dtmf"
		}
		for _, name := range ignored {
			if el.attr(name) == nil {
				continue // the messages below are only built for attributes that are there
			}
			warn(name, func() string {
				return fmt.Sprintf("`%s` applies to %s input only, but `inputType` is `%s`", name, other, input)
			},
				"remove "+name+", or set inputType=\"dtmf speech\"")
		}
	case "Wait":
		if s, _ := el.value("silence"); s == "true" {
			warn("beep", constant("`beep` is only evaluated when silence detection is off"), "remove beep or silence")
		}
	case "Number", "User":
		if el.attr("sendDigits") == nil {
			warn("sendOnPreanswer", constant("`sendOnPreanswer` has no effect without `sendDigits`"), "add sendDigits or remove sendOnPreanswer")
		}
	case "Conference":
		if v, _ := el.value("record"); v == "true" {
			warn("record", constant("`record=\"true\"` on `<Conference>` produces no recording file today"), "put <Record recordSession=\"true\"/> before <Conference>")
		}
		warn("waitMethod", constant("`waitMethod` is not implemented and is ignored (waitSound is always fetched with POST)"), "remove waitMethod")
		warn("maxParticipants", constant("`maxParticipants` is parsed but not enforced; the account's member cap (often 20) applies"), "")
	}
}

func constant(s string) func() string { return func() string { return s } }
