#!/usr/bin/env python3
"""Validate SARIF 2.1.0 documents against the official JSON schema.

Run through ci/validate_sarif.sh, which provides the schema and a virtual
environment with the `jsonschema` package:

    validate_sarif.py --schema SCHEMA.json FILE.sarif [FILE.sarif ...]
    validate_sarif.py --schema SCHEMA.json --self-test

Besides the schema, a few cross-references that a JSON schema cannot express
are checked: `ruleIndex` points at the rule named by `ruleId`, notification
descriptor indexes are in range, `uriBaseId`s are declared when the run
declares any, and regions do not end before they start.

Exit status: 0 when every file is valid, 1 when one is not, 2 on usage or
setup errors.
"""

import argparse
import copy
import json
import sys

import jsonschema
from jsonschema import exceptions, validators

# The official schema ships this pattern (for `language`) with a stray `]`.
# Python's `re` reads the `]` as a literal, so it compiles; should a future
# jsonschema reject it, it is replaced in memory by what was meant.
BROKEN_PATTERN = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"
FIXED_PATTERN = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"

MAX_MESSAGE = 300


def replace_pattern(node, old, new):
    """Replace every `pattern` equal to `old` in the schema tree; return count."""
    count = 0
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and value == old:
                node[key] = new
                count += 1
            else:
                count += replace_pattern(value, old, new)
    elif isinstance(node, list):
        for item in node:
            count += replace_pattern(item, old, new)
    return count


def load_validator(schema_path):
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    cls = validators.validator_for(schema, default=jsonschema.Draft4Validator)
    try:
        cls.check_schema(schema)
    except exceptions.SchemaError as error:
        patched = replace_pattern(schema, BROKEN_PATTERN, FIXED_PATTERN)
        if not patched:
            raise
        print(
            f"note: the schema was rejected ({error.message}); "
            f"patched {patched} known-broken pattern(s) in memory",
            file=sys.stderr,
        )
        cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def pointer(path):
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def shorten(text):
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


def schema_errors(validator, document):
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        line = f"{pointer(error.absolute_path)}: {shorten(error.message)}"
        if error.context:
            best = exceptions.best_match(error.context)
            line += f"\n    closest match: {pointer(best.absolute_path)}: {shorten(best.message)}"
        problems.append(line)
    return problems


def walk(node, path):
    """Yield (path, dict) for every object in the tree."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, path + [key])
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from walk(item, path + [index])


def consistency_errors(document):
    problems = []
    runs = document.get("runs") if isinstance(document, dict) else None
    if not isinstance(runs, list):
        return problems
    for run_index, run in enumerate(runs):
        if not isinstance(run, dict):
            continue
        base = ["runs", run_index]
        driver = run.get("tool", {}).get("driver", {}) if isinstance(run.get("tool"), dict) else {}
        rules = driver.get("rules") or []
        notifications = driver.get("notifications") or []
        for result_index, result in enumerate(run.get("results") or []):
            if not isinstance(result, dict) or "ruleIndex" not in result:
                continue
            where = pointer(base + ["results", result_index])
            index = result["ruleIndex"]
            if not isinstance(index, int) or not 0 <= index < len(rules):
                problems.append(f"{where}: ruleIndex {index} is outside tool.driver.rules ({len(rules)} rules)")
            elif "ruleId" in result and rules[index].get("id") != result["ruleId"]:
                problems.append(
                    f"{where}: ruleIndex {index} names rule {rules[index].get('id')!r}, "
                    f"but ruleId is {result['ruleId']!r}"
                )
        for invocation_index, invocation in enumerate(run.get("invocations") or []):
            for note_index, note in enumerate(invocation.get("toolExecutionNotifications") or []):
                descriptor = note.get("descriptor") if isinstance(note, dict) else None
                if isinstance(descriptor, dict) and "index" in descriptor:
                    index = descriptor["index"]
                    where = pointer(
                        base + ["invocations", invocation_index, "toolExecutionNotifications", note_index]
                    )
                    if not isinstance(index, int) or not 0 <= index < len(notifications):
                        problems.append(f"{where}: descriptor index {index} is outside tool.driver.notifications")
                    elif "id" in descriptor and notifications[index].get("id") != descriptor["id"]:
                        problems.append(f"{where}: descriptor index {index} does not name {descriptor['id']!r}")
        declared = run.get("originalUriBaseIds")
        for path, node in walk(run, base):
            base_id = node.get("uriBaseId")
            if isinstance(declared, dict) and isinstance(base_id, str) and base_id not in declared:
                problems.append(f"{pointer(path)}: uriBaseId {base_id!r} is not declared in originalUriBaseIds")
            for key in ("region", "contextRegion"):
                region = node.get(key)
                if not isinstance(region, dict):
                    continue
                start, end = region.get("startLine"), region.get("endLine")
                if isinstance(start, int) and isinstance(end, int):
                    where = pointer(path + [key])
                    if end < start:
                        problems.append(f"{where}: endLine {end} is before startLine {start}")
                    elif end == start:
                        first, last = region.get("startColumn"), region.get("endColumn")
                        if isinstance(first, int) and isinstance(last, int) and last < first:
                            problems.append(f"{where}: endColumn {last} is before startColumn {first}")
    return problems


def validate(validator, document):
    return schema_errors(validator, document) + consistency_errors(document)


def count_results(document):
    runs = document.get("runs") if isinstance(document, dict) else None
    return sum(len(run.get("results") or []) for run in runs or [] if isinstance(run, dict))


def validate_files(validator, paths):
    status = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            print(f"SARIF invalid: {path}: cannot read JSON: {error}")
            status = 1
            continue
        problems = validate(validator, document)
        if problems:
            print(f"SARIF invalid: {path} ({len(problems)} problem{'s' if len(problems) != 1 else ''})")
            for problem in problems:
                print(f"  - {problem}")
            status = 1
        else:
            count = count_results(document)
            print(f"SARIF valid: {path} ({count} result{'s' if count != 1 else ''})")
    return status


def minimal_document():
    """A small valid log: one rule, one result, one notification."""
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "self-test",
                        "informationUri": "https://example.invalid/self-test",
                        "rules": [{"id": "T1", "shortDescription": {"text": "test rule"}}],
                        "notifications": [{"id": "io-error", "shortDescription": {"text": "unreadable"}}],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": "x"}, "descriptor": {"id": "io-error", "index": 0}}
                        ],
                    }
                ],
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "root"}}},
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": "T1",
                        "ruleIndex": 0,
                        "level": "error",
                        "message": {"text": "found"},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "a%20b.py", "uriBaseId": "%SRCROOT%"},
                                    "region": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 5},
                                }
                            }
                        ],
                        "suppressions": [{"kind": "inSource", "justification": "# nosec"}],
                    }
                ],
            }
        ],
    }


def broken_documents():
    """(description, document) pairs that a correct validator must reject."""

    def mutate(description, change):
        document = minimal_document()
        change(document)
        return description, document

    def result(document):
        return document["runs"][0]["results"][0]

    def physical(document):
        return result(document)["locations"][0]["physicalLocation"]

    def region(document):
        return physical(document)["region"]

    return [
        mutate("wrong SARIF version", lambda d: d.update(version="2.0.0")),
        mutate("no runs", lambda d: d.pop("runs")),
        mutate("unknown result level", lambda d: result(d).update(level="fatal")),
        mutate("result without a message", lambda d: result(d).pop("message")),
        mutate("line 0", lambda d: region(d).update(startLine=0)),
        mutate("unknown suppression kind", lambda d: result(d)["suppressions"][0].update(kind="inComment")),
        # Fails only when format checking works (the format-nongpl extras).
        mutate(
            "informationUri that is not a URI",
            lambda d: d["runs"][0]["tool"]["driver"].update(informationUri="not a uri"),
        ),
        mutate("tool without a name", lambda d: d["runs"][0]["tool"]["driver"].pop("name")),
        mutate("ruleIndex out of range", lambda d: result(d).update(ruleIndex=7)),
        mutate("ruleIndex naming another rule", lambda d: result(d).update(ruleId="T2")),
        mutate("undeclared uriBaseId", lambda d: physical(d)["artifactLocation"].update(uriBaseId="%OTHER%")),
        mutate("region ending before it starts", lambda d: region(d).update(endLine=1)),
    ]


def self_test(validator):
    failures = 0
    problems = validate(validator, minimal_document())
    if problems:
        print("self-test FAILED: the valid control document was rejected:")
        for problem in problems:
            print(f"  - {problem}")
        failures += 1
    else:
        print("self-test: valid control document accepted")
    for description, document in broken_documents():
        problems = validate(validator, copy.deepcopy(document))
        if problems:
            print(f"self-test: rejected {description}: {problems[0].splitlines()[0]}")
        else:
            print(f"self-test FAILED: accepted a document with {description}")
            failures += 1
    if failures:
        print(f"self-test FAILED ({failures} check{'s' if failures != 1 else ''})")
        return 1
    print("self-test passed")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", required=True, help="the SARIF 2.1.0 JSON schema")
    parser.add_argument("--self-test", action="store_true", help="check that broken documents are rejected")
    parser.add_argument("files", nargs="*", help="SARIF files to validate")
    args = parser.parse_args(argv)
    if not args.self_test and not args.files:
        parser.error("give SARIF files to validate, or --self-test")
    try:
        validator = load_validator(args.schema)
    except (OSError, json.JSONDecodeError, exceptions.SchemaError) as error:
        print(f"error: cannot load the schema {args.schema}: {error}", file=sys.stderr)
        return 2
    status = 0
    if args.self_test:
        status = self_test(validator)
    if args.files:
        status = max(status, validate_files(validator, args.files))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
