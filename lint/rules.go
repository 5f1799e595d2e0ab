package lint

import "slices"

// Rule IDs of the engine: checks that every dialect gets from its schema data. Dialect rules
// (Go checks of facts a schema cannot express) live in the dialect's own files.
const (
	RuleXMLSyntax          = "xml-syntax"
	RuleRootElement        = "root-element"
	RuleDuplicateAttribute = "duplicate-attribute"
	RuleUnknownElement     = "unknown-element"
	RuleUnknownAttribute   = "unknown-attribute"
	RuleAttributeValue     = "attribute-value"
	RuleRequiredAttribute  = "required-attribute"
	RuleNesting            = "nesting"
	RuleTextContent        = "text-content"
	RuleUndocumentedValue  = "undocumented-value"
	RuleUnconfirmed        = "unconfirmed-usage"
	RuleUnknownMarkup      = "unknown-markup"
	RuleDocumentSize       = "document-size"
	RuleMixedDialect       = "mixed-dialect"
	RuleDialectComment     = "dialect-comment"
)

// allDialects is the RuleInfo.Dialect of engine rules, which apply to every dialect.
const allDialects = "all"

// engineRules documents the engine rules, in the order docs/rules.md lists them.
var engineRules = []RuleInfo{
	{ID: RuleXMLSyntax, Severity: Error,
		Description: "The document must be well-formed XML; the finding points at the fault.",
		Example:     "<Response>\n  <Speak>Tom & Jerry</Speak>\n</Response>"},
	{ID: RuleRootElement, Severity: Error,
		Description: "The document must have exactly one root element, the dialect's root (`Response`).",
		Example:     "<Gather action=\"https://example.com/menu\"/>"},
	{ID: RuleDuplicateAttribute, Severity: Error, Fixable: true,
		Description: "An attribute may appear only once on an element.",
		Example:     "<Response>\n  <Speak voice=\"MAN\" voice=\"WOMAN\">Hi</Speak>\n</Response>"},
	{ID: RuleUnknownElement, Severity: Error, Fixable: true,
		Description: "Every element must belong to the dialect; elements of the other dialect (Vobiz `Speak`, Voxtelesys `Say`, `If`, ...) and habits from Plivo (`GetDigits`, `GetInput`) and TwiML (`Enqueue`, `Sip`, ...) get a specific message.",
		Example:     "<Response>\n  <GetDigits action=\"https://example.com/menu\" timeout=\"10\"/>\n</Response>"},
	{ID: RuleUnknownAttribute, Severity: Error, Fixable: true,
		Description: "Every attribute must be defined for its element (namespace declarations and xsi: attributes are allowed).",
		Example:     "<Response>\n  <Gather action=\"https://example.com/menu\" timeout=\"15\"/>\n</Response>"},
	{ID: RuleAttributeValue, Severity: Error, Fixable: true,
		Description: "Attribute values must have the right type, be in range, be one of the allowed values or match the pattern.",
		Example:     "<Response>\n  <Speak voice=\"women\">Hi</Speak>\n</Response>"},
	{ID: RuleRequiredAttribute, Severity: Error,
		Description: "Required attributes must be present.",
		Example:     "<Response>\n  <Gather><Speak>Press 1</Speak></Gather>\n</Response>"},
	{ID: RuleNesting, Severity: Error,
		Description: "An element may only appear inside the parents its definition allows.",
		Example:     "<Response>\n  <Gather action=\"https://example.com/menu\">\n    <Record/>\n  </Gather>\n</Response>"},
	{ID: RuleTextContent, Severity: Error,
		Description: "Text content must fit the element: a URL, an E.164 number, a SIP URI, DTMF digits, a room name, non-empty text, or nothing. A requirement the docs only imply is reported as a warning.",
		Example:     "<Response>\n  <Play>music.mp3</Play>\n</Response>"},
	{ID: RuleUndocumentedValue, Severity: Warning,
		Description: "A well-formed value outside the documented list of an open set (e.g. a Speak language) probably works or falls back; check it.",
		Example:     "<Response>\n  <Speak language=\"hi-IN\">Namaste</Speak>\n</Response>"},
	{ID: RuleUnconfirmed, Severity: Warning,
		Description: "An attribute or nesting that the doc generations disagree about; it may be ignored at runtime.",
		Example:     "<Response>\n  <Dial><Number timeout=\"20\">+14155550100</Number></Dial>\n</Response>"},
	{ID: RuleUnknownMarkup, Severity: Warning,
		Description: "Inline markup (Speak's SSML) should use the known tags and attributes; others may be read out or dropped.",
		Example:     "<Response>\n  <Speak>Hello <audio src=\"https://example.com/a.mp3\"/></Speak>\n</Response>"},
	{ID: RuleDocumentSize, Severity: Error,
		Description: "The document must not exceed the platform's size limit (100 KB for Vobiz XML).",
		Example:     "<Response>\n  <Speak>… more than 102400 bytes …</Speak>\n</Response>"},
	{ID: RuleMixedDialect, Severity: Warning,
		Description: "With the dialect detected (`--dialect auto`, the default), a document with elements that only different dialects have is linted as the dialect most of them belong to; the others are pointed out. Set the dialect with a `<!-- vobizctl-dialect NAME -->` comment or `--dialect` if the guess is wrong.",
		Example:     "<Response>\n  <Say>Hello</Say>\n  <Pause length=\"1\"/>\n  <Speak>Goodbye</Speak>\n</Response>"},
	{ID: RuleDialectComment, Severity: Error,
		Description: "A `<!-- vobizctl-dialect NAME -->` comment must name a dialect (`vobiz`, `voxtelesys` or `auto`), and a document may not name two.",
		Example:     "<!-- vobizctl-dialect twiml -->\n<Response>\n  <Hangup/>\n</Response>"},
}

// Rules returns every rule of the engine and of every dialect: engine rules first, then each
// dialect's rules, in documentation order.
func Rules() []RuleInfo {
	out := make([]RuleInfo, 0, len(engineRules)+16)
	for _, r := range engineRules {
		r.Dialect = allDialects
		out = append(out, r)
	}
	for _, name := range dialectNames() {
		for _, r := range dialectRuleSets[name] {
			info := r.info
			info.Dialect = name
			out = append(out, info)
		}
	}
	return out
}

// ruleKnown reports whether id names a rule of the engine or of any dialect.
func ruleKnown(id string) bool {
	return slices.ContainsFunc(Rules(), func(r RuleInfo) bool { return r.ID == id })
}
