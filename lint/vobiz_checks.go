package lint

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/vobizctl/vobizctl/schema"
)

// checkDialTarget: Dial page: "at least one Number or User is mandatory (Dial does nothing
// otherwise)"; a single phone number as Dial's text is the documented shorthand.
func checkDialTarget(c *checker, el *element) {
	if el.hasText() || el.unknownKids {
		return
	}
	for _, ch := range el.children {
		if ch.is(c, "Number") || ch.is(c, "User") {
			return
		}
	}
	c.report("dial-no-target", Error, el.nameStart, el.nameEnd,
		"`<Dial>` has no `<Number>` or `<User>` to call, so it does nothing",
		"add <Number>+14155550100</Number> or <User>sip:alice@registrar.vobiz.ai</User> inside <Dial>")
}

// checkWaitSilence: Wait page: minSilence applies "only with silence=true; need
// length*1000 > minSilence" (defaults: length 1 s, minSilence 2000 ms).
func checkWaitSilence(c *checker, el *element) {
	ms := el.attr("minSilence")
	silence, _ := el.value("silence")
	if silence != "true" {
		if ms != nil {
			c.report("wait-min-silence", Warning, ms.nameStart, ms.nameEnd,
				"`minSilence` has no effect without `silence=\"true\"`", "add silence=\"true\" or remove minSilence")
		}
		return
	}
	length, okL := intValue(el, "length", 1)
	minSilence, okM := intValue(el, "minSilence", 2000)
	if !okL || !okM || minSilence < length*1000 {
		return
	}
	start, end := el.nameStart, el.nameEnd
	if ms != nil {
		start, end = ms.valueStart, ms.valueEnd
	}
	c.report("wait-min-silence", Warning, start, end,
		fmt.Sprintf("`minSilence` (%d ms) must be below `length`×1000 (%d ms): the wait ends before that much silence can be detected", minSilence, length*1000),
		"raise length or lower minSilence")
}

// intValue returns the integer value of an attribute, its default when absent, and false when it
// is a placeholder or not an integer (the schema check reports the latter).
func intValue(el *element, name string, def int64) (int64, bool) {
	a := el.attr(name)
	if a == nil {
		return def, true
	}
	if a.templated {
		return 0, false
	}
	n, err := strconv.ParseInt(a.value, 10, 64)
	return n, err == nil
}

// voiceTables caches each Speak definition's x-voice-availability annotation.
var voiceTables sync.Map // *schema.Element → map[string][]string

func voiceTable(def *schema.Element) map[string][]string {
	if t, ok := voiceTables.Load(def); ok {
		return t.(map[string][]string)
	}
	var t map[string][]string
	_ = json.Unmarshal(def.Annotation("x-voice-availability"), &t) // checked by the schema tests
	voiceTables.Store(def, t)
	return t
}

// checkSpeakVoice: Speak page: "if the language lacks that gender, Vobiz uses the one it has".
func checkSpeakVoice(c *checker, el *element) {
	voice, okV := valueOrDefault(el, "voice")
	lang, okL := valueOrDefault(el, "language")
	if !okV || !okL {
		return
	}
	voices, known := voiceTable(el.def)[lang]
	if spec, ok := el.def.Attribute("voice"); !known || !ok || !slices.Contains(spec.Enum, voice) || slices.Contains(voices, voice) {
		return // an unknown language or an invalid voice is reported by the schema checks
	}
	at := el.attr("voice")
	if at == nil {
		at = el.attr("language")
	}
	start, end := el.nameStart, el.nameEnd
	if at != nil {
		start, end = at.valueStart, at.valueEnd
	}
	c.report("speak-voice-language", Warning, start, end,
		fmt.Sprintf("voice `%s` is not available for `%s`; Vobiz uses `%s`", voice, lang, strings.Join(voices, "`/`")),
		fmt.Sprintf("set voice=\"%s\"", voices[0]))
}

// valueOrDefault returns an attribute's value, or the schema default when absent; false when the
// value is a placeholder.
func valueOrDefault(el *element, name string) (string, bool) {
	if a := el.attr(name); a != nil {
		return a.value, !a.templated
	}
	spec, ok := el.def.Attribute(name)
	return spec.Default, ok
}

// checkStreamTrack: Stream page: audioTrack "with bidirectional=true must stay inbound".
func checkStreamTrack(c *checker, el *element) {
	bidi, _ := el.value("bidirectional")
	track := el.attr("audioTrack")
	if bidi != "true" || track == nil || track.templated || track.value == "inbound" {
		return
	}
	c.report("stream-bidirectional-track", Error, track.valueStart, track.valueEnd,
		fmt.Sprintf("a bidirectional `<Stream>` must use `audioTrack=\"inbound\"`, not `%s`", track.value),
		"remove audioTrack or set it to inbound")
}

// checkLoopForever: Speak/Play pages: loop 0 repeats until hangup or interruption (DRAFT:
// "keeps the call in Speak indefinitely"). Inside Gather a key press interrupts it.
func checkLoopForever(c *checker, el *element) {
	loop, ok := el.value("loop")
	if !ok || loop != "0" {
		return
	}
	if p := el.parent; p != nil && p.name == "Gather" {
		return
	}
	a := el.attr("loop")
	c.report("loop-forever", Warning, a.valueStart, a.valueEnd,
		fmt.Sprintf("`loop=\"0\"` repeats `<%s>` until the caller hangs up; nothing after it runs", el.name),
		"set a number of repetitions, or nest it in <Gather> so the caller can interrupt it")
}

// checkRecordRedirect: Record page (NEW): redirect=false "only notifies — then action must
// return an empty <Response></Response>".
func checkRecordRedirect(c *checker, el *element) {
	if v, ok := el.value("redirect"); !ok || v != "false" {
		return
	}
	a := el.attr("redirect")
	c.report("record-redirect-false", Info, a.valueStart, a.valueEnd,
		"with `redirect=\"false\"` Vobiz only notifies `action`: the XML it returns is not run, and it must return an empty `<Response></Response>`",
		"use redirect=\"true\" to continue with the XML that action returns")
}
