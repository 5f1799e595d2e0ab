package lint

import "strings"

// suggest returns the candidate closest to got: a case-insensitive match first, otherwise the
// nearest by edit distance if it is close enough to be a typo (at most a third of the length,
// and at most 3 edits). It returns "" when nothing is close.
func suggest(got string, candidates []string) string {
	if got == "" || len(candidates) == 0 {
		return ""
	}
	for _, c := range candidates {
		if strings.EqualFold(c, got) {
			return c
		}
	}
	lower := strings.ToLower(got)
	best, bestDist := "", min(3, max(1, len([]rune(got))/3))+1
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if d := EditDistance(lower, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// EditDistance is the optimal-string-alignment distance between a and b, in runes: the
// Levenshtein distance where swapping two adjacent characters ("vioce") counts as one edit. Every
// "did you mean" in vobizctl (elements, attributes, rule IDs, event names) uses it.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	rows := [3][]int{make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)}
	prev2, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
