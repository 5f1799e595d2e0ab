package lint

// Vobiz XML dialect rules: platform facts from reference/vobiz-xml.md that the schema cannot
// express. Facts marked (inferred) in the reference give at most a warning.

// Marks the Vobiz rules set on closing elements, read from the parent's childRefs.
const (
	markEndsFlow        uint32 = 1 << iota // Redirect, or Hangup without schedule: nothing after it runs
	markScheduledHangup                    // Hangup with schedule: needs something after it
	markGather                             // Gather: needs fallback XML after it
)

var vobizRules = []*dialectRule{
	{info: RuleInfo{ID: "unreachable-element", Severity: Warning,
		Description: "Elements after `Redirect` or `Hangup` (without `schedule`) never run.",
		Example:     "<Response>\n  <Redirect>https://example.com/next</Redirect>\n  <Speak>Never spoken</Speak>\n</Response>"},
		check: checkUnreachable},
	{info: RuleInfo{ID: "hangup-schedule-last", Severity: Warning,
		Description: "`Hangup schedule` needs a following element (Speak, Play, Wait); with nothing after it the call ends at once.",
		Example:     "<Response>\n  <Speak>Goodbye</Speak>\n  <Hangup schedule=\"30\"/>\n</Response>"},
		check: checkScheduledHangup},
	{info: RuleInfo{ID: "gather-no-fallback", Severity: Warning,
		Description: "Put fallback XML after `Gather`: if the caller enters nothing, the next element runs, and with none the call ends.",
		Example:     "<Response>\n  <Gather action=\"https://example.com/menu\">\n    <Speak>Press 1</Speak>\n  </Gather>\n</Response>"},
		check: checkGatherFallback},
	{info: RuleInfo{ID: "preanswer-not-first", Severity: Warning,
		Description: "`PreAnswer` should be the first element; early media after other verbs is pointless.",
		Example:     "<Response>\n  <Speak>Hello</Speak>\n  <PreAnswer><Speak>Ringing…</Speak></PreAnswer>\n</Response>"},
		elements: []string{"PreAnswer"}, check: checkPreAnswerFirst},
	{info: RuleInfo{ID: "dial-no-target", Severity: Error,
		Description: "`Dial` needs at least one `Number` or `User` (or a phone number as its text); otherwise it does nothing.",
		Example:     "<Response>\n  <Dial callerId=\"+14155550100\"></Dial>\n</Response>"},
		elements: []string{"Dial"}, check: checkDialTarget},
	{info: RuleInfo{ID: "wait-min-silence", Severity: Warning,
		Description: "`Wait minSilence` works only with `silence=\"true\"` and must stay below `length`×1000 ms.",
		Example:     "<Response>\n  <Wait length=\"2\" silence=\"true\" minSilence=\"3000\"/>\n</Response>"},
		elements: []string{"Wait"}, check: checkWaitSilence},
	{info: RuleInfo{ID: "speak-voice-language", Severity: Warning,
		Description: "The `Speak` voice must exist for the language; otherwise Vobiz uses the voice it has.",
		Example:     "<Response>\n  <Speak voice=\"MAN\" language=\"sv-SE\">Hej</Speak>\n</Response>"},
		elements: []string{"Speak"}, check: checkSpeakVoice},
	{info: RuleInfo{ID: "stream-bidirectional-track", Severity: Error,
		Description: "A bidirectional `Stream` must use `audioTrack=\"inbound\"`.",
		Example:     "<Response>\n  <Stream bidirectional=\"true\" audioTrack=\"both\">wss://example.com/audio</Stream>\n</Response>"},
		elements: []string{"Stream"}, check: checkStreamTrack},
	{info: RuleInfo{ID: "loop-forever", Severity: Warning,
		Description: "`loop=\"0\"` repeats until hangup; outside `Gather` nothing can interrupt it and later elements never run.",
		Example:     "<Response>\n  <Play loop=\"0\">https://example.com/hold.mp3</Play>\n</Response>"},
		elements: []string{"Speak", "Play"}, check: checkLoopForever},
	{info: RuleInfo{ID: "insecure-url", Severity: Warning,
		Description: "URLs should use `https://` (and WebSocket URLs `wss://`); plain `http://` and `ws://` are for local testing only.",
		Example:     "<Response>\n  <Redirect>http://example.com/next</Redirect>\n</Response>"},
		check: checkInsecureURL},
	{info: RuleInfo{ID: "record-redirect-false", Severity: Info,
		Description: "With `Record redirect=\"false\"` Vobiz only notifies `action`; the XML it returns is not run, and it must return an empty `<Response></Response>`.",
		Example:     "<Response>\n  <Record action=\"https://example.com/rec\" redirect=\"false\"/>\n</Response>"},
		elements: []string{"Record"}, check: checkRecordRedirect},
	{info: RuleInfo{ID: "gather-hints", Severity: Error,
		Description: "`Gather hints` takes at most 500 non-empty comma-separated phrases, 10,000 characters in total and 100 per phrase.",
		Example:     "<Response>\n  <Gather action=\"https://example.com/s\" inputType=\"speech\" hints=\"sales,,support\"/>\n  <Hangup/>\n</Response>"},
		elements: []string{"Gather"}, check: checkGatherHints},
	{info: RuleInfo{ID: "ineffective-attribute", Severity: Warning,
		Description: "Attributes that have no effect as written: speech options on a DTMF-only Gather (and the reverse), Wait `beep` with `silence`, `sendOnPreanswer` without `sendDigits`, and Conference attributes the platform ignores today (`record`, `waitMethod`, `maxParticipants`).",
		Example:     "<Response>\n  <Gather action=\"https://example.com/m\" inputType=\"dtmf\" hints=\"yes,no\"/>\n  <Hangup/>\n</Response>"},
		elements: []string{"Gather", "Wait", "Number", "User", "Conference"}, check: checkIneffective},
}
