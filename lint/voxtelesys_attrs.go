package lint

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// checkPlaySource: Play page: the text is the audio URL; digits "plays DTMF instead of a
// file", and then the element may be empty.
func checkPlaySource(c *checker, el *element) {
	digits := el.attr("digits")
	switch {
	case digits == nil && !el.hasText():
		c.report("play-source", Error, el.nameStart, el.nameEnd, "`<Play>` has nothing to play",
			"give the audio URL as its text, or DTMF tones in digits=\"…\"")
	case digits != nil && el.hasText():
		c.report("play-source", Warning, digits.nameStart, digits.nameEnd,
			"`<Play>` has both an audio URL and `digits`: the digits are played instead of the file",
			"use two <Play> elements")
	}
}

// maxSayBytes is Say's text limit: "3,000 single-byte UTF-8 characters, SSML tags not counted".
const maxSayBytes = 3000

// checkSayLength counts the text's UTF-8 bytes (a character outside ASCII takes more than one
// of the 3,000); the text collected for the element excludes the SSML tags.
func checkSayLength(c *checker, el *element) {
	if !el.hasText() || el.templated {
		return
	}
	if n := len(strings.TrimSpace(string(el.text))); n > maxSayBytes {
		c.report("say-text-length", Error, el.textStart, el.textEnd,
			fmt.Sprintf("the text of `<Say>` is %d bytes long (UTF-8, SSML tags not counted); Voxtelesys speaks at most %d single-byte characters", n, maxSayBytes),
			"split the text into several <Say> elements")
	}
}

var (
	// Compiled on first use: package-level work runs at every command's start-up.
	bareVoice   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z][a-z]+$`) })
	googleVoice = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^Google\.([a-z]{2,3}-[A-Z]{2})-`) })
)

// checkSayVoice: Say page: voices are <engine>.<voice> (the legacy API docs use a bare Polly
// name) and the language must match the voice; a Google voice names its locale.
func checkSayVoice(c *checker, el *element) {
	a := el.attr("voice")
	if a == nil || a.templated {
		return
	}
	if bareVoice().MatchString(a.value) {
		f := c.report("say-voice", Warning, a.valueStart, a.valueEnd,
			fmt.Sprintf("the bare voice name `%s` comes from the legacy API docs; voices are written <engine>.<voice>", a.value),
			fmt.Sprintf("write voice=\"Polly.%s\"", a.value))
		if f != nil {
			f.fix = &fixEdits{elem: el.start, desc: fmt.Sprintf("change voice=%q to \"Polly.%s\"", a.value, a.value), edits: []edit{{a.valueStart, a.valueEnd, "Polly." + a.value}}}
		}
		return
	}
	m := googleVoice().FindStringSubmatch(a.value)
	lang, ok := valueOrDefault(el, "language")
	if m == nil || !ok || strings.EqualFold(m[1], lang) {
		return
	}
	at := el.attr("language")
	if at == nil {
		at = a
	}
	c.report("say-voice", Warning, at.valueStart, at.valueEnd,
		fmt.Sprintf("voice `%s` speaks %s, but `language` is `%s`", a.value, m[1], lang),
		fmt.Sprintf("set language=\"%s\"", m[1]))
}

// checkWebhookHTTPS: Webhooks page: "endpoint must be HTTPS with a valid publicly-trusted
// certificate". Action and callback URLs and Redirect (which fetches VoXML) are webhooks; Play's
// audio file is not.
func checkWebhookHTTPS(c *checker, el *element) {
	for i := range el.attrs {
		a := &el.attrs[i]
		if a.dup || a.ignored || !strings.HasPrefix(a.value, "http://") {
			continue
		}
		if spec, ok := el.def.Attribute(a.name); ok && spec.Kind == "url" {
			c.report("webhook-https", Error, a.valueStart, a.valueStart+len("http://"),
				fmt.Sprintf("%s uses `http://`; Voxtelesys sends webhooks only to HTTPS endpoints", describeAttr(el, a)), "use https:// with a publicly trusted certificate")
		}
	}
	if el.name == "Redirect" && el.hasText() && strings.HasPrefix(el.textValue(), "http://") {
		c.report("webhook-https", Error, el.textStart, el.textStart+len("http://"),
			"the URL of `<Redirect>` uses `http://`; Voxtelesys fetches VoXML only from HTTPS endpoints", "use https:// with a publicly trusted certificate")
	}
}

// checkUnusedAttributes reports attributes that depend on another one that is absent (inferred
// from the attribute tables: a method for a URL that is not there, …).
func checkUnusedAttributes(c *checker, el *element) {
	warn := func(name, msg, hint string) {
		if a := el.attr(name); a != nil {
			c.report("unused-attribute", Warning, a.nameStart, a.nameEnd, msg, hint)
		}
	}
	needs := func(name, url string) {
		if el.attr(url) == nil {
			warn(name, fmt.Sprintf("`%s` has no effect without `%s`", name, url), fmt.Sprintf("add %s or remove %s", url, name))
		}
	}
	switch el.name {
	case "Gather":
		needs("method", "action")
		needs("actionOnEmptyResult", "action")
		checkGatherInput(el, warn)
	case "Dial", "Record":
		needs("method", "action")
		needs("recordingStatusCallbackMethod", "recordingStatusCallback")
		needs("recordingStatusCallbackEvent", "recordingStatusCallback")
		if el.name != "Dial" {
			return
		}
		if rec, _ := valueOrDefault(el, "record"); rec == "do-not-record" {
			for _, name := range []string{"recordingTrack", "recordingStatusCallback"} {
				warn(name, fmt.Sprintf("`%s` has no effect: the call is not recorded (`record` is `do-not-record`)", name), "set record, or remove "+name)
			}
		}
	case "Pay":
		needs("method", "action")
		needs("statusCallbackMethod", "statusCallback")
	case "Number":
		needs("method", "url")
	}
}

// checkGatherInput reports options of the input type a Gather does not collect (input defaults
// to dtmf).
func checkGatherInput(el *element, warn func(name, msg, hint string)) {
	input, _ := valueOrDefault(el, "input")
	var ignored []string
	other := ""
	switch input {
	case "dtmf":
		ignored, other = []string{"speechTimeout", "profanityFilter", "language"}, "speech"
	case "speech":
		ignored, other = []string{"numDigits", "finishOnKey"}, "dtmf"
	}
	for _, name := range ignored {
		warn(name, fmt.Sprintf("`%s` applies to %s input, but `input` is `%s`", name, other, input), "remove "+name+", or set input=\"dtmf speech\"")
	}
}
