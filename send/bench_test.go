package send

import "testing"

// The per-request cost of load mode: drawing values, encoding and signing one request.

func BenchmarkBuildSigned(b *testing.B) {
	p := mustPlan(b, PlanOptions{Event: "answer"})
	s := newTestSigner(b, false)
	g := NewGenerator(1, nil)
	o := BuildOptions{Target: Target{URL: "http://127.0.0.1:3000/answer", SignURL: "http://127.0.0.1:3000/answer"}, Signer: s}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Build(g, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildUnsigned(b *testing.B) {
	p := mustPlan(b, PlanOptions{Event: "answer"})
	g := NewGenerator(1, nil)
	o := BuildOptions{Target: Target{URL: "http://127.0.0.1:3000/answer", SignURL: "http://127.0.0.1:3000/answer"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Build(g, o); err != nil {
			b.Fatal(err)
		}
	}
}
