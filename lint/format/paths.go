package format

import (
	"path/filepath"
	"strings"
)

// repoPath names file relative to root with forward slashes, as GitHub expects for annotations
// and code-scanning locations. It reports false when the file is not inside root (or root is
// empty and the file name is absolute), in which case path is the cleaned absolute file name.
//
// A relative file name is taken as relative to the working directory, as the linter received it;
// only when root and file differ in being absolute is the working directory consulted.
func repoPath(root, file string) (path string, inRoot bool) {
	file = filepath.Clean(file)
	if root == "" {
		if filepath.IsAbs(file) || escapesRoot(file) {
			return filepath.ToSlash(absOrSame(file)), false
		}
		return filepath.ToSlash(file), true
	}
	root = filepath.Clean(root)
	if filepath.IsAbs(root) != filepath.IsAbs(file) {
		root, file = absOrSame(root), absOrSame(file)
	}
	rel, err := filepath.Rel(root, file)
	if err != nil || escapesRoot(rel) {
		return filepath.ToSlash(absOrSame(file)), false
	}
	return filepath.ToSlash(rel), true
}

// escapesRoot reports whether a relative path climbs out of its base directory.
func escapesRoot(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func absOrSame(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// artifactURI turns a file name into a SARIF artifact URI: a relative reference under Root when
// the file is inside it (inRoot true, to be resolved against %SRCROOT%), otherwise an absolute
// file:// URI.
func artifactURI(root, file string) (uri string, inRoot bool) {
	path, inRoot := repoPath(root, file)
	if inRoot {
		return escapeURIPath(path, false), true
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path // a Windows drive path such as C:/x needs the extra slash: file:///C:/x
	}
	return "file://" + escapeURIPath(path, true), false
}

// escapeURIPath percent-encodes everything in p except unreserved characters and "/", so that
// spaces, "%", "#", "?" and non-ASCII letters cannot change how a consumer parses the reference.
// A ":" is kept only in absolute paths (a drive letter); in a relative reference it would read as
// a URI scheme.
func escapeURIPath(p string, keepColon bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if isUnreserved(c) || c == '/' || (keepColon && c == ':') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
