package localdynamo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

const (
	dynalitePackage = "dynalite"
	dynaliteVersion = "4.0.0"
)

// CacheDir returns the folder where the server is installed: $DYNAMODEL_CACHE, else
// $XDG_CACHE_HOME/dynamodel, else ~/.cache/dynamodel.
func CacheDir() (string, error) {
	if dir := os.Getenv("DYNAMODEL_CACHE"); dir != "" {
		return dir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("localdynamo: no cache folder (set DYNAMODEL_CACHE): %w", err)
	}
	return filepath.Join(base, "dynamodel"), nil
}

// withLock runs fn while holding an exclusive lock on dir/name.lock, so that test binaries
// started in parallel install the server once.
func withLock(dir, name string, fn func() error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("localdynamo: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, name+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("localdynamo: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("localdynamo: lock %s: %w", f.Name(), err)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return fn()
}

// InstallDynalite makes sure dynalite is installed in the cache and returns the path of its
// cli.js. When it has to download it, it says so on progress (nil: silently).
func InstallDynalite(ctx context.Context, progress io.Writer) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	dest := filepath.Join(cache, "dynalite-"+dynaliteVersion)
	cli := filepath.Join(dest, "node_modules", "dynalite", "cli.js")
	err = withLock(cache, "dynalite", func() error {
		if _, err := os.Stat(cli); err == nil {
			return nil
		}
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return fmt.Errorf("localdynamo: %w", err)
		}
		say(progress, "localdynamo: downloading %s %s from npm into %s…", dynalitePackage, dynaliteVersion, dest)
		start := time.Now()
		err := npm(ctx, dest, "install", "--silent", "--no-audit", "--no-fund", "--no-save",
			dynalitePackage+"@"+dynaliteVersion)
		if err == nil {
			say(progress, "localdynamo: %s %s installed in %s", dynalitePackage, dynaliteVersion, seconds(time.Since(start)))
		}
		return err
	})
	return cli, err
}

func npm(ctx context.Context, dir string, args ...string) error {
	if _, err := exec.LookPath("npm"); err != nil {
		return errors.New("localdynamo: npm is needed to fetch dynalite, the local DynamoDB server; " +
			"install Node.js and npm (Debian: apt-get install -y nodejs npm), " +
			"or set DYNAMODB_ENDPOINT to a running server")
	}
	cmd := exec.CommandContext(ctx, "npm", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("localdynamo: npm %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// say writes one line of progress, if there is somewhere to write it.
func say(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// seconds formats d as "1.2 s".
func seconds(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }
