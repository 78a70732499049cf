import os.path
import pickle

BASE = "/srv/reports"


def load_report(name):
    with open(os.path.join(BASE, name), "rb") as handle:
        return pickle.load(handle)


def save_report(name, data):
    safe = os.path.basename(name)
    with open(os.path.join(BASE, safe), "wb") as handle:
        handle.write(data)
