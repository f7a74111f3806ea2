"""`scriptorium-dist run SCRIPT --corpus PATH... --out DIR --engine spark|local --shards N`."""
import argparse
import shutil
import sys

from .driver import ShardStepError, run


def main(argv=None):
    parser = argparse.ArgumentParser(prog="scriptorium-dist", description="Run a Scriptorium report script over a corpus cut into shards.")
    commands = parser.add_subparsers(dest="command", required=True)
    r = commands.add_parser("run", help="run a report script")
    r.add_argument("script")
    r.add_argument("--corpus", action="append", required=True, help="a corpus file or folder; repeat for several")
    r.add_argument("--out", required=True, help="the output folder")
    r.add_argument("--engine", choices=["local", "spark"], default="local")
    r.add_argument("--shards", type=int, default=None, help="how many shards (default: the engine's workers)")
    r.add_argument("--param", action="append", default=[], metavar="K=V")
    r.add_argument("--thesaurus")
    r.add_argument("--format")
    r.add_argument("--no-merge", action="store_true")
    r.add_argument("--scriptorium", default=None, help="the scriptorium binary (default: the one on PATH)")
    r.add_argument("--master", default=None, help="Spark's master URL (default: local[*])")
    r.add_argument("--shared-binary", action="store_true",
                   help="Spark: the binary is at the --scriptorium path on every node (it is not shipped with the job)")
    r.add_argument("--workers", type=int, default=None, help="local engine: processes at once")
    r.add_argument("--work", default=None, help="a folder for the run's files (kept); by default a temporary one")
    r.add_argument("--seed", type=int, default=None, help="shuffle the order steps start in")
    a = parser.parse_args(argv)
    params = {}
    for p in a.param:
        if "=" not in p or p.startswith("="):
            parser.error("--param '%s' must be KEY=VALUE" % p)
        key, value = p.split("=", 1)
        params[key] = value
    binary = a.scriptorium or shutil.which("scriptorium")
    if not binary:
        parser.error("no scriptorium binary: give --scriptorium PATH or put it on PATH")
    if a.engine == "spark":
        from .spark import SparkEngine
        engine = SparkEngine(master=a.master, ship_binary=False if a.shared_binary else None)
    else:
        from .local import LocalEngine
        engine = LocalEngine(workers=a.workers, seed=a.seed)
    shards = a.shards or getattr(engine, "workers", 1)
    if shards < 1:
        parser.error("--shards must be 1 or more")
    try:
        summary = run(a.script, a.corpus, a.out, engine, shards, params=params, binary=binary, work=a.work,
                      thesaurus=a.thesaurus, format=a.format, merge=not a.no_merge,
                      log=lambda m: print("scriptorium-dist: " + m, file=sys.stderr))
    except ShardStepError as e:
        print("scriptorium-dist: %s" % e, file=sys.stderr)
        return 1
    for w in summary["warnings"]:
        print(w, file=sys.stderr)
    for m in summary["messages"]:
        print(m, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
