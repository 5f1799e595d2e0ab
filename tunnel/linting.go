package tunnel

import "github.com/vobizctl/vobizctl/lint"

// XMLLinter is the ReplyLinter backed by package lint: the default Vobiz XML dialect, no
// template placeholders (a live server's reply is already rendered).
type XMLLinter struct {
	l *lint.Linter
}

// NewXMLLinter returns a linter for replies; one is shared by every request of a session.
func NewXMLLinter() (*XMLLinter, error) {
	l, err := lint.New(lint.Options{})
	if err != nil {
		return nil, err
	}
	return &XMLLinter{l: l}, nil
}

// LintReply lints one reply body.
func (x *XMLLinter) LintReply(name string, body []byte) (lint.Result, error) {
	res := x.l.LintBytes(name, body)
	return res, res.Err
}
