#!/usr/bin/env python3
"""pty_run.py: runs a command on a pseudo-terminal, as if typed at a terminal, and prints what it
showed. Used by the tests of the shell and the progress bar.

    pty_run.py [--send TEXT]... -- COMMAND [ARG...]

Each --send is written to the terminal after the output has been quiet for a moment (escapes
such as \\r and \\x04 are decoded). The exit status is the command's.
"""
import os
import pty
import select
import sys
import time


def drain(fd, quiet=0.4, limit=60.0):
    out = b""
    last = time.time()
    end = time.time() + limit
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return out, True
            if not chunk:
                return out, True
            out += chunk
            last = time.time()
        elif time.time() - last > quiet:
            return out, False
    return out, False


def main():
    args = sys.argv[1:]
    sends = []
    while args and args[0] == "--send":
        sends.append(args[1].encode().decode("unicode_escape").encode("latin-1"))
        args = args[2:]
    if args and args[0] == "--":
        args = args[1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(args[0], args)
    transcript = b""
    for text in sends:
        out, closed = drain(fd)
        transcript += out
        if closed:
            break
        os.write(fd, text)
    while True:
        out, closed = drain(fd, quiet=2.0)
        transcript += out
        if closed or not out:
            break
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(transcript.decode("utf-8", "replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
