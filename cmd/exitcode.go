package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/vobizctl/vobizctl/internal/config"
)

// The exit codes, the single source of truth for `vobizctl help exit-codes` and for Main.
const (
	ExitOK          = 0
	ExitFindings    = 1
	ExitUsage       = 2
	ExitCannotRun   = 3
	ExitAuth        = 4
	ExitInterrupted = 130
)

// exitCodeTable documents every code; the help topic prints it.
var exitCodeTable = []struct {
	Code    int
	Meaning string
}{
	{ExitOK, "success, nothing to report"},
	{ExitFindings, "problems found: lint errors, signature mismatch, webhook reply failed its checks"},
	{ExitUsage, "usage error: bad flag, bad argument, bad config"},
	{ExitCannotRun, "could not run: I/O error, network error, API 5xx, timeout"},
	{ExitAuth, "authentication: missing or rejected credentials"},
	{ExitInterrupted, "interrupted (Ctrl-C or SIGTERM)"},
}

// ExitError carries an explicit exit code. With a nil Err nothing is printed: the command has
// already reported (e.g. lint findings) and only the code remains.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *ExitError) Unwrap() error { return e.Err }

// FlagError is a usage error: a bad flag, argument or combination. It exits 2.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *FlagError) Unwrap() error { return e.Err }

// FlagErrorf builds a usage error.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// hintError adds a next-step hint to an error.
type hintError struct {
	err  error
	hint string
}

func (e *hintError) Error() string { return e.err.Error() }
func (e *hintError) Unwrap() error { return e.err }
func (e *hintError) Hint() string  { return e.hint }

// WithHint attaches a hint line ("hint: …") to err.
func WithHint(err error, hint string) error {
	if err == nil {
		return nil
	}
	return &hintError{err: err, hint: hint}
}

// hinter is implemented by errors (from any package) that know the user's next step.
type hinter interface{ Hint() string }

// authFailure is implemented by errors that mean the credentials were rejected (e.g. API 401/403).
type authFailure interface{ AuthFailure() bool }

// cobra reports these usage problems as plain errors; their text is all we can match.
var cobraUsagePrefixes = []string{
	"unknown command", "unknown flag", "unknown shorthand flag", "required flag",
	"accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument",
	"if any flags in the group", "none of the others can be",
}

// ExitCode maps an error to the exit-code table.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var exitErr *ExitError
	var flagErr *FlagError
	var auth authFailure
	var missing *config.MissingCredentialsError
	switch {
	case errors.As(err, &exitErr):
		return exitErr.Code
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &flagErr), isCobraUsage(err), isConfigUsage(err):
		return ExitUsage
	case errors.As(err, &missing), errors.As(err, &auth) && auth.AuthFailure():
		return ExitAuth
	}
	return ExitCannotRun
}

func isConfigUsage(err error) bool {
	var parseErr *config.ParseError
	var unknown *config.UnknownProfileError
	return errors.As(err, &parseErr) || errors.As(err, &unknown)
}

func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range cobraUsagePrefixes {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}
