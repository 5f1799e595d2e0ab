package lint

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// StdinName is the Result.File of a document read from standard input ("-").
const StdinName = "<stdin>"

// input is one document to lint, or an expansion error to report in its place.
type input struct {
	name  string
	stdin bool
	err   error
}

// LintFiles lints files, directories (recursively, *.xml files), glob patterns (with ** for any
// number of directories) and "-" for standard input. Documents are linted in parallel; the
// results come back in input order, directories and globs expanded in lexical order. A path
// that cannot be read gives a Result with Err set, and the others are still linted. When ctx is
// cancelled, documents not yet linted get ctx.Err().
func (l *Linter) LintFiles(ctx context.Context, paths []string) []Result {
	inputs := expand(paths)
	results := make([]Result, len(inputs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(l.opts.Jobs, max(1, len(inputs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = l.lintInput(ctx, inputs[i])
			}
		}()
	}
	for i := range inputs {
		if ctx.Err() != nil {
			results[i] = Result{File: inputs[i].name, Dialect: l.dialect.Name(), Err: ctx.Err()}
			continue
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

func (l *Linter) lintInput(ctx context.Context, in input) Result {
	if in.err == nil {
		in.err = ctx.Err()
	}
	if in.err != nil {
		return Result{File: in.name, Dialect: l.dialect.Name(), Err: in.err}
	}
	var src []byte
	var err error
	if in.stdin {
		if l.opts.Stdin == nil {
			err = errors.New("no standard input available")
		} else {
			src, err = io.ReadAll(l.opts.Stdin)
		}
	} else {
		src, err = os.ReadFile(in.name)
	}
	if err != nil {
		return Result{File: in.name, Dialect: l.dialect.Name(), Err: err}
	}
	return l.LintBytes(in.name, src)
}

// expand turns the command-line paths into documents, keeping the given order and dropping
// repeats.
func expand(paths []string) []input {
	var out []input
	seen := map[string]bool{}
	add := func(in input) {
		if in.err == nil && seen[in.name] {
			return
		}
		seen[in.name] = true
		out = append(out, in)
	}
	for _, p := range paths {
		switch {
		case p == "-":
			add(input{name: StdinName, stdin: true})
		case isGlob(p):
			if _, err := os.Stat(p); err == nil {
				add(input{name: p})
				continue
			}
			matches, err := glob(p)
			if err == nil && len(matches) == 0 {
				err = fmt.Errorf("no files match %q", p)
			}
			if err != nil {
				add(input{name: p, err: err})
			}
			for _, m := range matches {
				add(input{name: m})
			}
		default:
			for _, in := range expandPath(p) {
				add(in)
			}
		}
	}
	return out
}

// expandPath returns the file itself, or the *.xml files under a directory (skipping hidden
// directories such as .git).
func expandPath(p string) []input {
	info, err := os.Stat(p)
	if err != nil {
		return []input{{name: p, err: err}}
	}
	if !info.IsDir() {
		return []input{{name: p}}
	}
	var out []input
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, input{name: path, err: err})
			return nil
		}
		if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".xml") {
			out = append(out, input{name: path})
		}
		return nil
	})
	if err != nil {
		out = append(out, input{name: p, err: err})
	}
	return out
}

func isGlob(p string) bool { return strings.ContainsAny(p, "*?[") }

// glob expands a pattern; "**" matches any number of directories.
func glob(pattern string) ([]string, error) {
	if !strings.Contains(pattern, "**") {
		return filepath.Glob(pattern)
	}
	root := pattern[:strings.Index(pattern, "**")]
	root = filepath.Clean(strings.TrimSuffix(root, string(filepath.Separator)))
	if root == "" {
		root = "."
	}
	if _, err := filepath.Match(pattern, ""); err != nil {
		return nil, err
	}
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && matchDoublestar(filepath.ToSlash(pattern), filepath.ToSlash(path)) {
			out = append(out, path)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// matchDoublestar matches a slash-separated path against a pattern whose "**" segments match
// zero or more path segments and whose other segments follow path.Match.
func matchDoublestar(pattern, name string) bool {
	return matchSegments(strings.Split(strings.TrimPrefix(pattern, "./"), "/"), strings.Split(strings.TrimPrefix(name, "./"), "/"))
}

func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegments(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := filepath.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}
