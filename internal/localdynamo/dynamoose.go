package localdynamo

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// DynamooseVersion is the version of Dynamoose that [InstallDynamoose] installs.
const DynamooseVersion = "4.2.0"

// dynamooseFiles are the package.json and package-lock.json of the install: the lock pins
// Dynamoose and every package it needs (the AWS SDK's included) to a version and checksum, so
// that every machine runs the same code.
//
//go:embed dynamoose/package.json dynamoose/package-lock.json
var dynamooseFiles embed.FS

// InstallDynamoose makes sure Dynamoose (npm package dynamoose, [DynamooseVersion],
// Unlicense) is installed in the cache, as [InstallDynalite] does for dynalite, and returns
// its node_modules folder, for NODE_PATH. The interoperability tests run Node scripts that use
// it against the test server. It installs with `npm ci` from the embedded lock file, into a
// folder named after the lock's checksum (a new lock: a new install). When it has to download,
// it says so on progress (nil: silently).
func InstallDynamoose(ctx context.Context, progress io.Writer) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	manifest, _ := dynamooseFiles.ReadFile("dynamoose/package.json")
	lock, _ := dynamooseFiles.ReadFile("dynamoose/package-lock.json")
	sum := sha256.Sum256(lock)
	dest := filepath.Join(cache, "dynamoose-"+DynamooseVersion+"-"+hex.EncodeToString(sum[:4]))
	modules := filepath.Join(dest, "node_modules")
	done := filepath.Join(modules, ".package-lock.json") // written by npm once the install is whole
	err = withLock(cache, "dynamoose", func() error {
		if _, err := os.Stat(done); err == nil {
			return nil
		}
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return fmt.Errorf("localdynamo: %w", err)
		}
		for name, data := range map[string][]byte{"package.json": manifest, "package-lock.json": lock} {
			if err := os.WriteFile(filepath.Join(dest, name), data, 0o644); err != nil {
				return fmt.Errorf("localdynamo: %w", err)
			}
		}
		say(progress, "localdynamo: downloading dynamoose %s from npm into %s…", DynamooseVersion, dest)
		start := time.Now()
		err := npm(ctx, dest, "ci", "--silent", "--no-audit", "--no-fund")
		if err == nil {
			say(progress, "localdynamo: dynamoose %s installed in %s", DynamooseVersion, seconds(time.Since(start)))
		}
		return err
	})
	return modules, err
}
