// Package iostreams holds the standard streams of one command run, with terminal and colour
// detection done once, so that commands never look at os.Stdout themselves and tests can swap in
// buffers with Test().
package iostreams

import (
	"bytes"
	"io"
	"os"

	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"
)

// IOStreams is the set of streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool

	outProfile colorprofile.Profile
	errProfile colorprofile.Profile
	width      int
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
}

// System returns streams bound to the process's stdin, stdout and stderr. Colour follows the
// conventions of colorprofile: NO_COLOR, CLICOLOR, CLICOLOR_FORCE and TERM=dumb.
func System() *IOStreams {
	env := os.Environ()
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		stdinTTY:   isTerminal(os.Stdin),
		stdoutTTY:  isTerminal(os.Stdout),
		stderrTTY:  isTerminal(os.Stderr),
		outProfile: colorprofile.Detect(os.Stdout, env),
		errProfile: colorprofile.Detect(os.Stderr, env),
		width:      80,
		Getenv:     os.Getenv,
	}
	if s.stdoutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			s.width = w
		}
	}
	return s
}

// Test returns streams backed by buffers: no terminal, no colour, width 80.
func Test() (s *IOStreams, in *bytes.Buffer, out *bytes.Buffer, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{
		In: in, Out: out, ErrOut: errOut,
		outProfile: colorprofile.NoTTY, errProfile: colorprofile.NoTTY,
		width: 80, Getenv: func(string) string { return "" },
	}
	return s, in, out, errOut
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// IsStdinTTY reports whether standard input is a terminal (so prompting is possible).
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether standard output is a terminal (human output, tables, colour).
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether standard error is a terminal (progress lines go there only then).
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// CanPrompt reports whether the user can be asked for input: both stdin and stderr are terminals.
func (s *IOStreams) CanPrompt() bool { return s.stdinTTY && s.stderrTTY }

// SetTTY marks the streams as terminals (or not), for tests.
func (s *IOStreams) SetTTY(stdin, stdout, stderr bool) {
	s.stdinTTY, s.stdoutTTY, s.stderrTTY = stdin, stdout, stderr
}

// DisableColor turns colour and text decoration off on both output streams (--no-color).
func (s *IOStreams) DisableColor() {
	s.outProfile, s.errProfile = colorprofile.NoTTY, colorprofile.NoTTY
}

// ForceColor sets the colour profile of both output streams, for tests.
func (s *IOStreams) ForceColor(p colorprofile.Profile) { s.outProfile, s.errProfile = p, p }

// OutProfile is the colour profile of standard output.
func (s *IOStreams) OutProfile() colorprofile.Profile { return s.outProfile }

// ErrProfile is the colour profile of standard error.
func (s *IOStreams) ErrProfile() colorprofile.Profile { return s.errProfile }

// ColorEnabled reports whether standard output shows colour.
func (s *IOStreams) ColorEnabled() bool { return s.outProfile > colorprofile.ASCII }

// TerminalWidth is the width of the standard output terminal, 80 when unknown.
func (s *IOStreams) TerminalWidth() int { return s.width }

// ReadPassword reads one line from the terminal on stdin without echo.
func (s *IOStreams) ReadPassword() (string, error) {
	f, ok := s.In.(*os.File)
	if !ok || !s.stdinTTY {
		return "", io.ErrUnexpectedEOF
	}
	b, err := term.ReadPassword(int(f.Fd()))
	return string(b), err
}
