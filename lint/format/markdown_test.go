package format

import "testing"

func TestMarkdownText(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"plain", "voice is fine", "voice is fine"},
		{"element names are not HTML", "<Say> & <Play>", `\<Say\> \& \<Play\>`},
		{"code span kept", "did you mean `voice`?", "did you mean `voice`?"},
		{"code span keeps markup", "use `<Speak>` here", "use `<Speak>` here"},
		{"pipe escaped everywhere", "a|b `c|d`", `a\|b ` + "`c\\|d`"},
		{"unmatched backtick", "it`s *bold*", "it\\`s \\*bold\\*"},
		{"double backtick span", "x ``a`b`` y", "x ``a`b`` y"},
		{"line breaks", "one\ntwo\r\nthree", "one<br>two<br>three"},
		{"control characters", "a\x1bb", `a\\x1bb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markdownText(tt.input); got != tt.want {
				t.Errorf("markdownText(%q) = %q, want %q", tt.input, got, tt.want)
			}
		})
	}
}

func TestMarkdownCode(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"empty", "", ""},
		{"plain", "a.xml:3:5", "`a.xml:3:5`"},
		{"backtick inside", "a`b.xml", "``a`b.xml``"},
		{"backtick at edge", "`a", "`` `a ``"},
		{"pipe", "a|b.xml", "`a\\|b.xml`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markdownCode(tt.input); got != tt.want {
				t.Errorf("markdownCode(%q) = %q, want %q", tt.input, got, tt.want)
			}
		})
	}
}
