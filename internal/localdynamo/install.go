package localdynamo

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

const (
	simulatorPackage = "amplify-dynamodb-simulator"
	simulatorVersion = "2.9.30"
	// jarSHA256 is the SHA-256 of emulator/DynamoDBLocal.jar inside the npm package. The
	// package's own emulator/sha256 file holds the hash of the upstream archive, not of the jar.
	jarSHA256 = "454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7"

	dynalitePackage = "dynalite"
	dynaliteVersion = "4.0.0"
)

// CacheDir returns the folder where servers are installed: $DYNAMODEL_CACHE, else
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
// started in parallel install a server once.
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

// InstallDynamoDBLocal makes sure DynamoDB Local is unpacked in the cache and returns the
// folder that holds DynamoDBLocal.jar and DynamoDBLocal_lib. A second call finds it there and
// does no work beyond checking the jar's hash.
func InstallDynamoDBLocal(ctx context.Context) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	dest := filepath.Join(cache, "dynamodb-local-"+simulatorVersion)
	err = withLock(cache, "dynamodb-local", func() error {
		if verifyJar(filepath.Join(dest, "DynamoDBLocal.jar")) == nil {
			return nil
		}
		tgz := filepath.Join(cache, fmt.Sprintf("%s-%s.tgz", simulatorPackage, simulatorVersion))
		if _, err := os.Stat(tgz); err != nil {
			if err := npm(ctx, cache, "pack", "--silent", simulatorPackage+"@"+simulatorVersion); err != nil {
				return err
			}
		}
		tmp, err := os.MkdirTemp(cache, "unpack-")
		if err != nil {
			return fmt.Errorf("localdynamo: %w", err)
		}
		defer os.RemoveAll(tmp)
		if err := untar(tgz, "package/emulator/", tmp); err != nil {
			os.Remove(tgz) // a damaged download is fetched again next time
			return err
		}
		if err := verifyJar(filepath.Join(tmp, "DynamoDBLocal.jar")); err != nil {
			os.Remove(tgz)
			return err
		}
		os.RemoveAll(dest)
		if err := os.Rename(tmp, dest); err != nil {
			return fmt.Errorf("localdynamo: %w", err)
		}
		return nil
	})
	return dest, err
}

// InstallDynalite makes sure dynalite is installed in the cache and returns the path of its
// cli.js.
func InstallDynalite(ctx context.Context) (string, error) {
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
		return npm(ctx, dest, "install", "--silent", "--no-audit", "--no-fund", "--no-save",
			dynalitePackage+"@"+dynaliteVersion)
	})
	return cli, err
}

func npm(ctx context.Context, dir string, args ...string) error {
	if _, err := exec.LookPath("npm"); err != nil {
		return errors.New("localdynamo: npm is needed to fetch the local DynamoDB server; " +
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

func verifyJar(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("localdynamo: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("localdynamo: read %s: %w", path, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != jarSHA256 {
		return fmt.Errorf("localdynamo: %s has sha256 %s; want %s", path, got, jarSHA256)
	}
	return nil
}

// untar extracts the regular files under prefix from the gzipped tarball into dest, with the
// prefix removed from their names.
func untar(tgz, prefix, dest string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return fmt.Errorf("localdynamo: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("localdynamo: %s: %w", tgz, err)
	}
	tr := tar.NewReader(zr)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("localdynamo: %s: %w", tgz, err)
		}
		name, ok := strings.CutPrefix(hdr.Name, prefix)
		if !ok || hdr.Typeflag != tar.TypeReg || name == "" {
			continue
		}
		clean := filepath.Clean(name)
		if filepath.IsAbs(clean) || strings.HasPrefix(clean, "..") {
			return fmt.Errorf("localdynamo: %s: unsafe path %q", tgz, hdr.Name)
		}
		path := filepath.Join(dest, clean)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("localdynamo: %w", err)
		}
		out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, os.FileMode(hdr.Mode)&0o755|0o644)
		if err != nil {
			return fmt.Errorf("localdynamo: %w", err)
		}
		_, err = io.Copy(out, tr)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("localdynamo: write %s: %w", path, err)
		}
	}
}
