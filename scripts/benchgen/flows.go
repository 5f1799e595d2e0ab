package main

import (
	"fmt"
	"strings"
)

// voices lists, per documented Speak language, the voices it has (the schema's
// x-voice-availability), so that every generated Speak passes speak-voice-language.
var voices = map[string][]string{
	"en-US": {"WOMAN", "MAN"}, "en-GB": {"WOMAN", "MAN"}, "en-AU": {"WOMAN", "MAN"},
	"de-DE": {"WOMAN", "MAN"}, "fr-FR": {"WOMAN", "MAN"}, "es-ES": {"WOMAN", "MAN"},
	"it-IT": {"WOMAN", "MAN"}, "pt-BR": {"WOMAN", "MAN"}, "nl-NL": {"WOMAN", "MAN"},
	"fr-CA": {"WOMAN"}, "sv-SE": {"WOMAN"}, "da-DK": {"WOMAN"},
}

var languages = []string{"en-US", "en-US", "en-US", "en-GB", "en-AU", "de-DE", "fr-FR", "es-ES",
	"it-IT", "pt-BR", "nl-NL", "fr-CA", "sv-SE", "da-DK"}

var companies = []string{"Example Corp", "Acme Health", "Northwind Travel", "Contoso Bank",
	"Blue Sky Insurance", "City Dental", "Fabrikam Motors", "Globex Logistics"}

var departments = []string{"sales", "support", "billing", "claims", "bookings", "returns", "accounts"}

var sentences = []string{
	"Thank you for calling %s.",
	"Calls may be recorded for quality and training purposes.",
	"Our opening hours are Monday to Friday, nine to five.",
	"Please have your account number ready.",
	"You can also reach us online at any time.",
	"For faster service, visit the help centre on our website.",
	"Your call is important to %s; please stay on the line.",
	"We are experiencing a high volume of calls today.",
}

func (g *gen) host() string {
	return "https://" + g.pick("app", "voice", "ivr", "calls") + "." + g.pick("example.com", "example.org", "example.net")
}

func (g *gen) sentence(company string) string {
	s := g.pick(sentences...)
	if strings.Contains(s, "%s") {
		return fmt.Sprintf(s, company)
	}
	return s
}

// speak writes a Speak with a language and a voice that language has.
func (g *gen) speak(b *strings.Builder, indent string) {
	lang := g.pick(languages...)
	voice := g.pick(voices[lang]...)
	company := g.pick(companies...)
	fmt.Fprintf(b, "%s<Speak voice=\"%s\" language=\"%s\">%s %s</Speak>\n", indent, voice, lang,
		g.sentence(company), g.sentence(company))
}

func (g *gen) number() string {
	return fmt.Sprintf("+1%03d555%04d", 200+g.r.IntN(800), g.r.IntN(10000))
}

// menu writes a Gather prompt and the fallback after it (gather-no-fallback wants one).
func (g *gen) menu(b *strings.Builder, indent string) {
	host, input := g.host(), g.pick("dtmf", "dtmf", "speech", "dtmf speech")
	n := 2 + g.r.IntN(4)
	opts := departments[:n]
	fmt.Fprintf(b, "%s<Gather action=\"%s/menu/%d\" method=\"POST\" inputType=\"%s\" executionTimeout=\"%d\"",
		indent, host, g.r.IntN(1000), input, 5+g.r.IntN(20))
	if strings.Contains(input, "dtmf") {
		fmt.Fprintf(b, " numDigits=\"1\" finishOnKey=\"%s\"", g.pick("#", "*", ""))
	}
	if strings.Contains(input, "speech") {
		fmt.Fprintf(b, " speechModel=\"%s\" hints=\"%s\" language=\"en-US\"",
			g.pick("default", "phone_call", "command_and_search"), strings.Join(opts, ","))
	}
	b.WriteString(">\n")
	var prompt strings.Builder
	for i, d := range opts {
		if input == "speech" {
			fmt.Fprintf(&prompt, " For %s, say %s.", d, d)
		} else {
			fmt.Fprintf(&prompt, " For %s, press %d.", d, i+1)
		}
	}
	fmt.Fprintf(b, "%s  <Speak voice=\"%s\" language=\"en-US\">%s%s</Speak>\n", indent, g.pick("WOMAN", "MAN"),
		g.sentence(g.pick(companies...)), prompt.String())
	if g.chance(30) {
		fmt.Fprintf(b, "%s  <Play>%s/audio/menu-%d.mp3</Play>\n", indent, host, g.r.IntN(100))
	}
	fmt.Fprintf(b, "%s</Gather>\n%s<Speak>Sorry, we did not get your choice.</Speak>\n", indent, indent)
}

func (g *gen) ivr(b *strings.Builder) {
	fmt.Fprintf(b, "<!-- Main menu of %s. -->\n<Response>\n", g.pick(companies...))
	if g.chance(20) {
		fmt.Fprintf(b, "  <PreAnswer>\n    <Play>%s/audio/ring.mp3</Play>\n  </PreAnswer>\n", g.host())
	}
	g.speak(b, "  ")
	g.menu(b, "  ")
	if g.chance(50) {
		g.menu(b, "  ")
	}
	fmt.Fprintf(b, "  <Redirect method=\"%s\">%s/ivr/menu</Redirect>\n</Response>\n", g.pick("GET", "POST"), g.host())
}

func (g *gen) voicemail(b *strings.Builder) {
	host := g.host()
	b.WriteString("<!-- After-hours voicemail. -->\n<Response>\n")
	g.speak(b, "  ")
	fmt.Fprintf(b, "  <Record action=\"%s/voicemail/saved\" method=\"POST\" fileFormat=\"%s\"\n", host, g.pick("mp3", "wav"))
	fmt.Fprintf(b, "          maxLength=\"%d\" timeout=\"%d\" finishOnKey=\"#\" playBeep=\"true\"", 30+g.r.IntN(270), 3+g.r.IntN(10))
	if g.chance(60) {
		fmt.Fprintf(b, "\n          transcriptionType=\"auto\" transcriptionUrl=\"%s/voicemail/transcript\"", host)
	}
	fmt.Fprintf(b, "\n          callbackUrl=\"%s/voicemail/recorded\"/>\n", host)
	b.WriteString("  <Speak>We did not get a message. Goodbye.</Speak>\n  <Hangup/>\n</Response>\n")
}

func (g *gen) conference(b *strings.Builder) {
	host := g.host()
	room := fmt.Sprintf("%s-%d", g.pick("standup", "sales-sync", "support-bridge", "board"), g.r.IntN(10000))
	b.WriteString("<!-- A team conference room. -->\n<Response>\n")
	if g.chance(40) {
		fmt.Fprintf(b, "  <Record recordSession=\"true\" callbackUrl=\"%s/conference/recording\"/>\n", host)
	}
	g.speak(b, "  ")
	fmt.Fprintf(b, "  <Conference startConferenceOnEnter=\"%t\" endConferenceOnExit=\"%t\" stayAlone=\"true\"\n",
		g.chance(70), g.chance(30))
	fmt.Fprintf(b, "              beep=\"true\" waitSound=\"%s/conference/hold-music\" muted=\"%t\"\n", host, g.chance(20))
	fmt.Fprintf(b, "              callbackUrl=\"%s/conference/events\" callbackMethod=\"POST\"\n", host)
	fmt.Fprintf(b, "              timeLimit=\"%d\">%s</Conference>\n", 600+g.r.IntN(3000), room)
	b.WriteString("  <Speak>The conference has ended. Goodbye.</Speak>\n</Response>\n")
}

func (g *gen) transfer(b *strings.Builder) {
	host := g.host()
	b.WriteString("<!-- Transfer to an agent, with voicemail as the fallback. -->\n<Response>\n")
	if g.chance(50) {
		fmt.Fprintf(b, "  <PreAnswer>\n    <Play>%s/audio/connecting.mp3</Play>\n  </PreAnswer>\n", host)
	}
	g.speak(b, "  ")
	fmt.Fprintf(b, "  <Dial action=\"%s/transfer/done\" method=\"POST\" callerId=\"%s\"\n", host, g.number())
	fmt.Fprintf(b, "        timeout=\"%d\" timeLimit=\"%d\" redirect=\"true\"\n", 15+g.r.IntN(30), 600+g.r.IntN(3000))
	fmt.Fprintf(b, "        callbackUrl=\"%s/transfer/events\">\n", host)
	for range 1 + g.r.IntN(3) {
		if g.chance(70) {
			fmt.Fprintf(b, "    <Number>%s</Number>\n", g.number())
		} else {
			fmt.Fprintf(b, "    <User>sip:agent%d@registrar.vobiz.ai</User>\n", g.r.IntN(500))
		}
	}
	b.WriteString("  </Dial>\n  <Speak>No agent is available. Please leave a message.</Speak>\n")
	fmt.Fprintf(b, "  <Redirect>%s/voicemail</Redirect>\n</Response>\n", host)
}
