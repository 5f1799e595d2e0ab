package format

import (
	"path/filepath"
	"testing"
)

func TestRepoPath(t *testing.T) {
	cwd := t.TempDir()
	t.Chdir(cwd)
	tests := []struct {
		name, root, file string
		want             string
		inRoot           bool
	}{
		{"no root, relative", "", "flows/a.xml", "flows/a.xml", true},
		{"no root, cleaned", "", "./flows/../flows/a.xml", "flows/a.xml", true},
		{"no root, absolute", "", "/srv/a.xml", "/srv/a.xml", false},
		{"no root, climbing out", "", "../a.xml", filepath.ToSlash(filepath.Join(filepath.Dir(cwd), "a.xml")), false},
		{"absolute root and file", "/work/repo", "/work/repo/flows/a.xml", "flows/a.xml", true},
		{"root with trailing slash", "/work/repo/", "/work/repo/a.xml", "a.xml", true},
		{"file outside root", "/work/repo", "/work/other/a.xml", "/work/other/a.xml", false},
		{"sibling with common prefix", "/work/repo", "/work/repo2/a.xml", "/work/repo2/a.xml", false},
		{"relative file, absolute root", cwd, "flows/a.xml", "flows/a.xml", true},
		{"relative file, root above cwd", filepath.Dir(cwd), "a.xml", filepath.Base(cwd) + "/a.xml", true},
		{"absolute file, relative root", ".", filepath.Join(cwd, "x", "a.xml"), "x/a.xml", true},
		{"relative root and file", "sub", "sub/x/a.xml", "x/a.xml", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, inRoot := repoPath(tt.root, tt.file)
			if got != tt.want || inRoot != tt.inRoot {
				t.Errorf("repoPath(%q, %q) = %q, %v; want %q, %v", tt.root, tt.file, got, inRoot, tt.want, tt.inRoot)
			}
		})
	}
}

func TestArtifactURI(t *testing.T) {
	tests := []struct {
		name, root, file string
		want             string
		inRoot           bool
	}{
		{"plain", "/r", "/r/flows/a.xml", "flows/a.xml", true},
		{"colon in the first segment", "/r", "/r/odd:name.xml", "odd%3Aname.xml", true},
		{"space, comma, percent, hash", "/r", "/r/a b,100%#1.xml", "a%20b%2C100%25%231.xml", true},
		{"non-ASCII", "/r", "/r/Grüße.xml", "Gr%C3%BC%C3%9Fe.xml", true},
		{"outside root", "/r", "/elsewhere/a b.xml", "file:///elsewhere/a%20b.xml", false},
		{"outside root keeps colons", "/r", "/x/c:d.xml", "file:///x/c:d.xml", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, inRoot := artifactURI(tt.root, tt.file)
			if got != tt.want || inRoot != tt.inRoot {
				t.Errorf("artifactURI(%q, %q) = %q, %v; want %q, %v", tt.root, tt.file, got, inRoot, tt.want, tt.inRoot)
			}
		})
	}
}
