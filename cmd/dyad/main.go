// Command dyad turns dated news articles into coded political events.
//
//	dyad code [--format F] [--date D] [--dict DIR] [-o FILE] PATH…   code articles to JSON Lines
//	dyad explain [--date D] "sentence"                              trace every coding decision
//	dyad eval --gold FILE [--kind seed|plover|petrxml] [OUT.jsonl]  score against gold data
//	dyad pipeline                                                   list the stages
//	dyad bench [--sentences N] [--cpu N] [--cpuprofile F] PATH…        measure coding speed
//
// Exit status is 0 on success, 1 when any input could not be read or coded,
// and 2 for bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `dyad turns dated news articles into coded political events (CAMEO, PLOVER).

usage:
  dyad code [--format auto|seed|text|jsonl|json|petrxml] [--date YYYY-MM-DD] [--dict DIR] [-o FILE] PATH…
  dyad explain [--date YYYY-MM-DD] [--dict DIR] "sentence"
  dyad eval --gold FILE|DIR [--kind seed|plover|petrxml|polnear|geo] [--json] [OUTPUT.jsonl]
  dyad pipeline
  dyad codes [CODE…]
  dyad bench [--sentences N] [--cpu N] [--workers N] [--batch N] [--cpuprofile F] [--memprofile F] [--format …] PATH…
  dyad ingest [--db FILE] [--format auto|…|html|feed] [--date YYYY-MM-DD] [--dict DIR] [--batch N] [--quiet] PATH…
  dyad export [--db FILE] --format gdelt|gdelt-mentions|icews|plover|csv|parquet [filters] [--header] [-o FILE]
  dyad query [--db FILE] stats|dyads|counts|events|search|failures [filters]
  dyad ingest --nats URL|embedded [--format …] [--date YYYY-MM-DD] PATH…   publish for workers
  dyad worker --nats URL|embedded --postgres DSN [--workers N] [--batch N] [--dict DIR]
  dyad worker status --nats URL [--postgres DSN] [--json] [--watch DURATION]
  dyad serve [--db FILE | --postgres DSN] [--addr 127.0.0.1:8080] [--writable]

Run "dyad COMMAND -h" for the flags of a command.
`

// errUsage marks a usage error (exit status 2).
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "code":
		err = cmdCode(args[1:], stdin, stdout, stderr)
	case "explain":
		err = cmdExplain(args[1:], stdout, stderr)
	case "eval":
		err = cmdEval(args[1:], stdout, stderr)
	case "pipeline":
		err = cmdPipeline(args[1:], stdout, stderr)
	case "codes":
		err = cmdCodes(args[1:], stdout)
	case "bench":
		err = cmdBench(args[1:], stdin, stdout, stderr)
	case "ingest":
		err = cmdIngest(args[1:], stdin, stdout, stderr)
	case "export":
		err = cmdExport(args[1:], stdout, stderr)
	case "query":
		err = cmdQuery(args[1:], stdout, stderr)
	case "worker":
		err = cmdWorker(args[1:], stdin, stdout, stderr)
	case "serve":
		err = cmdServe(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "dyad: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "dyad %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "dyad %s: %v\n", args[0], err)
		return 1
	}
}

// parse parses flags that may come before or after the positional
// arguments, returning the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "-" || !strings.HasPrefix(args[0], "-") {
			pos = append(pos, args[0])
			args = args[1:]
			continue
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
	}
}
