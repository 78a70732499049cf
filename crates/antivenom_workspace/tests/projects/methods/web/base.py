import sqlite3


class Repository:
    def __init__(self, path):
        self.connection = sqlite3.connect(path)

    def find(self, name):
        query = "SELECT * FROM users WHERE name = '%s'" % name
        return self.connection.execute(query)

    def find_safely(self, name):
        return self.connection.execute("SELECT * FROM users WHERE name = ?", (name,))
