package lint

import "fmt"

// handsOff reports whether a closing element ends the document's run: Redirect, Hangup and
// Reject always (their pages: later verbs are ignored); Dial, Record and Pay with action (the
// call continues with the VoXML the action returns; without action the next verb runs); Gather
// with action only when actionOnEmptyResult is true (otherwise no input runs the next verb).
func handsOff(el *element) bool {
	switch el.name {
	case "Redirect", "Hangup", "Reject":
		return true
	case "Dial", "Record", "Pay":
		return el.attr("action") != nil
	case "Gather":
		v, _ := el.value("actionOnEmptyResult")
		return el.attr("action") != nil && v == "true"
	}
	return false
}

// checkHandsOff reports the first verb after one that hands the call away.
func checkHandsOff(c *checker, el *element) {
	if handsOff(el) {
		el.marks |= markHandsOff
	}
	if el.childMarks&markHandsOff == 0 {
		return
	}
	for i, ch := range el.children[:len(el.children)-1] {
		if ch.marks&markHandsOff == 0 {
			continue
		}
		next, stop := el.children[i+1], ch.name(c)
		why := "hands the call to the document its action URL returns"
		switch stop {
		case "Redirect":
			why = "hands the call to another document"
		case "Hangup":
			why = "ends the call"
		case "Reject":
			why = "rejects the call"
		}
		msg := fmt.Sprintf("`<%s>` never runs: `<%s>` on line %d %s", next.name(c), stop, c.lineOf(ch.start()), why)
		switch more := len(el.children) - i - 2; more {
		case 0:
		case 1:
			msg += " (nor does the verb after it)"
		default:
			msg += fmt.Sprintf(" (nor do the %d verbs after it)", more)
		}
		c.report("unreachable-verb", Warning, next.start(), next.end(), msg, "remove the dead verbs, or move them before <"+stop+">")
		return
	}
}

// checkRejectFirst: Reject page: "as first verb: call never answered, no charge". Set and
// Unset only change variables, so they may come first (inferred).
func checkRejectFirst(c *checker, el *element) {
	for cur := el; cur.parent != nil; cur = cur.parent {
		for _, sib := range cur.parent.children {
			if sib.is(c, "Set") || sib.is(c, "Unset") {
				continue
			}
			c.report("reject-not-first", Warning, el.nameStart, el.nameEnd,
				fmt.Sprintf("`<Reject>` comes after `<%s>` (line %d): the call is answered by then, so it is not rejected free of charge", sib.name(c), c.lineOf(sib.start())),
				"make <Reject> the first verb, or end the call with <Hangup/>")
			return
		}
	}
}

// checkRedundantAnswer: Answer page: "only the first one has effect, later ones no-op".
func checkRedundantAnswer(c *checker, el *element) {
	s := voxtelesysState(c)
	if s.answer < 0 {
		s.answer = el.start
		return
	}
	c.report("redundant-answer", Warning, el.nameStart, el.nameEnd,
		fmt.Sprintf("this `<Answer>` does nothing: the call was answered by the one on line %d", c.lineOf(s.answer)), "remove it")
}

// checkNoEffect reports verbs that do nothing as written (inferred from what each verb is for).
func checkNoEffect(c *checker, el *element) {
	warn := func(msg, hint string) { c.report("no-effect", Warning, el.nameStart, el.nameEnd, msg, hint) }
	hasChild := func(name string) bool {
		for _, ch := range el.children {
			if name == "" || ch.is(c, name) {
				return true
			}
		}
		return el.unknownKids
	}
	switch el.name {
	case "Dial":
		if !el.hasText() && !hasChild("Number") {
			warn("`<Dial>` has no number to call", "write the number as its text, or add <Number>18005550100</Number>")
		}
	case "Connect":
		if !hasChild("Flow") {
			warn("`<Connect>` has no `<Flow>` to hand the call to", "add <Flow>GUID of a portal Flow</Flow>")
		}
	case "If", "Do":
		if !hasChild("") {
			warn(fmt.Sprintf("`<%s>` has no verbs, so it does nothing", el.name), "add the verbs to run, or remove it")
		}
	case "Set", "Unset":
		if el.attr("output") == nil {
			warn(fmt.Sprintf("`<%s>` without `output` names no variable", el.name), "add output=\"name\"")
		}
	}
}

// checkDoMaxLoops: Do page: maxLoops defaults to 1.
func checkDoMaxLoops(c *checker, el *element) {
	if el.attr("maxLoops") != nil {
		return
	}
	c.report("do-max-loops", Warning, el.nameStart, el.nameEnd,
		"`<Do>` without `maxLoops` runs its verbs at most once (maxLoops defaults to 1)",
		"set maxLoops to the largest number of iterations, or use <If>")
}
