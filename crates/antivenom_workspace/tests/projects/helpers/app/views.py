from flask import Flask, request

from app.commands import escape, quoted, run_shell, tidy
from . import commands

app = Flask(__name__)


@app.route("/run")
def run():
    run_shell(request.args["cmd"])  # expect: tainted-shell-command


@app.route("/run-module")
def run_module():
    commands.run_shell(request.form["cmd"])  # expect: tainted-shell-command


@app.route("/run-quoted")
def run_quoted():
    run_shell(quoted(request.args["cmd"]))


@app.route("/run-constant")
def run_constant():
    name = request.args["name"]
    run_shell("uptime")
    return escape(name)


@app.route("/greet")
def greet():
    return "<h1>" + tidy(request.args["name"]) + "</h1>"  # expect: tainted-html-response


@app.route("/greet-escaped")
def greet_escaped():
    return "<h1>" + escape(request.args["name"]) + "</h1>"
