from flask import request

from web.base import Repository


class UserRepository(Repository):
    def lookup(self):
        return self.find(request.args["name"])  # expect: tainted-sql-query

    def lookup_safely(self):
        return self.find_safely(request.args["name"])


def search():
    repository = Repository("users.db")
    return repository.find(request.args["q"])  # expect: tainted-sql-query


def search_safely():
    repository = Repository("users.db")
    return repository.find_safely(request.args["q"])


def start_job():
    from web.runner import Job

    Job(request.args["cmd"], "user job").start()  # expect: tainted-shell-command


def start_fixed_job():
    from web.runner import Job

    label = request.args["label"]
    label = "user job"
    Job("uptime", label).start()
