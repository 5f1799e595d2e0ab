package lint

// Voxtelesys VoXML dialect rules: platform facts from reference/voxtelesys.md that the schema
// cannot express. Facts the reference marks as inferred give at most a warning.

// Marks the Voxtelesys rules set on closing elements, read from the parent's childRefs.
const (
	markHandsOff uint32 = 1 << iota // Redirect, Hangup, Reject, or a verb whose action takes over
)

var voxtelesysRules = []*dialectRule{
	{info: RuleInfo{ID: "expression-syntax", Severity: Error,
		Description: "`If` and `Do` expressions must parse: `${name}` variables, numbers and quoted literals joined by `==`, `!=`, `=~`, `!~`, `&&` and `||`; regular expressions in quotes. The finding points at the column of the fault. Undocumented syntax (parentheses, `!`, `<`, `>`), constant comparisons and regexes that do not compile are warnings.",
		Example:     "<Response>\n  <Gather output=\"menu\" numDigits=\"1\"/>\n  <If expression=\"${menu.digits} = 1\">\n    <Say>One</Say>\n  </If>\n</Response>"},
		elements: []string{"If", "Do"}, check: checkExpression},
	{info: RuleInfo{ID: "undefined-variable", Severity: Warning,
		Description: "A `${variable}` in an expression should be set earlier in the document by `Set` or an `output` (Gather sets `<output>.digits` and `.speech`, Dial `<output>.status`), and not deleted by `Unset`; `${do.n}` exists only inside `Do`. A variable set by an earlier document of the call is fine: then ignore the warning.",
		Example:     "<Response>\n  <If expression=\"${tier} == 'gold'\">\n    <Say>Welcome back</Say>\n  </If>\n</Response>"},
		elements: []string{"If", "Do", "Set", "Unset", "Gather", "Dial", "Pay"}, check: checkVariables},
	{info: RuleInfo{ID: "unreachable-verb", Severity: Warning,
		Description: "Verbs after `Redirect`, `Hangup`, `Reject`, or a `Dial`, `Record` or `Pay` with `action` (and a `Gather` with `action` and `actionOnEmptyResult=\"true\"`) never run: the call continues with the document the action URL returns.",
		Example:     "<Response>\n  <Gather action=\"https://example.com/menu\" actionOnEmptyResult=\"true\">\n    <Say>Press 1</Say>\n  </Gather>\n  <Say>Never spoken</Say>\n</Response>"},
		check: checkHandsOff},
	{info: RuleInfo{ID: "reject-not-first", Severity: Warning,
		Description: "`Reject` avoids answering (and charging for) the call only as the first verb; after another verb the call is already answered.",
		Example:     "<Response>\n  <Say>Sorry</Say>\n  <Reject reason=\"busy\"/>\n</Response>"},
		elements: []string{"Reject"}, check: checkRejectFirst},
	{info: RuleInfo{ID: "redundant-answer", Severity: Warning,
		Description: "Only the first `Answer` has an effect; later ones do nothing.",
		Example:     "<Response>\n  <Answer/>\n  <Say>Hello</Say>\n  <Answer/>\n</Response>"},
		elements: []string{"Answer"}, check: checkRedundantAnswer},
	{info: RuleInfo{ID: "no-effect", Severity: Warning,
		Description: "A verb that does nothing as written: `Dial` without a number, `Connect` without `Flow`, `If` or `Do` without verbs, `Set` or `Unset` without `output`.",
		Example:     "<Response>\n  <Dial callerId=\"18005550100\"/>\n</Response>"},
		elements: []string{"Dial", "Connect", "If", "Do", "Set", "Unset"}, check: checkNoEffect},
	{info: RuleInfo{ID: "do-max-loops", Severity: Warning,
		Description: "`maxLoops` defaults to 1, so a `Do` without it runs its verbs at most once, like `If`.",
		Example:     "<Response>\n  <Do expression=\"${do.n} != '3'\">\n    <Say>Again</Say>\n  </Do>\n</Response>"},
		elements: []string{"Do"}, check: checkDoMaxLoops},
	{info: RuleInfo{ID: "play-source", Severity: Error,
		Description: "`Play` needs an audio URL as its text or a `digits` attribute; with both, the digits are played (a warning).",
		Example:     "<Response>\n  <Play loop=\"2\"/>\n</Response>"},
		elements: []string{"Play"}, check: checkPlaySource},
	{info: RuleInfo{ID: "say-text-length", Severity: Error,
		Description: "`Say` speaks at most 3,000 single-byte characters (UTF-8 bytes), SSML tags not counted.",
		Example:     "<Response>\n  <Say>… more than 3000 characters …</Say>\n</Response>"},
		elements: []string{"Say"}, check: checkSayLength},
	{info: RuleInfo{ID: "say-voice", Severity: Warning, Fixable: true,
		Description: "Write `Say` voices as `<engine>.<voice>` (a bare name such as `Joanna` comes from the legacy API docs), and a Google voice's locale should match `language`.",
		Example:     "<Response>\n  <Say voice=\"Joanna\">Hello</Say>\n</Response>"},
		elements: []string{"Say"}, check: checkSayVoice},
	{info: RuleInfo{ID: "webhook-https", Severity: Error,
		Description: "Webhook URLs (`action`, status callbacks, `Redirect`) must use HTTPS with a publicly trusted certificate; relative URLs inherit the document's scheme.",
		Example:     "<Response>\n  <Redirect>http://example.com/next</Redirect>\n</Response>"},
		check: checkWebhookHTTPS},
	{info: RuleInfo{ID: "pay-attributes", Severity: Warning,
		Description: "`Pay` options that cannot take effect together: `bankAccountType` without `paymentMethod=\"ach-debit\"`, card options with ACH, `minPostalCodeLength` with `postalCode=\"false\"`, and `Prompt`s for entries or attempts that never happen.",
		Example:     "<Response>\n  <Pay action=\"https://example.com/paid\" bankAccountType=\"consumer-savings\"/>\n</Response>"},
		elements: []string{"Pay", "Prompt"}, check: checkPayAttributes},
	{info: RuleInfo{ID: "unused-attribute", Severity: Warning,
		Description: "Attributes that do nothing as written: `method` without `action`, callback methods and events without their callback URL, `actionOnEmptyResult` without `action`, recording options without recording, speech options on a DTMF-only `Gather` and the reverse.",
		Example:     "<Response>\n  <Record method=\"GET\"/>\n</Response>"},
		elements: []string{"Gather", "Dial", "Record", "Pay", "Number"}, check: checkUnusedAttributes},
}
