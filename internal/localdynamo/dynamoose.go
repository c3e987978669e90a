package localdynamo

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

const (
	dynamoosePackage = "dynamoose"
	dynamooseVersion = "4.2.0"
)

// DynamooseVersion is the version of Dynamoose that [InstallDynamoose] installs.
const DynamooseVersion = dynamooseVersion

// InstallDynamoose makes sure Dynamoose (npm package dynamoose 4.2.0, Unlicense) is installed
// in the cache, as [InstallDynalite] does for dynalite, and returns its node_modules folder,
// for NODE_PATH. The interoperability tests run Node scripts that use it against the test
// server. When it has to download it, it says so on progress (nil: silently).
func InstallDynamoose(ctx context.Context, progress io.Writer) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	dest := filepath.Join(cache, dynamoosePackage+"-"+dynamooseVersion)
	modules := filepath.Join(dest, "node_modules")
	// Written last by npm: its presence means the install finished.
	done := filepath.Join(modules, ".package-lock.json")
	err = withLock(cache, dynamoosePackage, func() error {
		if _, err := os.Stat(filepath.Join(modules, dynamoosePackage, "package.json")); err == nil {
			if _, err := os.Stat(done); err == nil {
				return nil
			}
		}
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return fmt.Errorf("localdynamo: %w", err)
		}
		say(progress, "localdynamo: downloading %s %s from npm into %s…", dynamoosePackage, dynamooseVersion, dest)
		start := time.Now()
		err := npm(ctx, dest, "install", "--silent", "--no-audit", "--no-fund", "--no-save",
			dynamoosePackage+"@"+dynamooseVersion)
		if err == nil {
			say(progress, "localdynamo: %s %s installed in %s", dynamoosePackage, dynamooseVersion, seconds(time.Since(start)))
		}
		return err
	})
	return modules, err
}
