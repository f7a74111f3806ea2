"""The Spark engine: each step a Spark task (one partition a step), on any master.

With a local master (`local[N]`, a laptop) the tasks run the binary at its path. On a cluster the
binary is shipped to the executors with the job (SparkContext.addFile) unless it is on a path every
node shares (`ship_binary=False`); the shards' files and the run's folder must be on a file system
every node sees (NFS, a cluster's shared disk, a mounted bucket). A step that fails fails the job
with the step's own message; Spark does not retry it (a script's error is the same on every try).
"""
import os

from .driver import ShardStepError, run_step


def _run_in_task(binary, shipped, steps):
    """Runs the partition's steps on an executor; returns (index, report, error) for each."""
    if shipped:
        from pyspark import SparkFiles
        binary = SparkFiles.get(os.path.basename(binary))
        os.chmod(binary, 0o755)
    out = []
    for index, args in steps:
        try:
            out.append((index, run_step(binary, args), None))
        except ShardStepError as e:
            out.append((index, None, str(e)))
    return out


class SparkEngine:
    def __init__(self, master=None, ship_binary=None, app_name="scriptorium-dist"):
        from pyspark.sql import SparkSession
        builder = SparkSession.builder.appName(app_name)
        if master:
            builder = builder.master(master)
        elif not os.environ.get("SPARK_HOME") and "spark.master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", ""):
            builder = builder.master("local[*]")
        # A failed step is the script's error, the same on every try.
        builder = (builder.config("spark.task.maxFailures", "1").config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false"))
        self.spark = builder.getOrCreate()
        self.context = self.spark.sparkContext
        self.context.setLogLevel("ERROR")
        master_url = self.context.master
        self.ship_binary = (not master_url.startswith("local")) if ship_binary is None else ship_binary
        self.workers = self.context.defaultParallelism
        self._shipped = set()

    def run_steps(self, binary, steps):
        if self.ship_binary and binary not in self._shipped:
            self.context.addFile(binary)
            self._shipped.add(binary)
        shipped = self.ship_binary
        indexed = list(enumerate(steps))
        rdd = self.context.parallelize(indexed, numSlices=max(1, len(indexed)))
        results = rdd.mapPartitions(lambda part: _run_in_task(binary, shipped, list(part))).collect()
        reports = [None] * len(steps)
        for index, report, error in sorted(results, key=lambda r: r[0]):
            if error is not None:
                raise ShardStepError(error)
            reports[index] = report
        return reports

    def stop(self):
        self.spark.stop()
