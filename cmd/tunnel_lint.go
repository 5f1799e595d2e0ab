package cmd

import "github.com/vobizctl/vobizctl/tunnel"

// tunnelReplyLinter returns the linter for XML replies, shared by every request of a run.
func tunnelReplyLinter() (tunnel.ReplyLinter, error) {
	l, err := tunnel.NewXMLLinter()
	if err != nil {
		return nil, err
	}
	return l, nil
}
