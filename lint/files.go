package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
	// size is the file's size when the expansion saw a regular file, else sizeUnknown: it lets
	// the reader stop after the bytes it expects instead of spending one more system call to
	// see the end of the file.
	size int64
}

// sizeUnknown is input.size when the expansion did not stat the file (a glob match, a file
// found by a directory walk) or it is not a regular file (a pipe, a device).
const sizeUnknown = -1

// LintFiles lints files, directories (recursively, *.xml files), glob patterns (with ** for any
// number of directories) and "-" for standard input. Documents are linted in parallel while
// directories are still being walked; the results come back in input order, directories and
// globs expanded in lexical order. A path that cannot be read gives a Result with Err set, and
// the others are still linted. When ctx is cancelled, documents not yet linted get ctx.Err().
//
// Result.Source is set only for documents with findings. For a file of 1 MB or more on Unix it
// is a read-only mapping of the file (not a copy), valid for the life of the process.
func (l *Linter) LintFiles(ctx context.Context, paths []string) []Result {
	if len(paths) == 1 && !isGlob(paths[0]) {
		// The editor and pre-commit case, one file: expanded and linted right here, without
		// worker goroutines (whose start and stack growth were a visible part of a one-file run).
		var inputs []input
		expand(paths, func(in input) { inputs = append(inputs, in) })
		if len(inputs) == 1 {
			buf := make([]byte, initialBuffer)
			res := l.lintInput(ctx, inputs[0], &buf, &checker{})
			if l.opts.Progress != nil {
				l.opts.Progress(1)
			}
			return []Result{res}
		}
		return l.lintParallel(ctx, len(inputs), func(emit func(input)) {
			for _, in := range inputs {
				emit(in)
			}
		})
	}
	return l.lintParallel(ctx, len(paths), func(emit func(input)) { expand(paths, emit) })
}

// initialBuffer is the read buffer a worker starts with; call flows are a few KB.
const initialBuffer = 4 << 10

// lintParallel lints the documents produce emits on every worker, while produce still runs.
// expected is how many documents there probably are (one per path unless directories or globs
// expand), so that the results are usually allocated once.
func (l *Linter) lintParallel(ctx context.Context, expected int, produce func(emit func(input))) []Result {
	jobs := make(chan batch, 16)
	go sendBatches(produce, jobs)
	var (
		out = collected{results: make([]Result, 0, expected)}
		wg  sync.WaitGroup
	)
	for range l.opts.Jobs {
		wg.Go(func() { l.work(ctx, jobs, &out) })
	}
	wg.Wait()
	return out.results
}

// sendBatches groups the documents produce emits into batches and closes jobs after the last.
func sendBatches(produce func(emit func(input)), jobs chan<- batch) {
	b := batch{}
	produce(func(in input) {
		b.inputs = append(b.inputs, in)
		if len(b.inputs) == batchSize {
			jobs <- b
			b = batch{first: b.first + batchSize}
		}
	})
	if len(b.inputs) > 0 {
		jobs <- b
	}
	close(jobs)
}

// collected is what the workers hand back: the results in input order, and the count of
// documents done for Options.Progress.
type collected struct {
	mu      sync.Mutex
	done    int
	results []Result
}

// put stores the results of the batch that starts at document first.
func (c *collected) put(first int, results []Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if need := first + len(results); need > len(c.results) {
		c.results = slices.Grow(c.results, need-len(c.results))[:need]
	}
	copy(c.results[first:], results)
}

// work lints batches until jobs is closed, with a buffer and checker of its own.
func (l *Linter) work(ctx context.Context, jobs <-chan batch, out *collected) {
	buf, c := make([]byte, initialBuffer), &checker{}
	results := make([]Result, batchSize)
	for b := range jobs {
		results = results[:len(b.inputs)]
		for i, in := range b.inputs {
			results[i] = l.lintInput(ctx, in, &buf, c)
			if l.opts.Progress != nil {
				out.mu.Lock()
				out.done++
				l.opts.Progress(out.done)
				out.mu.Unlock()
			}
		}
		out.put(b.first, results)
	}
}

// batch is a run of consecutive documents handed to one worker: handing them over one by one
// made the workers sleep and wake for every file (18,000 context switches for 10,000 files,
// against xmllint's 300), which on a virtual machine cost more than reading the files.
type batch struct {
	first  int // index of inputs[0] among all documents
	inputs []input
}

// batchSize is the number of documents in a batch: large enough to make the hand-over rare,
// small enough that the last batches still spread over the workers.
const batchSize = 16

// lintInput reads and lints one document with the worker's checker, reading files into the
// worker's buffer.
func (l *Linter) lintInput(ctx context.Context, in input, buf *[]byte, c *checker) Result {
	if in.err == nil {
		in.err = ctx.Err()
	}
	switch {
	case in.err != nil:
		return Result{File: in.name, Dialect: l.fixed, Err: in.err}
	case in.stdin:
		return l.lintStdin(in.name, c)
	case in.size > maxDocumentBytes:
		return Result{File: in.name, Dialect: l.fixed, Err: errTooLarge(in.size)}
	}
	return l.lintFile(in, buf, c)
}

// lintStdin reads standard input (at most one byte past the size limit) and lints it.
func (l *Linter) lintStdin(name string, c *checker) Result {
	if l.opts.Stdin == nil {
		return Result{File: name, Dialect: l.fixed, Err: errors.New("no standard input available")}
	}
	src, err := io.ReadAll(io.LimitReader(l.opts.Stdin, maxDocumentBytes+1))
	if err != nil {
		return Result{File: name, Dialect: l.fixed, Err: err}
	}
	return l.lintWith(c, name, src)
}

// lintFile reads a file into the worker's buffer, or maps it when it is large, and lints it.
func (l *Linter) lintFile(in input, buf *[]byte, c *checker) Result {
	src, release, err := readFile(in.name, *buf, in.size)
	if err != nil {
		return Result{File: in.name, Dialect: l.fixed, Err: err}
	}
	if cap(src) <= maxKeptBuffer && cap(src) > cap(*buf) {
		*buf = src[:cap(src)]
	}
	c.win = newWindow(src, release != nil)
	res := l.lintWith(c, in.name, src)
	switch {
	case res.Source == nil:
		if release != nil {
			release()
		}
	case release == nil:
		res.Source = bytes.Clone(res.Source) // src is the worker's reusable buffer
	default:
		// The bytes are the document's own (on Unix a read-only mapping of a large file): the
		// Result keeps them for the printers, since a copy would double the document in memory.
	}
	return res
}

// mapThreshold is the size from which a file counts as large: on Unix it is memory-mapped
// instead of read, so that it is not part of the Go heap and the garbage collector's heap goal
// (twice the live heap) does not double it; that keeps peak memory on a 5 MB document under four
// times its size.
const mapThreshold = 1 << 20

// maxKeptBuffer bounds the read buffer a worker keeps between files, so that one huge file does
// not pin its size in memory for the rest of the run.
const maxKeptBuffer = 1 << 20

// expand turns the command-line paths into documents, keeping the given order and dropping
// repeats, and hands each to emit as soon as it is found.
func expand(paths []string, emit func(input)) {
	seen := make(map[string]bool, len(paths))
	add := func(in input) {
		if in.err == nil && seen[in.name] {
			return
		}
		seen[in.name] = true
		emit(in)
	}
	for _, p := range paths {
		switch {
		case p == "-":
			add(input{name: StdinName, stdin: true})
		case isGlob(p):
			if _, err := os.Stat(p); err == nil {
				add(input{name: p, size: sizeUnknown})
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
				add(input{name: m, size: sizeUnknown})
			}
		default:
			expandPath(p, add)
		}
	}
}

// expandPath emits the file itself, or the *.xml files under a directory (skipping hidden
// directories such as .git).
func expandPath(p string, emit func(input)) {
	isDir, size, err := statPath(p)
	if err != nil {
		emit(input{name: p, err: err})
		return
	}
	if !isDir {
		emit(input{name: p, size: size})
		return
	}
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			emit(input{name: path, err: err})
			return nil
		}
		if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".xml") {
			emit(input{name: path, size: sizeUnknown})
		}
		return nil
	})
	if err != nil {
		emit(input{name: p, err: err})
	}
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
