package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// MaxPageSize is the largest limit the Application list accepts.
const MaxPageSize = 100

// maxPages bounds ListAllApplications: 1000 pages of 100 is far beyond any real account, and a
// server that keeps sending next links must not hang the CLI.
const maxPages = 1000

// ListOptions selects one page of a list. Zero values mean the API's defaults (limit 20,
// offset 0).
type ListOptions struct {
	Limit  int
	Offset int
}

// Validate checks the ranges the API accepts.
func (o ListOptions) Validate() error {
	if o.Limit < 0 || o.Limit > MaxPageSize {
		return &ValidationError{Field: "limit", Value: strconv.Itoa(o.Limit), Reason: fmt.Sprintf("must be between 1 and %d", MaxPageSize)}
	}
	if o.Offset < 0 {
		return &ValidationError{Field: "offset", Value: strconv.Itoa(o.Offset), Reason: "must be 0 or more"}
	}
	return nil
}

func (o ListOptions) query() url.Values {
	q := url.Values{}
	if o.Limit > 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Offset > 0 {
		q.Set("offset", strconv.Itoa(o.Offset))
	}
	return q
}

// Meta is a list's paging block. Next and Previous are relative links without the "/api"
// prefix ("/v1/Account/MA_X/Application/?limit=20&offset=20"), empty on the last/first page.
type Meta struct {
	Limit      int    `json:"limit"`
	Offset     int    `json:"offset"`
	TotalCount int    `json:"total_count"`
	Next       string `json:"next"`
	Previous   string `json:"previous"`
}

// Page is one page of applications.
type Page struct {
	APIID   string        `json:"api_id"`
	Meta    Meta          `json:"meta"`
	Objects []Application `json:"objects"`
}

// ListApplications fetches one page of applications.
func (c *Client) ListApplications(ctx context.Context, opts ListOptions) (Page, error) {
	var page Page
	if err := opts.Validate(); err != nil {
		return page, err
	}
	err := c.do(ctx, call{method: http.MethodGet, path: c.accountPath("Application"), query: opts.query()}, &page)
	return page, err
}

// ListAllApplications fetches every application, pageSize (0 means MaxPageSize) per request,
// following meta.next until it is empty. It stops with an error if the server repeats a link or
// sends more than 1000 pages.
func (c *Client) ListAllApplications(ctx context.Context, pageSize int) ([]Application, error) {
	if pageSize == 0 {
		pageSize = MaxPageSize
	}
	page, err := c.ListApplications(ctx, ListOptions{Limit: pageSize})
	if err != nil {
		return nil, err
	}
	all := page.Objects
	seen := map[string]bool{}
	for pages := 1; page.Meta.Next != ""; pages++ {
		next := page.Meta.Next
		if seen[next] {
			return nil, fmt.Errorf("pagination loop: the server sent next link %q twice", next)
		}
		if pages >= maxPages {
			return nil, fmt.Errorf("stopped after %d pages: the server keeps sending next links", maxPages)
		}
		seen[next] = true
		if page, err = c.followNext(ctx, next); err != nil {
			return nil, err
		}
		all = append(all, page.Objects...)
	}
	return all, nil
}

func (c *Client) followNext(ctx context.Context, next string) (Page, error) {
	var page Page
	path, query, err := c.resolveNext(next)
	if err != nil {
		return page, err
	}
	err = c.do(ctx, call{method: http.MethodGet, path: path, query: query}, &page)
	return page, err
}

// resolveNext turns a next link into a path relative to the API root. The API returns links
// without the "/api" prefix ("/v1/Account/…"): the link's first segment is matched against the
// end of the base path, so both https://api.vobiz.ai/api/v1 and a test server's root work.
// Links to another host or outside the Application list are refused: they would receive the
// auth token.
func (c *Client) resolveNext(next string) (string, url.Values, error) {
	ref, err := url.Parse(next)
	if err != nil || !strings.HasPrefix(ref.Path, "/") {
		return "", nil, fmt.Errorf("invalid next link %q: want an absolute path such as \"/v1/Account/…/Application/?offset=20\"", next)
	}
	if ref.Host != "" && (ref.Scheme != c.base.Scheme || !strings.EqualFold(ref.Host, c.base.Host)) {
		return "", nil, fmt.Errorf("refusing to follow next link %q: it leaves %s", next, c.base.Host)
	}
	rel, ok := stripAPIRoot(ref.Path, c.base.Path)
	if !ok || !strings.HasPrefix(rel, c.accountPath("Application")) {
		return "", nil, fmt.Errorf("refusing to follow next link %q: it is not an Application list under %s", next, c.base)
	}
	return rel, ref.Query(), nil
}

// stripAPIRoot removes the API root from p: either the whole base path ("/api/v1/…") or only its
// last segment ("/v1/…", the form the API sends).
func stripAPIRoot(p, basePath string) (string, bool) {
	if rest, ok := strings.CutPrefix(p, basePath); ok && strings.HasPrefix(rest, "/") {
		return rest, true
	}
	version := basePath[strings.LastIndex(basePath, "/")+1:]
	if version == "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(p, "/"+version)
	return rest, ok && strings.HasPrefix(rest, "/")
}
