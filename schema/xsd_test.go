package schema

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// xsdCases are, per dialect, the folder of the linter's golden documents, whose valid/*.xml the
// XSD must accept, and the invalid golden documents whose faults an XSD can express, which it
// must reject (the others break only the linter's semantic rules).
var xsdCases = []struct {
	dialect, dir string
	invalid      []string
}{
	{"vobiz", "../lint/testdata", []string{
		"attribute-value-enum.xml", "attribute-value-hangup.xml", "attribute-value-pattern.xml",
		"attribute-value-range.xml", "attribute-value-type.xml", "duplicate-attribute.xml",
		"nesting.xml", "required-attribute.xml", "root-element.xml", "text-content.xml",
		"unknown-attribute.xml", "unknown-attribute-response.xml", "unknown-element-plivo.xml",
		"unknown-element-twiml.xml", "unknown-element-typo.xml", "unknown-markup.xml",
	}},
	{"voxtelesys", "../lint/testdata/voxtelesys", []string{
		"attribute-value.xml", "foreign-vobiz.xml", "nesting.xml", "required-attribute.xml", "schema.xml",
		"text-content.xml", "unknown-attribute.xml", "unknown-markup.xml",
	}},
}

func exportXSD(t *testing.T, dialect string) string {
	t.Helper()
	b, err := ExportXSD(dialect)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), dialect+".xsd")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestXSDWithXmllint validates the golden documents with xmllint against the exported XSD. CI
// installs xmllint (libxml2-utils); there a missing xmllint fails the test. Elsewhere the test
// then only checks the XSD's structure (TestXSDStructure).
func TestXSDWithXmllint(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xmllint is not installed (apt-get install -y libxml2-utils)")
		}
		t.Log("xmllint not found: the XSD was not run against the documents")
		return
	}
	for _, tc := range xsdCases {
		t.Run(tc.dialect, func(t *testing.T) {
			xsd := exportXSD(t, tc.dialect)
			valid, _ := filepath.Glob(filepath.Join(tc.dir, "valid", "*.xml"))
			if len(valid) == 0 {
				t.Fatal("no valid golden documents")
			}
			out, err := exec.Command(xmllint, append([]string{"--noout", "--schema", xsd}, valid...)...).CombinedOutput()
			if err != nil {
				t.Errorf("xmllint rejected valid documents: %v\n%s", err, out)
			}
			for _, name := range tc.invalid {
				doc := filepath.Join(tc.dir, "invalid", name)
				if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, doc).CombinedOutput(); err == nil {
					t.Errorf("xmllint accepted %s:\n%s", name, out)
				}
			}
		})
	}
}

// TestXSDStructure parses the exported XSD and checks that every element and attribute of the
// dialect is declared.
func TestXSDStructure(t *testing.T) { eachDialect(t, checkXSDStructure) }

func checkXSDStructure(t *testing.T, d *Dialect) {
	b, err := ExportXSD(d.Name())
	if err != nil {
		t.Fatal(err)
	}
	type attribute struct {
		Name string `xml:"name,attr"`
	}
	var doc struct {
		Types []struct {
			Name  string      `xml:"name,attr"`
			Attrs []attribute `xml:"attribute"`
			Ext   []attribute `xml:"simpleContent>extension>attribute"`
		} `xml:"complexType"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("the XSD is not well-formed: %v", err)
	}
	declared := map[string]map[string]bool{}
	for _, ct := range doc.Types {
		names := map[string]bool{}
		for _, a := range append(ct.Attrs, ct.Ext...) {
			names[a.Name] = true
		}
		declared[strings.TrimSuffix(ct.Name, "Type")] = names
	}
	for _, el := range d.Elements() {
		attrs, ok := declared[el.Name]
		if !ok {
			t.Errorf("element %s has no complexType", el.Name)
			continue
		}
		for _, a := range el.Attributes {
			if !attrs[a.Name] {
				t.Errorf("attribute %s.%s is not declared", el.Name, a.Name)
			}
		}
	}
}

func TestExportJSONSchema(t *testing.T) {
	eachDialect(t, func(t *testing.T, d *Dialect) {
		b, err := ExportJSONSchema(d.Name())
		if err != nil {
			t.Fatal(err)
		}
		v, err := parseJSON(string(b))
		if err != nil {
			t.Fatalf("exported JSON Schema does not parse: %v", err)
		}
		if v.getString("x-dialect") != d.Name() {
			t.Errorf("x-dialect = %q", v.getString("x-dialect"))
		}
	})
	if _, err := ExportXSD("nope"); err == nil {
		t.Error("ExportXSD accepted an unknown dialect")
	}
}
