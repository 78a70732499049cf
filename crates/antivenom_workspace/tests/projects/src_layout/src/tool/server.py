from flask import request

from tool.fetch import fetch
from .fetch import fetch as fetch_relative


def proxy():
    return fetch(request.args["url"])  # expect: tainted-request-url


def proxy_relative():
    return fetch_relative(request.args["url"])  # expect: tainted-request-url
