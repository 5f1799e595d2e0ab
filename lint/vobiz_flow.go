package lint

import "fmt"

// Flow rules look at the order of a parent's children. Each marks the interesting children when
// they close (childRef.marks) and checks the sequence when the parent closes.

// checkUnreachable: Redirect hands the call to another document and Hangup ends it (Hangup page:
// "anything after it is not processed"; Redirect page: "later siblings never execute").
func checkUnreachable(c *checker, el *element) {
	switch el.name {
	case "Redirect":
		el.marks |= markEndsFlow
	case "Hangup":
		if el.attr("schedule") == nil {
			el.marks |= markEndsFlow
		}
	}
	if el.childMarks&markEndsFlow == 0 {
		return
	}
	for i, ch := range el.children[:len(el.children)-1] {
		if ch.marks&markEndsFlow == 0 {
			continue
		}
		next, stop := el.children[i+1], ch.name(c)
		why := "ends the call"
		if stop == "Redirect" {
			why = "hands the call to another document"
		}
		msg := fmt.Sprintf("`<%s>` never runs: `<%s>` on line %d %s", next.name(c), stop, c.lineOf(ch.start()), why)
		switch more := len(el.children) - i - 2; more {
		case 0:
		case 1:
			msg += " (nor does the element after it)"
		default:
			msg += fmt.Sprintf(" (nor do the %d elements after it)", more)
		}
		c.report("unreachable-element", Warning, next.start(), next.end(), msg,
			"remove the dead elements, or move them before <"+stop+">")
		return
	}
}

// checkScheduledHangup: Hangup page: schedule "needs a following element (Speak/Play/Wait) or
// the call ends at once".
func checkScheduledHangup(c *checker, el *element) {
	if el.name == "Hangup" && el.attr("schedule") != nil {
		el.marks |= markScheduledHangup
	}
	if el.childMarks&markScheduledHangup == 0 {
		return
	}
	if last := el.children[len(el.children)-1]; last.marks&markScheduledHangup != 0 {
		c.report("hangup-schedule-last", Warning, last.start(), last.end(),
			"`<Hangup schedule>` is the last element, so the call ends at once instead of after the delay",
			"put what should run until the hangup (Speak, Play, Wait) after it")
	}
}

// checkGatherFallback: Gather page: "No input in time → the next element after Gather runs ...
// Always put fallback XML after Gather."
func checkGatherFallback(c *checker, el *element) {
	if el.name == "Gather" {
		el.marks |= markGather
	}
	if el.childMarks&markGather == 0 {
		return
	}
	if last := el.children[len(el.children)-1]; last.marks&markGather != 0 {
		c.report("gather-no-fallback", Warning, last.start(), last.end(),
			"nothing follows `<Gather>`: if the caller enters nothing, the call ends",
			"add fallback XML after it, e.g. a <Speak> and a <Redirect> back to the menu")
	}
}

// checkPreAnswerFirst: PreAnswer page: "Should be the first element".
func checkPreAnswerFirst(c *checker, el *element) {
	if el.index > 0 {
		c.report("preanswer-not-first", Warning, el.nameStart, el.nameEnd,
			"`<PreAnswer>` is not the first element; early media only plays before the call is answered",
			"move <PreAnswer> to the top of <Response>")
	}
}
