package dynamodel

import "runtime/debug"

// Version is this release of Dynamodel. CHANGELOG.md lists what each release changed.
const Version = "0.2.0"

// BuildVersion returns Version, followed by the module version and revision the running
// binary was built from when the build recorded them (a `go install …@v0.2.0` build records
// its module version; a build inside a checkout records the VCS revision).
func BuildVersion() string {
	v := Version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	for _, dep := range append([]*debug.Module{&info.Main}, info.Deps...) {
		if dep.Path == modulePath && dep.Version != "" && dep.Version != "(devel)" {
			v += " (module " + dep.Version + ")"
			break
		}
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " (revision " + s.Value[:12] + ")"
		}
	}
	return v
}

const modulePath = "github.com/dynamodel/dynamodel"
