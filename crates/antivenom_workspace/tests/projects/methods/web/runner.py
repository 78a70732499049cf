import subprocess


class Job:
    def __init__(self, command, label):
        self.command = command
        self.label = label

    def start(self):
        return subprocess.run(self.command, shell=True, check=False)
