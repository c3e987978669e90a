package dynamodelcli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/dynamodel/dynamodel"
	"github.com/dynamodel/dynamodel/internal/awserr"
)

// Exit codes.
const (
	exitOK    = 0 // done
	exitError = 1 // a request failed, an input file is wrong, the tables drifted, no such item
	exitUsage = 2 // the command line is wrong
)

// Main runs the command line of os.Args on the models, with standard input and output, until
// SIGINT or SIGTERM; then it exits with the exit code. A program calls it from its own main,
// with the client its models were made with:
//
//	func main() {
//		c, err := dynamodel.Open(ctx, dynamodel.WithTablePrefix(os.Getenv("TABLE_PREFIX")))
//		...
//		users, err := dynamodel.NewModel[User](c, "users", userSchema)
//		...
//		dynamodelcli.Main(c, dynamodelcli.Of(users), dynamodelcli.Of(orders))
//	}
//
// See [Run] for what the commands do.
func Main(c *dynamodel.Client, models ...Model) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, c, os.Args, os.Stdout, os.Stderr, models...)
	stop()
	os.Exit(code)
}

// Run runs the command line args (args[0] is the program's name, as in os.Args) and returns
// the exit code: 0 done; 1 an error (a failed request, an item the schema refuses, drift found
// by verify, no item for get); 2 a wrong command line. It reads standard input from os.Stdin
// where a flag says "-". What it writes to stderr leaves out session tokens and endpoint
// passwords.
//
// With models, the table commands (plan, apply, verify, export) work on the models' tables as
// their schemas declare them, and the item commands (get, put, delete, query, scan) go through
// each model: items are validated and written as the schema stores them, and read through its
// read pipeline. -model names the model (see [Of]). Every request is sent through c, whose
// prefix and suffix the models' table names already carry: the command line has no -prefix,
// -suffix or connection flags.
//
// Without models, Run is the dynamodel command: tables come from definition files (-f) and
// items are plain JSON written as given. With a nil c it connects as the connection flags say
// (-endpoint, -region, -profile, -prefix, -suffix); otherwise through c, with c's prefix and
// suffix.
func Run(ctx context.Context, c *dynamodel.Client, args []string, stdout, stderr io.Writer, models ...Model) int {
	prog := "dynamodel"
	if len(args) > 0 {
		prog = filepath.Base(args[0])
		args = args[1:]
	}
	e := &env{prog: prog, stdin: os.Stdin, stdout: stdout, stderr: redacting{stderr}, client: c, fixed: c != nil}
	if len(models) > 0 {
		if c == nil {
			fmt.Fprintf(e.stderr, "%s: dynamodelcli.Run got models and no client: pass the client the models were made with\n", prog)
			return exitUsage
		}
		if err := e.useModels(models); err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", prog, err)
			return exitUsage
		}
	}
	return e.run(ctx, args)
}

// run runs the dynamodel command: args without the program name, connection from flags.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return (&env{prog: "dynamodel", stdin: os.Stdin, stdout: stdout, stderr: redacting{stderr}}).run(ctx, args)
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

// env is what a command runs with: its input and output, the connection its flags set (or
// the program's client), and the models, if any.
type env struct {
	prog           string // the program's name, in messages and help
	stdin          io.Reader
	stdout, stderr io.Writer

	endpoint, region, profile, prefix, suffix string
	client                                    *dynamodel.Client
	fixed                                     bool // client is the program's: no connection flags
	models                                    []*Model
	waitInterval                              time.Duration // how often apply reports a wait; 10s when 0
}

// command is one subcommand.
type command struct {
	name    string
	usage   string // the flags, after "PROGRAM NAME "
	summary string // one line, for the list of commands
	details string // the rest of its help, after the usage line
	offline bool   // takes no connection flags
	// setup declares the command's flags on fs and returns the function that runs it once the
	// flags are parsed.
	setup func(e *env, fs *flag.FlagSet) func(ctx context.Context) error
}

// fileCommands lists the subcommands of the dynamodel command in the order help shows them.
var fileCommands = []*command{
	planCommand, applyCommand, verifyCommand, exportCommand,
	getCommand, putCommand, deleteCommand, queryCommand, scanCommand,
}

// commands lists the subcommands in the order help shows them: those on models, or those on
// definition files and plain items.
func (e *env) commands() []*command {
	if e.models != nil {
		return modelCommands
	}
	return fileCommands
}

// usage returns c's usage line: "PROGRAM NAME FLAGS".
func (e *env) usage(c *command) string {
	flags := c.usage
	if e.models != nil {
		// plan, apply and verify take their tables from the models, not from -f.
		flags = strings.TrimPrefix(flags, "-f tables.json")
	}
	return strings.TrimSpace(e.prog + " " + c.name + " " + flags)
}

func (e *env) lookup(name string) *command {
	commands := e.commands()
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
		fmt.Fprint(e.stderr, e.mainUsage())
		return exitUsage
	}
	switch name := args[0]; name {
	case "version", "-version", "--version":
		fmt.Fprintf(e.stdout, "%s %s\n", e.prog, dynamodel.BuildVersion())
		return exitOK
	case "help", "-h", "-help", "--help":
		if name != "help" || len(args) == 1 {
			fmt.Fprint(e.stdout, e.mainHelp())
			return exitOK
		}
		if len(args) > 2 {
			fmt.Fprintf(e.stderr, "%s help: want one command name, e.g. %[1]s help query\n", e.prog)
			return exitUsage
		}
		if args[1] == "json" {
			fmt.Fprint(e.stdout, e.itemMapping())
			return exitOK
		}
		c := e.lookup(args[1])
		if c == nil {
			fmt.Fprintf(e.stderr, "%s help: unknown command %q\n%s", e.prog, args[1], e.commandList())
			return exitUsage
		}
		fmt.Fprint(e.stdout, e.help(c))
		return exitOK
	}
	c := e.lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "%s: unknown command %q\n%s", e.prog, args[0], e.mainUsage())
		return exitUsage
	}
	fs := flag.NewFlagSet(e.prog+" "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and help are printed below, where they belong
	if !c.offline && !e.fixed {
		e.connectionFlags(fs)
	}
	runCommand := c.setup(e, fs)
	usage := e.usage(c)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.stdout, e.help(c))
			return exitOK
		}
		fmt.Fprintf(e.stderr, "%s %s: %v\nusage: %s\nrun '%[1]s %[2]s -h' for help\n", e.prog, c.name, err, usage)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "%s %s: unexpected argument %q (every input is a flag)\nusage: %s\n", e.prog, c.name, fs.Arg(0), usage)
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
		fmt.Fprintf(e.stderr, "%s %s: %v\nusage: %s\n", e.prog, c.name, err, usage)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "%s %s: %v\n", e.prog, c.name, err)
	return exitError
}

func (e *env) connectionFlags(fs *flag.FlagSet) {
	fs.StringVar(&e.endpoint, "endpoint", "", "DynamoDB endpoint `URL` (default $DYNAMODB_ENDPOINT, else AWS's)")
	fs.StringVar(&e.region, "region", "", "AWS `region` (default from the AWS environment and config; us-east-1 for a local endpoint)")
	fs.StringVar(&e.profile, "profile", "", "AWS shared config `profile`")
	fs.StringVar(&e.prefix, "prefix", "", "table name `prefix`, e.g. dev_")
	fs.StringVar(&e.suffix, "suffix", "", "table name `suffix`, e.g. -prod")
}

// open connects once, with the connection flags, unless the program gave its client.
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
func (e *env) help(c *command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s\n\n%s\n", e.usage(c), strings.TrimSpace(c.details))
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.setup(&env{prog: e.prog, models: e.models, fixed: e.fixed}, fs)
	b.WriteString("\nflags:\n")
	fs.SetOutput(&b)
	fs.PrintDefaults()
	if !c.offline && !e.fixed {
		conn := flag.NewFlagSet(c.name, flag.ContinueOnError)
		(&env{}).connectionFlags(conn)
		b.WriteString("\nconnection flags (every command that talks to DynamoDB):\n")
		conn.SetOutput(&b)
		conn.PrintDefaults()
	}
	return b.String()
}

func (e *env) commandList() string {
	var b strings.Builder
	b.WriteString("commands:\n")
	for _, c := range e.commands() {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	return b.String()
}

func (e *env) mainUsage() string {
	return fmt.Sprintf("usage: %s <command> [flags]\n\n%s\nrun '%[1]s help' for more, '%[1]s <command> -h' for a command's flags\n", e.prog, e.commandList())
}

func (e *env) mainHelp() string {
	if e.models != nil {
		return e.modelsHelp()
	}
	connection := `Every command that talks to DynamoDB takes the connection flags -endpoint (default
$DYNAMODB_ENDPOINT), -region, -profile, -prefix and -suffix. Table names in definition files
and in -table are the names without prefix and suffix: the table used is prefix+name+suffix.`
	if e.fixed {
		connection = `Requests go through the program's client. Table names in definition files and in -table
are the names without the client's prefix and suffix.`
	}
	return strings.ReplaceAll(`PROG manages DynamoDB tables from a file of definitions and reads and writes items
as JSON.

usage: PROG <command> [flags]

`+e.commandList()+`  help     this text; 'PROG help <command>' for a command, 'PROG help json'
           for the item mapping
  version  the version of Dynamodel this binary was built from

`+connection+`

Exit codes: 0 done; 1 error (a failed request, a wrong input file, drift found by verify, no
item found by get); 2 wrong command line.

`+e.itemMapping()+`
See docs/cli.md for a guide with examples.
`, "PROG", e.prog)
}

func (e *env) itemMapping() string {
	if e.models != nil {
		return modelItemMapping
	}
	return itemMapping
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
