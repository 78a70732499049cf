import os


def descend(path, depth):
    if depth > 8:
        return os.system("ls " + path)
    return climb(path, depth + 1)


def climb(path, depth):
    return descend(path, depth)


def countdown(value, steps):
    if steps == 0:
        return value
    return countdown(value, steps - 1)
