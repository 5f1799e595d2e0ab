package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/config"
	"github.com/vobizctl/vobizctl/internal/iostreams"
)

type rejected struct{}

func (rejected) Error() string     { return "HTTP 401: invalid credentials" }
func (rejected) AuthFailure() bool { return true }

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, ExitOK},
		{"explicit", &ExitError{Code: ExitFindings}, ExitFindings},
		{"flag error", FlagErrorf("bad %q", "x"), ExitUsage},
		{"wrapped flag error", fmt.Errorf("ctx: %w", FlagErrorf("bad")), ExitUsage},
		{"cobra unknown flag", errors.New("unknown flag: --nope"), ExitUsage},
		{"config parse", &config.ParseError{Path: "c.yaml", Err: errors.New("line 1: bad")}, ExitUsage},
		{"unknown profile", &config.UnknownProfileError{Name: "x"}, ExitUsage},
		{"missing credentials", &config.MissingCredentialsError{Missing: []string{"auth token"}}, ExitAuth},
		{"rejected credentials", fmt.Errorf("get: %w", rejected{}), ExitAuth},
		{"io", &fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, ExitCannotRun},
		{"interrupted", fmt.Errorf("waiting: %w", context.Canceled), ExitInterrupted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExitCode(tt.err); got != tt.want {
				t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestInterruptedRunExits130(t *testing.T) {
	ios, _, _, stderr := iostreams.Test()
	f := NewFactory(ios)
	root := NewRootCmd(f)
	root.AddCommand(&cobra.Command{Use: "block", RunE: func(c *cobra.Command, _ []string) error {
		<-c.Context().Done()
		return c.Context().Err()
	}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := execute(ctx, f, root, []string{"block"}); got != ExitInterrupted {
		t.Fatalf("exit code = %d, want %d", got, ExitInterrupted)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr = %q, want it to say interrupted", stderr.String())
	}
}

func TestExitCodeTableIsComplete(t *testing.T) {
	seen := map[int]bool{}
	for _, row := range exitCodeTable {
		seen[row.Code] = true
	}
	for _, code := range []int{ExitOK, ExitFindings, ExitUsage, ExitCannotRun, ExitAuth, ExitInterrupted} {
		if !seen[code] {
			t.Errorf("exit code %d is not documented in exitCodeTable", code)
		}
	}
}
