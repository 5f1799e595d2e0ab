package format

import "strings"

// markdownCode renders s as an inline code span inside a table cell: the fence is longer than
// any backtick run in s, and "|" is escaped because GFM splits table cells on it even inside
// code spans.
func markdownCode(s string) string {
	if s == "" {
		return ""
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + strings.ReplaceAll(s, "|", `\|`) + pad + fence
}

// markdownText renders a message in a table cell. Line breaks become <br>; code spans the
// message itself marks with backticks (did you mean `voice`?) stay code; everywhere else
// Markdown and HTML punctuation is backslash-escaped, so that <Say> shows as text instead of
// vanishing as an unknown HTML tag and "|" cannot end the cell.
func markdownText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, line := range lines {
		lines[i] = markdownLine(oneLine(line))
	}
	return strings.Join(lines, "<br>")
}

func markdownLine(s string) string {
	var b strings.Builder
	for s != "" {
		open := strings.IndexByte(s, '`')
		if open < 0 {
			b.WriteString(escapeMarkdown(s))
			break
		}
		b.WriteString(escapeMarkdown(s[:open]))
		fence := s[open : open+runLength(s[open:], '`')]
		rest := s[open+len(fence):]
		end := indexRun(rest, fence)
		if end < 0 { // an unmatched backtick run is literal text
			b.WriteString(escapeMarkdown(fence))
			s = rest
			continue
		}
		b.WriteString(fence + strings.ReplaceAll(rest[:end], "|", `\|`) + fence)
		s = rest[end+len(fence):]
	}
	return b.String()
}

func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>&|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// runLength returns how many times c repeats at the start of s.
func runLength(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// longestRun returns the longest run of c anywhere in s.
func longestRun(s string, c byte) int {
	longest := 0
	for i := 0; i < len(s); {
		n := max(runLength(s[i:], c), 1)
		if s[i] == c {
			longest = max(longest, n)
		}
		i += n
	}
	return longest
}

// indexRun finds fence in s as a whole backtick run: not part of a longer one, as CommonMark
// requires for the closing fence of a code span.
func indexRun(s, fence string) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := runLength(s[i:], '`')
		if n == len(fence) {
			return i
		}
		i += n
	}
	return -1
}
