"""A deliberately insecure example web application for trying antivenom."""

import hashlib
import pickle
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, request

app = Flask(__name__)
DATABASE_PASSWORD = "s3cr3t-passw0rd"


@app.route("/profile")
def profile():
    user_id = request.args.get("id")
    db = sqlite3.connect("app.db")
    rows = db.execute("SELECT * FROM users WHERE id = '%s'" % user_id)
    return str(rows.fetchall())


@app.route("/import", methods=["POST"])
def import_settings():
    settings = pickle.loads(request.data)
    extra = yaml.load(request.files["extra"].read())
    return {"settings": settings, "extra": extra}


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    output = subprocess.check_output("ping -c 1 " + host, shell=True)
    return output


@app.route("/calc")
def calc():
    return str(eval(request.args["expression"]))


def fingerprint(data):
    return hashlib.md5(data).hexdigest()


def fetch_avatar(url):
    return requests.get(url, verify=False).content


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
