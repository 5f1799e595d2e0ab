package lint

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/vobizctl/vobizctl/schema"
)

// TestGoldenCoverage checks that the golden documents use every element and every attribute of
// the schema: the valid documents all of them except the few that always draw a warning (those
// appear in the invalid documents instead).
func TestGoldenCoverage(t *testing.T) {
	for _, set := range goldenSets {
		t.Run(set.dialect, func(t *testing.T) { checkCoverage(t, set.dir, set.dialect) })
	}
}

func checkCoverage(t *testing.T, dir, dialect string) {
	d, err := schema.Get(dialect)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, sub := range []string{"valid", "invalid"} {
		for _, path := range goldenFiles(t, filepath.Join(dir, sub)) {
			collectUsage(t, path, used)
		}
	}
	var missing []string
	for _, el := range d.Elements() {
		if !used[el.Name] {
			missing = append(missing, el.Name)
		}
		for _, a := range el.Attributes {
			if !used[el.Name+"."+a.Name] {
				missing = append(missing, el.Name+"."+a.Name)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("not used by any golden document: %v", missing)
	}
}

// collectUsage records element and element.attribute names used in a document.
func collectUsage(t *testing.T, path string, used map[string]bool) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) || err != nil {
			return // invalid documents may stop early; what came before still counts
		}
		if se, ok := tok.(xml.StartElement); ok {
			used[se.Name.Local] = true
			for _, a := range se.Attr {
				used[se.Name.Local+"."+a.Name.Local] = true
			}
		}
	}
}

func TestGoldenFilesHaveOutputs(t *testing.T) {
	for _, dir := range []string{"invalid", "voxtelesys/invalid", "detect"} {
		outs, _ := filepath.Glob(filepath.Join("testdata", dir, "*.out"))
		docs := goldenFiles(t, dir)
		if len(outs) != len(docs) {
			t.Errorf("testdata/%s: %d documents but %d .out files", dir, len(docs), len(outs))
		}
	}
}
