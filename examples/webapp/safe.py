"""The same features written safely: antivenom reports nothing here."""

import hashlib
import json
import sqlite3
import subprocess

import requests
import yaml


def profile(user_id):
    db = sqlite3.connect("app.db")
    rows = db.execute("SELECT * FROM users WHERE id = ?", (user_id,))
    return rows.fetchall()


def import_settings(raw, extra):
    return json.loads(raw), yaml.safe_load(extra)


def ping(host):
    return subprocess.run(["/usr/bin/ping", "-c", "1", "--", host], check=True)


def fingerprint(data):
    return hashlib.sha256(data).hexdigest()


def fetch_avatar(url):
    return requests.get(url, timeout=10).content
