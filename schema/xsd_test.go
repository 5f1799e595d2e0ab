package schema

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// validDocs are the linter's valid golden documents: the XSD must accept all of them.
const validDocs = "../lint/testdata/valid/*.xml"

// schemaInvalidDocs are invalid golden documents whose faults an XSD can express; the XSD must
// reject each of them (the others break only the linter's semantic rules).
var schemaInvalidDocs = []string{
	"attribute-value-enum.xml", "attribute-value-hangup.xml", "attribute-value-pattern.xml",
	"attribute-value-range.xml", "attribute-value-type.xml", "duplicate-attribute.xml",
	"nesting.xml", "required-attribute.xml", "root-element.xml", "text-content.xml",
	"unknown-attribute.xml", "unknown-attribute-response.xml", "unknown-element-plivo.xml",
	"unknown-element-twiml.xml", "unknown-element-typo.xml", "unknown-markup.xml",
}

func exportXSD(t *testing.T) string {
	t.Helper()
	b, err := ExportXSD("vobiz")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "vobiz.xsd")
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
	xsd := exportXSD(t)
	valid, _ := filepath.Glob(validDocs)
	if len(valid) == 0 {
		t.Fatal("no valid golden documents")
	}
	out, err := exec.Command(xmllint, append([]string{"--noout", "--schema", xsd}, valid...)...).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint rejected valid documents: %v\n%s", err, out)
	}
	for _, name := range schemaInvalidDocs {
		doc := filepath.Join("..", "lint", "testdata", "invalid", name)
		if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, doc).CombinedOutput(); err == nil {
			t.Errorf("xmllint accepted %s:\n%s", name, out)
		}
	}
}

// TestXSDStructure parses the exported XSD and checks that every element and attribute of the
// dialect is declared.
func TestXSDStructure(t *testing.T) {
	b, err := ExportXSD("vobiz")
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
	for _, el := range vobiz(t).Elements() {
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
	b, err := ExportJSONSchema("vobiz")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseJSON(b); err != nil {
		t.Fatalf("exported JSON Schema does not parse: %v", err)
	}
	if _, err := ExportXSD("nope"); err == nil {
		t.Error("ExportXSD accepted an unknown dialect")
	}
}
