package tunnel

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// CloudflaredOptions configures the cloudflared provider.
type CloudflaredOptions struct {
	// Binary is the cloudflared executable (see FindCloudflared).
	Binary string
	// StartTimeout bounds the wait for the public URL; 0 means 60 s.
	StartTimeout time.Duration
	// PollInterval is how often the metrics endpoint is asked for the URL; 0 means 250 ms.
	PollInterval time.Duration
	// OnLog receives every line cloudflared prints (for --debug); nil discards them.
	OnLog func(line string)
}

// Cloudflared runs `cloudflared tunnel --url …` for a quick tunnel (no Cloudflare account) and
// reads the public URL from its metrics endpoint /quicktunnel, falling back to the URL it prints
// in its log.
type Cloudflared struct {
	opts CloudflaredOptions

	cmd      *exec.Cmd
	done     chan struct{}
	urls     chan string
	mu       sync.Mutex
	err      error
	stopped  bool
	lastLogs []string
	stopOnce sync.Once
}

// NewCloudflared returns a cloudflared provider; nothing runs until Start.
func NewCloudflared(opts CloudflaredOptions) *Cloudflared {
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = 60 * time.Second
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 250 * time.Millisecond
	}
	return &Cloudflared{opts: opts, done: make(chan struct{}), urls: make(chan string, 1)}
}

// Name returns "cloudflared".
func (c *Cloudflared) Name() string { return ProviderCloudflared }

// Done is closed when the cloudflared process has exited.
func (c *Cloudflared) Done() <-chan struct{} { return c.done }

// Err says why cloudflared exited on its own; nil while it runs or after Stop.
func (c *Cloudflared) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Start runs cloudflared and waits (bounded by StartTimeout and ctx) for the public URL.
func (c *Cloudflared) Start(ctx context.Context, forwardTo string) (string, error) {
	metrics, err := freeLoopbackAddr()
	if err != nil {
		return "", err
	}
	if err := c.spawn(forwardTo, metrics); err != nil {
		return "", err
	}
	u, err := c.waitURL(ctx, metrics)
	if err != nil {
		_ = c.Stop()
		return "", err
	}
	return u, nil
}

// spawn starts the process with its output scanned for the URL and its exit watched.
func (c *Cloudflared) spawn(forwardTo, metrics string) error {
	cmd := exec.Command(c.opts.Binary, "tunnel", "--no-autoupdate", "--url", forwardTo, "--metrics", metrics)
	configureChild(cmd)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		pw.Close()
		return fmt.Errorf("cannot start cloudflared %q: %w", c.opts.Binary, err)
	}
	c.cmd = cmd
	scanned := make(chan struct{})
	go func() {
		c.scan(pr)
		close(scanned)
	}()
	go func() {
		err := cmd.Wait()
		pw.Close()
		// The scanner may still hold the last lines it read; the exit error quotes them, so it
		// waits for the scanner to reach the end of the output.
		<-scanned
		c.exited(err)
	}()
	return nil
}

// scan reads cloudflared's output line by line, keeping the last lines for error messages and
// offering the first quick-tunnel URL it prints.
func (c *Cloudflared) scan(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		c.remember(line)
		if c.opts.OnLog != nil {
			c.opts.OnLog(line)
		}
		if u := URLFromCloudflaredLog(line); u != "" {
			select {
			case c.urls <- u:
			default:
			}
		}
	}
	_, _ = io.Copy(io.Discard, r)
}

func (c *Cloudflared) remember(line string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	const keep = 8
	c.lastLogs = append(c.lastLogs, strings.TrimSpace(line))
	if len(c.lastLogs) > keep {
		c.lastLogs = c.lastLogs[len(c.lastLogs)-keep:]
	}
}

// exited records why the process ended and closes Done.
func (c *Cloudflared) exited(waitErr error) {
	c.mu.Lock()
	if !c.stopped {
		status := "exit status 0"
		if waitErr != nil {
			status = waitErr.Error()
		}
		c.err = fmt.Errorf("cloudflared exited (%s)%s", status, c.lastOutputLocked())
	}
	c.mu.Unlock()
	close(c.done)
}

func (c *Cloudflared) lastOutputLocked() string {
	for i := len(c.lastLogs) - 1; i >= 0; i-- {
		if c.lastLogs[i] != "" {
			return ": " + c.lastLogs[i]
		}
	}
	return ""
}

// waitURL polls the metrics endpoint and watches the log until one yields the URL.
func (c *Cloudflared) waitURL(ctx context.Context, metrics string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.StartTimeout)
	defer cancel()
	tick := time.NewTicker(c.opts.PollInterval)
	defer tick.Stop()
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case u := <-c.urls:
			return u, nil
		case <-c.done:
			return "", fmt.Errorf("cloudflared stopped before the tunnel was ready: %w", c.Err())
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return "", fmt.Errorf("cloudflared gave no public URL within %s%s", c.opts.StartTimeout, c.lastOutput())
			}
			return "", ctx.Err()
		case <-tick.C:
			if u, ok := QuickTunnelURL(ctx, client, metrics); ok {
				return u, nil
			}
		}
	}
}

func (c *Cloudflared) lastOutput() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastOutputLocked()
}

// Stop asks cloudflared to end (SIGTERM; a kill after 3 s) and waits for it.
func (c *Cloudflared) Stop() error {
	if c.cmd == nil {
		return nil
	}
	c.stopOnce.Do(func() {
		c.mu.Lock()
		exitedAlready := isClosed(c.done)
		if !exitedAlready {
			c.stopped = true
		}
		c.mu.Unlock()
		if exitedAlready {
			return
		}
		if err := terminate(c.cmd.Process); err != nil {
			_ = c.cmd.Process.Kill()
		}
		select {
		case <-c.done:
		case <-time.After(3 * time.Second):
			_ = c.cmd.Process.Kill()
			<-c.done
		}
	})
	return nil
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// terminate asks a process to end: SIGTERM where signals exist, a kill elsewhere.
func terminate(p *os.Process) error {
	if err := p.Signal(terminateSignal); err != nil {
		return p.Kill()
	}
	return nil
}
