package lint

// window gives the memory of a memory-mapped document back to the system behind each forward
// pass over it (dialect detection, tokenising, the line index), so that a large document is
// never resident all at once: peak memory follows the pass's window, not the file (issue 4:
// at most four times the size of a 5 MB document). Released pages stay mapped and readable:
// touching one again (a rule looking back at an element's text, the printer showing a line)
// reads it back from the page cache. A nil window does nothing (documents read into memory).
type window struct {
	src      []byte
	released int          // src[:released] has been given back in this pass
	release  func([]byte) // releasePages; tests record the calls
}

const (
	// releaseStep is how far a pass moves between two releases.
	releaseStep = 1 << 20
	// releaseLag keeps the bytes just behind the pass resident: the token being checked and
	// the open elements' recent text are read again right away.
	releaseLag = 256 << 10
	// pageMask rounds down to a page boundary (4 KB pages; a larger page size only makes the
	// kernel release less).
	pageMask = 4<<10 - 1
)

// newWindow returns a window over a mapped document, or nil for one in the Go heap.
func newWindow(src []byte, mapped bool) *window {
	if !mapped {
		return nil
	}
	preferSmallPages(src)
	return &window{src: src, release: releasePages}
}

// passed tells the window that the current pass has read everything before pos.
func (w *window) passed(pos int) {
	if w == nil || pos-w.released < releaseStep {
		return
	}
	w.releaseTo((pos - releaseLag) &^ pageMask)
}

// restart begins a new pass from the start of the document, giving back what the last pass
// left resident (the kernel rounds the last partial page up).
func (w *window) restart() {
	if w != nil {
		w.releaseTo(len(w.src))
		w.released = 0
	}
}

func (w *window) releaseTo(end int) {
	if end > w.released {
		w.release(w.src[w.released:end])
		w.released = end
	}
}
