// Command localdynamo starts dynalite, the local DynamoDB server, for the Makefile.
//
// Usage:
//
//	localdynamo serve            start one in the foreground; Ctrl-C stops it
//	localdynamo run -- CMD ARGS  start one, run CMD with DYNAMODB_ENDPOINT set, stop it
//	localdynamo install          install dynalite and Dynamoose (for the interop tests)
//	                             into the cache and exit
//
// With DYNAMODB_ENDPOINT set, run uses that endpoint and starts nothing. What it is doing (a
// download, the server ready) goes to standard error.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/dynamodel/dynamodel/internal/localdynamo"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(args) == 0 {
		return errors.New("usage: localdynamo serve | run -- CMD [ARGS] | install")
	}
	switch args[0] {
	case "install":
		if _, err := localdynamo.InstallDynalite(ctx, os.Stderr); err != nil {
			return err
		}
		_, err := localdynamo.InstallDynamoose(ctx, os.Stderr)
		return err
	case "serve":
		s, err := localdynamo.Start(ctx, os.Stderr)
		if err != nil {
			return err
		}
		defer s.Stop()
		fmt.Printf("%s listening at %s (Ctrl-C stops it)\nexport DYNAMODB_ENDPOINT=%s\n", s.Name, s.Endpoint, s.Endpoint)
		<-ctx.Done()
		return nil
	case "run":
		cmdArgs := args[1:]
		if len(cmdArgs) > 0 && cmdArgs[0] == "--" {
			cmdArgs = cmdArgs[1:]
		}
		if len(cmdArgs) == 0 {
			return errors.New("usage: localdynamo run -- CMD [ARGS]")
		}
		s, err := localdynamo.FromEnv(ctx, os.Stderr)
		if err != nil {
			return err
		}
		defer s.Stop()
		cmd := exec.CommandContext(ctx, cmdArgs[0], cmdArgs[1:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		cmd.Env = append(os.Environ(), "DYNAMODB_ENDPOINT="+s.Endpoint)
		finished := make(chan struct{})
		go func() { // a server that dies under the command says why
			select {
			case <-s.Exited():
				fmt.Fprintf(os.Stderr, "localdynamo: %s exited while %s was running; it printed:\n%s\n", s.Name, cmdArgs[0], s.Logs())
			case <-finished:
			}
		}()
		err = cmd.Run()
		close(finished)
		return err
	default:
		return fmt.Errorf("localdynamo: unknown command %q; want serve, run or install", args[0])
	}
}
