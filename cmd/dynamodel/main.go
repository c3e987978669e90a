package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/internal/awserr"
)

// Exit codes.
const (
	exitOK    = 0 // done
	exitError = 1 // a request failed, an input file is wrong, the tables drifted, no such item
	exitUsage = 2 // the command line is wrong
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args (without the program name), reading standard input from
// os.Stdin where a flag says "-", and returns the exit code. What it writes to stderr
// (errors, usage, progress) leaves out session tokens and endpoint passwords.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return (&env{stdin: os.Stdin, stdout: stdout, stderr: redacting{stderr}}).run(ctx, args)
}

// redacting writes through awserr.Redact: each write is one message (fmt.Fprint*), so a
// secret is never split between two writes.
type redacting struct{ w io.Writer }

func (r redacting) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, awserr.Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// env is what a command runs with: its input and output, and the connection its flags set.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	endpoint, region, profile, prefix, suffix string
	client                                    *dynamodel.Client
}

// command is one subcommand.
type command struct {
	name    string
	usage   string // the flags, after "dynamodel NAME "
	summary string // one line, for the list of commands
	details string // the rest of its help, after the usage line
	offline bool   // takes no connection flags
	// setup declares the command's flags on fs and returns the function that runs it once the
	// flags are parsed.
	setup func(e *env, fs *flag.FlagSet) func(ctx context.Context) error
}

// commands lists the subcommands in the order help shows them.
var commands = []*command{
	planCommand, applyCommand, verifyCommand, exportCommand,
	getCommand, putCommand, deleteCommand, queryCommand, scanCommand,
}

func lookup(name string) *command {
	i := slices.IndexFunc(commands, func(c *command) bool { return c.name == name })
	if i < 0 {
		return nil
	}
	return commands[i]
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errReported ends a command with exit code 1 after it has said why on its own.
var errReported = errors.New("")

func (e *env) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, mainUsage())
		return exitUsage
	}
	switch name := args[0]; name {
	case "version", "-version", "--version":
		fmt.Fprintf(e.stdout, "dynamodel %s\n", dynamodel.BuildVersion())
		return exitOK
	case "help", "-h", "-help", "--help":
		if name != "help" || len(args) == 1 {
			fmt.Fprint(e.stdout, mainHelp())
			return exitOK
		}
		if len(args) > 2 {
			fmt.Fprintln(e.stderr, "dynamodel help: want one command name, e.g. dynamodel help query")
			return exitUsage
		}
		if args[1] == "json" {
			fmt.Fprint(e.stdout, itemMapping)
			return exitOK
		}
		c := lookup(args[1])
		if c == nil {
			fmt.Fprintf(e.stderr, "dynamodel help: unknown command %q\n%s", args[1], commandList())
			return exitUsage
		}
		fmt.Fprint(e.stdout, c.help())
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "dynamodel: unknown command %q\n%s", args[0], mainUsage())
		return exitUsage
	}
	fs := flag.NewFlagSet("dynamodel "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and help are printed below, where they belong
	if !c.offline {
		e.connectionFlags(fs)
	}
	runCommand := c.setup(e, fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.stdout, c.help())
			return exitOK
		}
		fmt.Fprintf(e.stderr, "dynamodel %s: %v\nusage: dynamodel %s %s\nrun 'dynamodel %s -h' for help\n", c.name, err, c.name, c.usage, c.name)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "dynamodel %s: unexpected argument %q (every input is a flag)\nusage: dynamodel %s %s\n", c.name, fs.Arg(0), c.name, c.usage)
		return exitUsage
	}
	err := runCommand(ctx)
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errReported):
		return exitError
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "dynamodel %s: %v\nusage: dynamodel %s %s\n", c.name, err, c.name, c.usage)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "dynamodel %s: %v\n", c.name, err)
	return exitError
}

func (e *env) connectionFlags(fs *flag.FlagSet) {
	fs.StringVar(&e.endpoint, "endpoint", "", "DynamoDB endpoint `URL` (default $DYNAMODB_ENDPOINT, else AWS's)")
	fs.StringVar(&e.region, "region", "", "AWS `region` (default from the AWS environment and config; us-east-1 for a local endpoint)")
	fs.StringVar(&e.profile, "profile", "", "AWS shared config `profile`")
	fs.StringVar(&e.prefix, "prefix", "", "table name `prefix`, e.g. dev_")
	fs.StringVar(&e.suffix, "suffix", "", "table name `suffix`, e.g. -prod")
}

// open connects once, with the connection flags.
func (e *env) open(ctx context.Context) (*dynamodel.Client, error) {
	if e.client != nil {
		return e.client, nil
	}
	opts := []dynamodel.Option{dynamodel.WithTablePrefix(e.prefix), dynamodel.WithTableSuffix(e.suffix)}
	if e.endpoint != "" {
		opts = append(opts, dynamodel.WithEndpoint(e.endpoint))
	}
	if e.region != "" {
		opts = append(opts, dynamodel.WithRegion(e.region))
	}
	if e.profile != "" {
		opts = append(opts, dynamodel.WithProfile(e.profile))
	}
	c, err := dynamodel.Open(ctx, opts...)
	if err != nil {
		return nil, err
	}
	e.client = c
	return c, nil
}

// help is a command's -h text: usage line, description, flags.
func (c *command) help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: dynamodel %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.details))
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.setup(&env{}, fs)
	b.WriteString("\nflags:\n")
	fs.SetOutput(&b)
	fs.PrintDefaults()
	if !c.offline {
		conn := flag.NewFlagSet(c.name, flag.ContinueOnError)
		(&env{}).connectionFlags(conn)
		b.WriteString("\nconnection flags (every command that talks to DynamoDB):\n")
		conn.SetOutput(&b)
		conn.PrintDefaults()
	}
	return b.String()
}

func commandList() string {
	var b strings.Builder
	b.WriteString("commands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	return b.String()
}

func mainUsage() string {
	return "usage: dynamodel <command> [flags]\n\n" + commandList() +
		"\nrun 'dynamodel help' for more, 'dynamodel <command> -h' for a command's flags\n"
}

func mainHelp() string {
	return `dynamodel manages DynamoDB tables from a file of definitions and reads and writes items
as JSON.

usage: dynamodel <command> [flags]

` + commandList() + `  help     this text; 'dynamodel help <command>' for a command, 'dynamodel help json'
           for the item mapping
  version  the version of Dynamodel this binary was built from

Every command that talks to DynamoDB takes the connection flags -endpoint (default
$DYNAMODB_ENDPOINT), -region, -profile, -prefix and -suffix. Table names in definition files
and in -table are the names without prefix and suffix: the table used is prefix+name+suffix.

Exit codes: 0 done; 1 error (a failed request, a wrong input file, drift found by verify, no
item found by get); 2 wrong command line.

` + itemMapping + `
See docs/cli.md for a guide with examples.
`
}

const itemMapping = `Items, keys and conditions are plain JSON objects, mapped to DynamoDB types:

  JSON string         S      "Ada"
  JSON number         N      12.50 (sent as written, never through a float: up to 38 digits)
  true / false        BOOL
  null                NULL
  JSON array          L      ["a", 1]
  JSON object         M      {"city": "Oslo"}

Items printed by get, query, scan and delete -return-old use the same mapping, and also
print the types JSON has no literal for: B as a base64 string, SS as an array of strings, NS
as an array of numbers, BS as an array of base64 strings. Those print one way only: putting
the printed item back writes S and L, not B and sets.
`
