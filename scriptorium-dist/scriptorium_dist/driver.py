"""The engine-neutral driver: plan, load the shards, run the rounds of calls, finish.

Each step is one `scriptorium shard ...` process. A round runs every shard's part of the script's
next call (in any order, on any worker), then merges the parts in shard order into the call's
answer, which every later step reads. When no shard reaches the round's call, the script has made
all its calls, and `finish` writes the report.
"""
import json
import os
import shutil
import subprocess
import tempfile


class ShardStepError(RuntimeError):
    """A step failed; the message is the step's own (the script's error, a bad plan)."""


def run_step(binary, args):
    """Runs one step and returns its JSON report (None for a step that prints none); raises
    ShardStepError with the step's standard error when it fails."""
    completed = subprocess.run([binary] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip() or "exit status %d" % completed.returncode
        raise ShardStepError("`scriptorium %s` failed: %s" % (" ".join(args[:2]), message))
    text = completed.stdout.decode("utf-8", "replace").strip()
    return json.loads(text.splitlines()[-1]) if text else None


def _script_args(script, params, thesaurus):
    args = [script]
    for key, value in sorted(params.items()):
        args += ["--param", "%s=%s" % (key, value)]
    if thesaurus:
        args += ["--thesaurus", thesaurus]
    return args


def run(script, corpus, out, engine, shards, params=None, binary="scriptorium", work=None, thesaurus=None,
        format=None, merge=True, log=None):
    """Runs `script` over the corpus paths `corpus` cut into `shards` shards on `engine`, writing the
    report into `out`. Returns a summary (documents, rounds, warnings)."""
    params = params or {}
    log = log or (lambda message: None)
    owned = work is None
    work = os.path.abspath(work or tempfile.mkdtemp(prefix="scriptorium-dist-"))
    os.makedirs(work, exist_ok=True)
    answers = os.path.join(work, "answers")
    if os.path.isdir(answers):
        shutil.rmtree(answers)
    os.makedirs(answers)
    plan = os.path.join(work, "plan.json")
    try:
        plan_args = ["shard", "plan", "--shards", str(shards), "--output", plan]
        for path in corpus:
            plan_args += ["--corpus", path]
        if format:
            plan_args += ["--format", format]
        if not merge:
            plan_args.append("--no-merge")
        run_step(binary, plan_args)
        loaded_packs = [os.path.join(work, "shard-%d.arrow" % k) for k in range(shards)]
        loaded = engine.run_steps(binary, [["shard", "load", "--plan", plan, "--shard", str(k), "--output", loaded_packs[k]]
                                           for k in range(shards)])
        warnings = [w for r in loaded for w in r["warnings"]]
        log("loaded %d records in %d shards" % (sum(r["documents"] for r in loaded), shards))
        # Records of one document across shards, merged where a single run merges them.
        duplicates = os.path.join(work, "duplicates.arrow")
        resolve_args = ["shard", "resolve", "--plan", plan, "--output", duplicates]
        for pack in loaded_packs:
            resolve_args += ["--pack", pack]
        run_step(binary, resolve_args)
        packs = [os.path.join(work, "final-%d.arrow" % k) for k in range(shards)]
        finished = engine.run_steps(binary, [["shard", "finalize", "--plan", plan, "--shard", str(k), "--pack", loaded_packs[k],
                                              "--duplicates", duplicates, "--output", packs[k]] for k in range(shards)])
        documents = sum(r["documents"] for r in finished)
        identities = os.path.join(work, "identities.json")
        identity_args = ["shard", "identities", "--plan", plan, "--output", identities]
        for pack in packs:
            identity_args += ["--pack", pack]
        run_step(binary, identity_args)
        log("%d documents once merged" % documents)
        if documents == 0:
            raise ShardStepError("no readable document in %s" % ", ".join("'%s'" % p for p in corpus))
        script_args = _script_args(os.path.abspath(script), params, thesaurus)
        round_number = 0
        while True:
            round_number += 1
            parts = [os.path.join(work, "part-%d-%d.arrow" % (round_number, k)) for k in range(shards)]
            results = engine.run_steps(binary, [["shard", "part"] + script_args + [
                "--plan", plan, "--shard", str(k), "--pack", packs[k], "--identities", identities, "--round", str(round_number),
                "--answers", answers, "--output", parts[k]] for k in range(shards)])
            reached = {r["reached"] for r in results}
            if reached == {False}:
                break
            if len(reached) > 1:
                raise ShardStepError("round %d: some shards reached the script's call %d and others did not; "
                                     "a script must make the same calls whatever its shard holds" % (round_number, round_number))
            merge_args = ["shard", "merge"] + script_args + ["--plan", plan, "--round", str(round_number), "--answers", answers,
                                                             "--output", os.path.join(answers, "call-%d.arrow" % round_number)]
            for part in parts:
                merge_args += ["--part", part]
            run_step(binary, merge_args)
            for part in parts:
                os.remove(part)
            log("round %d merged" % round_number)
        finish = subprocess.run([binary, "shard", "finish"] + script_args + ["--plan", plan, "--documents", str(documents),
                                                                            "--answers", answers, "--out", os.path.abspath(out),
                                                                            "--script-name", script],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if finish.returncode != 0:
            raise ShardStepError("`scriptorium shard finish` failed: " + finish.stderr.decode("utf-8", "replace").strip())
        return {"documents": documents, "rounds": round_number - 1, "warnings": warnings,
                "messages": finish.stderr.decode("utf-8", "replace").splitlines()}
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)
