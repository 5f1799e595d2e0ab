package cmd

import "github.com/vobizctl/vobizctl/tunnel"

// replyLinter returns the linter for XML replies. The lint engine has not landed on this branch
// yet: until it does, replies are proxied and logged but not linted.
func replyLinter() tunnel.ReplyLinter { return nil }
