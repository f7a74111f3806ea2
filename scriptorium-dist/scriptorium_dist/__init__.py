"""scriptorium-dist: runs a Scriptorium report script over a corpus cut into shards.

The steps are the `scriptorium shard` commands of the binary (plan, load, part, merge, finish);
this package schedules them on an engine (a local process pool, or Apache Spark) and moves the
files between them. The report it writes is the one `scriptorium run` writes over the whole corpus.
"""
from .driver import run, ShardStepError

__all__ = ["run", "ShardStepError"]
