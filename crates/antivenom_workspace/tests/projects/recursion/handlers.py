import subprocess

from flask import request

from walker import countdown, descend


def listing():
    descend(request.args["path"], 0)  # expect: tainted-shell-command


def echo():
    value = countdown(request.args["v"], 3)
    subprocess.run(value, shell=True)  # expect: tainted-shell-command


def echo_constant():
    request.args.get("ignored")
    value = countdown("date", 3)
    subprocess.run(value, shell=True)
