package completions

import (
	"strings"

	"github.com/vobizctl/vobizctl/lint"
	"github.com/vobizctl/vobizctl/schema"
)

// RuleIDs completes a comma-separated list of rule IDs (lint --disable): the IDs that start with
// the last item of toComplete and are not listed yet, each as "earlier,items,id<TAB>severity:
// description" so that the shell keeps what was typed before the last comma.
func RuleIDs(toComplete string) []string {
	done, partial := splitList(toComplete)
	var out []string
	for _, r := range lint.Rules() {
		if !strings.HasPrefix(r.ID, partial) || contains(done, r.ID) {
			continue
		}
		out = append(out, strings.Join(append(done, r.ID), ",")+"\t"+r.Severity.String()+": "+oneLine(r.Description))
	}
	return out
}

// ElementNames completes an element name of the dialect (schema show), case-insensitively,
// with its description; an unknown dialect has no candidates.
func ElementNames(dialect, toComplete string) []string {
	d, err := schema.Get(dialect)
	if err != nil {
		return nil
	}
	var out []string
	for _, el := range d.Elements() {
		if strings.HasPrefix(strings.ToLower(el.Name), strings.ToLower(toComplete)) {
			out = append(out, el.Name+"\t"+oneLine(el.Description))
		}
	}
	return out
}

// splitList splits "a,b,c" into the finished items [a b] and the one being typed, c.
func splitList(s string) (done []string, partial string) {
	i := strings.LastIndex(s, ",")
	if i < 0 {
		return nil, s
	}
	return strings.Split(s[:i], ","), s[i+1:]
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}

// oneLine keeps a description on one line and short enough for a completion menu.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}
