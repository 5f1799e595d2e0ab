package tunnel

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// LogFile appends exchanges to a file as NDJSON, one object per line. Exchanges are redacted
// before they reach it, so the auth token is never written.
type LogFile struct {
	mu sync.Mutex
	f  *os.File
}

// OpenLog opens path for appending (mode 0600: the log holds call data), creating it if needed.
func OpenLog(path string) (*LogFile, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open the log file: %w", err)
	}
	return &LogFile{f: f}, nil
}

// Write appends one exchange.
func (l *LogFile) Write(ex Exchange) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep & < > readable in URLs, forms and XML
	if err := enc.Encode(ex); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("cannot write the log file: %w", err)
	}
	return nil
}

// Close closes the file.
func (l *LogFile) Close() error { return l.f.Close() }

// ErrNotInLog means no exchange with the requested ID is in the log.
var ErrNotInLog = errors.New("not in the log")

// FindInLog returns the last exchange with the given ID in an NDJSON log. IDs count from 1 in
// each session and sessions append to the same file, so the last one is the latest session's.
func FindInLog(r io.Reader, id string) (Exchange, error) {
	br := bufio.NewReader(r)
	var found *Exchange
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var ex Exchange
			if jerr := json.Unmarshal(line, &ex); jerr != nil {
				return Exchange{}, fmt.Errorf("log line %d is not an exchange: %v", lineNo, jerr)
			}
			if ex.Type == "exchange" && ex.ID == id {
				found = &ex
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Exchange{}, fmt.Errorf("cannot read the log: %w", err)
		}
	}
	if found == nil {
		return Exchange{}, fmt.Errorf("exchange %q: %w", id, ErrNotInLog)
	}
	return *found, nil
}
