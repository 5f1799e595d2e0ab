package signature

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"testing"
)

// vector is one test vector of the reference (testdata/vectors.json). Params is either an object
// of form parameters or the name of an entry in param_sets.
type vector struct {
	Name   string          `json:"name"`
	Scheme Scheme          `json:"scheme"`
	Token  string          `json:"token"`
	URL    string          `json:"url"`
	Nonce  string          `json:"nonce"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Signed string          `json:"signed"`
	Want   string          `json:"want"`

	request Request
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Vectors   []vector                     `json:"vectors"`
		ParamSets map[string]map[string]string `json:"param_sets"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	for i := range file.Vectors {
		v := &file.Vectors[i]
		v.request = Request{URL: v.URL, Method: v.Method, Params: vectorParams(t, v.Params, file.ParamSets)}
	}
	return file.Vectors
}

func vectorParams(t *testing.T, raw json.RawMessage, sets map[string]map[string]string) url.Values {
	if len(raw) == 0 {
		return nil
	}
	var named string
	m := map[string]string{}
	if err := json.Unmarshal(raw, &named); err == nil {
		set, ok := sets[named]
		if !ok {
			t.Fatalf("unknown param set %q", named)
		}
		m = set
	} else if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	values := url.Values{}
	for k, v := range m {
		values.Set(k, v)
	}
	return values
}

// TestReferenceVectors checks the exact signed string and the signature of every vector.
func TestReferenceVectors(t *testing.T) {
	vectors := loadVectors(t)
	if len(vectors) < 20 {
		t.Fatalf("loaded %d vectors, want all of them", len(vectors))
	}
	for _, v := range vectors {
		t.Run(v.Name+"/"+string(v.Scheme), func(t *testing.T) {
			if v.Signed != "" {
				got, err := StringToSign(v.Scheme, v.request, v.Nonce)
				if err != nil || got != v.Signed {
					t.Errorf("StringToSign = %q, %v; want %q", got, err, v.Signed)
				}
			}
			if v.Want != "" {
				got, err := Compute(v.Scheme, v.Token, v.request, v.Nonce)
				if err != nil || got != v.Want {
					t.Errorf("Compute = %q, %v; want %q", got, err, v.Want)
				}
			}
		})
	}
}

// TestReferenceVectorsVerify feeds every vector's signature through Verify as Vobiz would send it.
func TestReferenceVectorsVerify(t *testing.T) {
	for _, v := range loadVectors(t) {
		if v.Want == "" {
			continue
		}
		t.Run(v.Name+"/"+string(v.Scheme), func(t *testing.T) {
			h := http.Header{}
			h.Set(v.Scheme.Header(), v.Want)
			if nh := v.Scheme.NonceHeader(); nh != "" {
				h.Set(nh, v.Nonce)
			}
			opts := VerifyOptions{Token: v.Token, ParentToken: v.Token, Schemes: []Scheme{v.Scheme}}
			res, err := Verify(opts, v.request, h)
			if err != nil || len(res.Matches) != 1 || res.Matches[0].Scheme != v.Scheme {
				t.Errorf("Verify = %+v, %v; want a match for %s", res, err, v.Scheme)
			}
		})
	}
}
