// Package fsutil writes private files safely: the config file, the tunnel restore journal and the
// completion cache all need "0600, never half-written, survives a crash".
package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// WriteFileAtomic writes data to path with mode 0600: into a synced temporary file in the same
// directory, renamed over path, then the directory synced, so that after a crash path holds either
// the old or the new content. Missing directories are created with mode 0700.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := writeSynced(tmp, data); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return SyncDir(dir)
}

func writeSynced(f *os.File, data []byte) error {
	err := f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// SyncDir makes a rename or removal in dir durable. Systems that cannot sync a directory (Windows) are not an
// error: the rename is as durable as they make it.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !strings.Contains(err.Error(), "not supported") {
		return err
	}
	return nil
}
