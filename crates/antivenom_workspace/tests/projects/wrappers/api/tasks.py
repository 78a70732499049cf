import os

from api import inputs
from api.inputs import fixed_value, query_value


def run_direct():
    os.system(query_value("cmd"))  # expect: tainted-shell-command


def run_through_module():
    command = inputs.query_value("cmd")
    os.system(command)  # expect: tainted-shell-command


def run_fixed():
    os.system(fixed_value("cmd"))
