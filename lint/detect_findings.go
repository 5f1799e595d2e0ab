package lint

import (
	"fmt"
	"strings"

	"github.com/vobizctl/vobizctl/schema"
)

// reportChoice reports what the dialect choice found worth a finding: vobizctl-dialect comments
// that name no dialect or contradict the first one, and, when the dialect was guessed, the
// elements of the other dialects in a mixed document.
func (c *checker) reportChoice() {
	ch := &c.choice
	if b := ch.badComment; b != nil {
		c.report(RuleDialectComment, Error, b.start, b.end,
			fmt.Sprintf("the %s comment names `%s`, which is not a dialect; want %s or %s", dialectWord, b.value, strings.Join(schema.Dialects(), ", "), AutoDialect),
			fmt.Sprintf("the comment is ignored; the document is linted as %s (%s)", c.d.Title(), ch.reason))
	}
	if k := ch.conflict; k != nil {
		c.report(RuleDialectComment, Error, k.start, k.end,
			fmt.Sprintf("this %s comment names `%s`, but the first one (line %d) names `%s`, which applies", dialectWord, k.value, c.lineOf(ch.comment.start), ch.comment.value),
			"keep one vobizctl-dialect comment")
	}
	if !ch.mixed {
		return
	}
	mine := ch.find(c.d.Name())
	for _, e := range ch.evidence {
		other := e.dialect
		if other == c.d.Name() {
			continue
		}
		msg := fmt.Sprintf("the document mixes dialects: `<%s>` is %s only", e.names[0], title(other))
		if e.count > 1 {
			msg = fmt.Sprintf("the document mixes dialects: `<%s>` and %d more element%s (%s) are %s only", e.names[0], e.count-1, plural(e.count-1), strings.Join(e.names, ", "), title(other))
		}
		if mine != nil {
			verb := "are"
			if mine.count == 1 {
				verb = "is"
			}
			msg += fmt.Sprintf(", but %d element%s (%s) %s %s only, so it is linted as %s", mine.count, plural(mine.count), strings.Join(mine.names, ", "), verb, c.d.Title(), c.d.Title())
		} else {
			msg += fmt.Sprintf("; it is linted as %s (%s)", c.d.Title(), ch.reason)
		}
		c.report(RuleMixedDialect, Warning, e.start, e.end, msg,
			fmt.Sprintf("if the document is %s, put <!-- %s %s --> at its top (or lint it with --dialect %s)", title(other), dialectWord, other, other))
	}
}
