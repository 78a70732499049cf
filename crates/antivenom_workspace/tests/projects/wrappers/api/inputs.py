from flask import request


def query_value(name):
    return request.args.get(name, "")


def fixed_value(name):
    request.args.get("unused")
    return "constant"
