package lint

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseExpression(t *testing.T) {
	tests := []struct {
		in     string
		faults []string // "start-end severity message"
		vars   []string
	}{
		{`${a} == '1'`, nil, []string{"a"}},
		{`1 == ${var}`, nil, []string{"var"}},
		{`${x.digits}!=''`, nil, []string{"x.digits"}},
		{`${a} =~ '(a|b)' || ${b.c} !~ "x" && ${d} == -2.5`, nil, []string{"a", "b.c", "d"}},
		{`${a}`, nil, []string{"a"}},
		{`${a} = 1`, []string{"5-6 error `=` is not an operator"}, []string{"a"}},
		{`${a} ==`, []string{"7-7 error `==` needs a value after it"}, []string{"a"}},
		{`== 1`, []string{"0-2 error expected a value (${name}, a quoted literal or a number), found `==`"}, nil},
		{`${a} == 'x`, []string{"8-10 error the quoted literal starting here is not closed with '"}, []string{"a"}},
		{`${a`, []string{"0-3 error `${` is not closed"}, nil},
		{`${} == 1`, []string{"0-3 error `${}` is not a variable name"}, nil},
		{`$a == 1`, []string{"0-2 error `$a` is not a variable reference"}, nil},
		{`${a} =~ [0-9]+`, []string{"8-14 error the regular expression `[0-9]+` is not quoted"}, []string{"a"}},
		{`${a} == 1 | ${b} == 2`, []string{"10-11 error `|` is not an operator"}, []string{"a", "b"}},
		{`${a} == 1 ${b} == 2`, []string{"10-14 error expected an operator (==, !=, =~, !~, &&, ||), found `${b}`"}, []string{"a", "b"}},
		{`(${a} == 1`, []string{"0-1 warning `(` is grouping the VoXML expressions page does not document; it may not parse", "0-1 error this `(` is not closed"}, []string{"a"}},
		{`${a} > 1 && ${b} > 2`, []string{"5-6 warning `>` is a comparison the VoXML expressions page does not document; it may not parse"}, []string{"a", "b"}},
		{`${a} =~ '[a-'`, []string{"8-13 warning the regular expression '[a-' does not compile: missing closing ]: `[a-`"}, []string{"a"}},
		{`'a' =~ 'b'`, []string{"0-10 warning the comparison has no variable, so its result never changes"}, nil},
		{``, []string{"0-0 error the expression is empty"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			res := parseExpression(tt.in)
			var faults, vars []string
			for _, f := range res.faults {
				faults = append(faults, fmt.Sprintf("%d-%d %s %s", f.start, f.end, f.sev, f.msg))
			}
			for _, v := range res.vars {
				vars = append(vars, v.name)
			}
			if diff := cmp.Diff(tt.faults, faults); diff != "" {
				t.Errorf("faults (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.vars, vars); diff != "" {
				t.Errorf("vars (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExpressionColumns checks that a fault points at its column in the source, through
// entities and line breaks in the attribute value.
func TestExpressionColumns(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", `<Response><Set output="a">1</Set><If expression="${a} = 1"><Hangup/></If></Response>`,
			[]string{"1:55-1:56 error expression-syntax"}},
		{"after entities", `<Response><Set output="a">1</Set><If expression="${a} == '1' &amp;&amp; ${a} = 2"><Hangup/></If></Response>`,
			[]string{"1:78-1:79 error expression-syntax"}},
		{"on the next line", "<Response><Set output=\"a\">1</Set><If expression=\"${a} == '1' ||\r\n   ${a} =~ x\"><Hangup/></If></Response>",
			[]string{"2:12-2:13 error expression-syntax"}},
	}
	l := newTestLinter(t, Options{Dialect: "voxtelesys"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, brief(l.LintBytes("t.xml", []byte(tt.in)).Diagnostics)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestVoxtelesysTemplateMode: ${name} is VoXML's own syntax, so expressions are still checked in
// template mode unless they hold another template's placeholders.
func TestVoxtelesysTemplateMode(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"VoXML variables are checked", `<Response><Set output="a">1</Set><If expression="${a} = 1"><Hangup/></If></Response>`,
			[]string{"1:55-1:56 error expression-syntax"}},
		{"Jinja placeholder skips the check", `<Response><Set output="a">1</Set><If expression="${a} == {{ want }}"><Hangup/></If></Response>`, nil},
		{"Python placeholder skips the check", `<Response><Set output="a">1</Set><If expression="{expr}"><Hangup/></If></Response>`, nil},
	}
	l := newTestLinter(t, Options{Dialect: "voxtelesys", Template: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, brief(l.LintBytes("t.xml", []byte(tt.in)).Diagnostics)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
