"""Helpers another module calls: a sink wrapper, a sanitizer, a pass-through."""
import html
import shlex
import subprocess


def run_shell(command):
    line = "nice " + command
    return subprocess.run(line, shell=True, check=False)


def escape(text):
    return html.escape(text)


def quoted(text):
    return shlex.quote(text)


def tidy(text):
    return text.strip().lower()
