package lint

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// VoXML expressions (If/Do expression, reference/voxtelesys.md §1.1): ${name} references
// (dotted names allowed), the operators == != =~ !~ && ||, and literals that are numbers or
// quoted strings ("put literals/regexes in single or double quotes to avoid parse errors").
// What the page does not document (parentheses, !, <, >) is reported as a warning, not an error:
// the platform may accept it.

// exprToken is one token of an expression; start and end are byte offsets in the decoded value.
type exprToken struct {
	kind       byte // 'v' variable, 's' string, 'n' number, 'o' operator, 'l' logical, '(' ')' '!'
	text       string
	start, end int
}

// exprFault is a problem in an expression, at a span of the decoded value.
type exprFault struct {
	sev        Severity
	start, end int
	msg, hint  string
}

// exprVar is a ${name} reference.
type exprVar struct {
	name       string
	start, end int
}

// exprResult is what checking an expression found.
type exprResult struct {
	faults []exprFault
	vars   []exprVar
}

var (
	// Compiled on first use: package-level work runs at every command's start-up.
	varName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$`) })
	number  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?`) })
	bareRun = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[^\s'"$()!=<>&|]+`) })
)

// parseExpression checks an expression and collects its variable references. It stops at the
// first error (later messages would only echo it) but keeps warnings.
func parseExpression(s string) exprResult {
	var res exprResult
	toks, ok := tokenizeExpr(s, &res)
	if !ok {
		return res
	}
	if len(toks) == 0 {
		res.faults = append(res.faults, exprFault{sev: Error, start: 0, end: len(s), msg: "the expression is empty", hint: "for example ${menu.digits} == '1'"})
		return res
	}
	p := exprParser{toks: toks, src: s, res: &res}
	p.or()
	if p.failed {
		return res
	}
	if p.i < len(p.toks) {
		t := p.toks[p.i]
		p.fail(t, fmt.Sprintf("expected an operator (==, !=, =~, !~, &&, ||), found `%s`", t.text), "join conditions with && or ||")
	}
	return res
}

// tokenizeExpr splits s into tokens. It reports lexical errors and returns false after one.
func tokenizeExpr(s string, res *exprResult) ([]exprToken, bool) {
	var toks []exprToken
	for i := 0; i < len(s); {
		if isSpace(s[i]) {
			i++
			continue
		}
		t, f, ok := lexToken(s, i, toks, res)
		if !ok {
			if f != nil {
				res.faults = append(res.faults, *f)
			}
			return nil, false
		}
		toks = append(toks, t)
		i = t.end
	}
	return toks, true
}

// lexToken reads the token at s[i:]: a variable, a quoted literal, an operator or a number. On
// a lexical error it returns the fault (or nil when literalToken reported it).
func lexToken(s string, i int, toks []exprToken, res *exprResult) (exprToken, *exprFault, bool) {
	rest := s[i:]
	fault := func(end int, msg, hint string) (exprToken, *exprFault, bool) {
		return exprToken{}, &exprFault{sev: Error, start: i, end: end, msg: msg, hint: hint}, false
	}
	switch c := s[i]; {
	case strings.HasPrefix(rest, "${"):
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			return fault(len(s), "`${` is not closed", "write a variable as ${name}")
		}
		if name := rest[2:j]; !varName().MatchString(name) {
			return fault(i+j+1, fmt.Sprintf("`%s` is not a variable name", rest[:j+1]), "a variable name has letters, digits and underscores, parts joined with dots: ${menu.digits}")
		}
		res.vars = append(res.vars, exprVar{name: rest[2:j], start: i, end: i + j + 1})
		return exprToken{kind: 'v', text: rest[:j+1], start: i, end: i + j + 1}, nil, true
	case c == '\'' || c == '"':
		j := strings.IndexByte(rest[1:], c)
		if j < 0 {
			return fault(len(s), fmt.Sprintf("the quoted literal starting here is not closed with %c", c), "")
		}
		return exprToken{kind: 's', text: rest[:j+2], start: i, end: i + j + 2}, nil, true
	case c == '$':
		n := bareRun().FindString(rest[1:])
		return fault(i+1+len(n), fmt.Sprintf("`$%s` is not a variable reference", n), fmt.Sprintf("write ${%s}", n))
	}
	if t, ok := operatorToken(rest, i); ok {
		return t, nil, true
	}
	t, ok := literalToken(rest, i, toks, res)
	return t, nil, ok
}

// operatorToken reads an operator or a bracket at the start of rest.
func operatorToken(rest string, at int) (exprToken, bool) {
	for _, op := range []struct {
		text string
		kind byte
	}{{"==", 'o'}, {"!=", 'o'}, {"=~", 'o'}, {"!~", 'o'}, {"<=", 'o'}, {">=", 'o'}, {"&&", 'l'}, {"||", 'l'},
		{"<", 'o'}, {">", 'o'}, {"!", '!'}, {"(", '('}, {")", ')'}, {"=", 'o'}, {"&", 'l'}, {"|", 'l'}} {
		if strings.HasPrefix(rest, op.text) {
			return exprToken{kind: op.kind, text: op.text, start: at, end: at + len(op.text)}, true
		}
	}
	return exprToken{}, false
}

// literalToken reads a number, or reports an unquoted literal (a regex after =~ gets its own
// message).
func literalToken(rest string, at int, toks []exprToken, res *exprResult) (exprToken, bool) {
	if n := number().FindString(rest); n != "" && (len(rest) == len(n) || !isBare(rest[len(n)])) {
		return exprToken{kind: 'n', text: n, start: at, end: at + len(n)}, true
	}
	bare := bareRun().FindString(rest)
	if bare == "" {
		bare = rest[:1]
	}
	f := exprFault{sev: Error, start: at, end: at + len(bare),
		msg:  fmt.Sprintf("unquoted literal `%s`", bare),
		hint: fmt.Sprintf("put text in quotes: '%s'", bare)}
	if k := len(toks); k > 0 && (toks[k-1].text == "=~" || toks[k-1].text == "!~") {
		end := strings.IndexAny(rest, " \t\r\n")
		if end < 0 {
			end = len(rest)
		}
		f.end = at + end
		f.msg = fmt.Sprintf("the regular expression `%s` is not quoted", rest[:end])
		f.hint = fmt.Sprintf("quote it: %s'%s'", toks[k-1].text, rest[:end])
	}
	res.faults = append(res.faults, f)
	return exprToken{}, false
}

func isBare(c byte) bool { return bareRun().MatchString(string(c)) }
