from flask import request

import shop
from shop import save_report


def show():
    return shop.load_report(request.args["report"])  # expect: tainted-file-path


def store():
    save_report(request.args["report"], request.get_data())
