package lint

import (
	"fmt"
	"regexp"
	"strings"
)

// exprParser checks the token sequence of an expression:
//
//	or   = and { "||" and }
//	and  = cmp { "&&" cmp }
//	cmp  = unary [ op unary ]          op: == != =~ !~  (undocumented: < > <= >=)
//	unary = [ "!" ] primary            ! is undocumented
//	primary = ${var} | 'string' | number | "(" or ")"   parentheses are undocumented
type exprParser struct {
	toks   []exprToken
	src    string
	i      int
	res    *exprResult
	failed bool
	warned map[string]bool
}

func (p *exprParser) peek() *exprToken {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

func (p *exprParser) fail(t exprToken, msg, hint string) {
	if !p.failed {
		p.res.faults = append(p.res.faults, exprFault{sev: Error, start: t.start, end: t.end, msg: msg, hint: hint})
	}
	p.failed = true
}

// failEnd reports a value missing at the end of the expression.
func (p *exprParser) failEnd(after exprToken) {
	p.fail(exprToken{start: len(p.src), end: len(p.src)}, fmt.Sprintf("`%s` needs a value after it", after.text), "")
}

// undocumented warns once per construct that the expressions page does not list.
func (p *exprParser) undocumented(t exprToken, what string) {
	if p.warned == nil {
		p.warned = map[string]bool{}
	}
	if p.warned[t.text] {
		return
	}
	p.warned[t.text] = true
	p.res.faults = append(p.res.faults, exprFault{sev: Warning, start: t.start, end: t.end,
		msg:  fmt.Sprintf("`%s` is %s the VoXML expressions page does not document; it may not parse", t.text, what),
		hint: "documented: ${name}, quoted literals, numbers, ==, !=, =~, !~, && and ||"})
}

func (p *exprParser) or() {
	p.cmp()
	for t := p.peek(); !p.failed && t != nil && t.kind == 'l'; t = p.peek() {
		if t.text == "&" || t.text == "|" {
			p.fail(*t, fmt.Sprintf("`%s` is not an operator", t.text), fmt.Sprintf("write %s%s", t.text, t.text))
			return
		}
		p.i++
		if p.peek() == nil {
			p.failEnd(*t)
			return
		}
		p.cmp()
	}
}

func (p *exprParser) cmp() {
	left, ok := p.unary()
	if !ok {
		return
	}
	t := p.peek()
	if t == nil || t.kind != 'o' {
		if left.kind != 'v' && !p.failed {
			p.res.faults = append(p.res.faults, exprFault{sev: Warning, start: left.start, end: left.end,
				msg: fmt.Sprintf("`%s` alone is a constant condition", left.text), hint: "compare a ${variable} with it"})
		}
		return
	}
	op := *t
	switch op.text {
	case "=":
		p.fail(op, "`=` is not an operator", "compare with ==")
		return
	case "<", ">", "<=", ">=":
		p.undocumented(op, "a comparison")
	}
	p.i++
	if p.peek() == nil {
		p.failEnd(op)
		return
	}
	right, ok := p.unary()
	if !ok {
		return
	}
	p.checkComparison(left, op, right)
}

func (p *exprParser) unary() (exprToken, bool) {
	t := p.peek()
	if t != nil && t.kind == '!' {
		p.undocumented(*t, "a negation")
		p.i++
		if p.peek() == nil {
			p.failEnd(*t)
			return exprToken{}, false
		}
	}
	return p.primary()
}

func (p *exprParser) primary() (exprToken, bool) {
	t := p.peek()
	switch {
	case t == nil:
		p.fail(exprToken{start: len(p.src), end: len(p.src)}, "a value is missing at the end", "")
		return exprToken{}, false
	case t.kind == 'v' || t.kind == 's' || t.kind == 'n':
		p.i++
		return *t, true
	case t.kind == '(':
		open := *t
		p.undocumented(open, "grouping")
		p.i++
		p.or()
		if p.failed {
			return exprToken{}, false
		}
		if c := p.peek(); c == nil || c.kind != ')' {
			p.fail(open, "this `(` is not closed", "")
			return exprToken{}, false
		}
		p.i++
		return exprToken{kind: 'v', text: p.src[open.start:p.toks[p.i-1].end], start: open.start, end: p.toks[p.i-1].end}, true
	}
	p.fail(*t, fmt.Sprintf("expected a value (${name}, a quoted literal or a number), found `%s`", t.text), "")
	return exprToken{}, false
}

// checkComparison warns about comparisons of two constants and regexes that do not compile.
func (p *exprParser) checkComparison(left, op, right exprToken) {
	if left.kind != 'v' && right.kind != 'v' {
		p.res.faults = append(p.res.faults, exprFault{sev: Warning, start: left.start, end: right.end,
			msg: "the comparison has no variable, so its result never changes", hint: "compare a ${variable}"})
	}
	if op.text != "=~" && op.text != "!~" {
		return
	}
	for _, side := range []exprToken{right, left} {
		if side.kind != 's' {
			continue
		}
		re := side.text[1 : len(side.text)-1]
		if _, err := regexp.Compile(re); err != nil {
			msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
			p.res.faults = append(p.res.faults, exprFault{sev: Warning, start: side.start, end: side.end,
				msg:  fmt.Sprintf("the regular expression %s does not compile: %s", side.text, msg),
				hint: "checked as an RE2 expression; the platform's regex flavour is not documented"})
		}
		return
	}
}
