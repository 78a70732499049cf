//! Every construct Python Code Audit (codeaudit) checks is reported by some
//! antivenom rule in some selection. The table below maps each construct of
//! `design/codeaudit_checks.csv` to the rule that reports it; a snippet
//! using the construct in its natural form is run with `--select` of that
//! rule alone and must be reported. The check that the table lists exactly
//! the CSV's constructs needs the shared folder (`../shared` beside the
//! clone), so it is `#[ignore]`d and run by CI with `ANTIVENOM_SHARED` set.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use antivenom_rules::{Registry, RuleMatch};
use ruff_python_ast::{PySourceType, PythonVersion};
use ruff_python_parser::{ParseOptions, parse_unchecked};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// codeaudit construct (the CSV's `construct` column) → antivenom rule name.
const COVERAGE: &[(&str, &str)] = &[
    ("assert", "assert-statement"),
    ("s.bind", "socket-bind"),
    ("os.chmod", "file-permission-change"),
    ("os.makedirs", "directory-creation"),
    ("os.mkdir", "directory-creation"),
    ("os.mkfifo", "directory-creation"),
    ("os.mknod", "directory-creation"),
    ("os.makedev", "directory-creation"),
    ("os.fork", "os-fork"),
    ("eval", "eval-exec-call"),
    ("input", "input-call"),
    ("pass", "try-except-pass"),
    ("continue", "try-except-continue"),
    ("exec", "eval-exec-call"),
    ("compile", "dynamic-code-execution"),
    ("__import__", "dynamic-import"),
    ("importlib.import_module", "dynamic-import"),
    (
        "importlib.util.spec_from_file_location",
        "dynamic-module-loading",
    ),
    ("importlib.util.module_from_spec", "dynamic-module-loading"),
    ("hashlib.md5", "weak-hash-hashlib"),
    ("hashlib.sha1", "weak-hash-hashlib"),
    ("ftplib.FTP", "ftp-cleartext"),
    ("logging.config", "logging-config-use"),
    ("pickle.loads", "pickle-loads"),
    ("pickle.load", "pickle-loads"),
    ("pickle.Unpickler", "pickle-loads"),
    ("os.system", "start-process-with-shell"),
    ("os.execl", "start-process-without-shell"),
    ("os.execle", "start-process-without-shell"),
    ("os.execlp", "start-process-without-shell"),
    ("os.execlpe", "start-process-without-shell"),
    ("os.execv", "start-process-without-shell"),
    ("os.execve", "start-process-without-shell"),
    ("os.execvp", "start-process-without-shell"),
    ("os.execvpe", "start-process-without-shell"),
    ("os.popen", "start-process-with-shell"),
    ("sys.call_tracing", "sys-tracing-hook"),
    ("sys.setprofile", "sys-tracing-hook"),
    ("sys.settrace", "sys-tracing-hook"),
    ("os.access", "os-access-check"),
    ("os.write", "os-low-level-io"),
    ("os.writev", "os-low-level-io"),
    ("os.forkpty", "os-fork"),
    ("os.read", "os-low-level-io"),
    ("tempfile.mktemp", "insecure-mktemp"),
    ("marshal.loads", "marshal-loads"),
    ("marshal.load", "marshal-loads"),
    ("subprocess.call", "subprocess-shell-true"),
    ("subprocess.check_call", "subprocess-shell-true"),
    ("subprocess.Popen", "subprocess-shell-true"),
    ("subprocess.run", "subprocess-shell-true"),
    ("subprocess.check_output", "subprocess-shell-true"),
    ("subprocess.getstatusoutput", "start-process-with-shell"),
    ("subprocess.getoutput", "start-process-with-shell"),
    ("tarfile.TarFile", "tarfile-unsafe-extraction"),
    ("base64.b64decode", "base64-use"),
    ("base64.z85decode", "base64-use"),
    ("base64.b85encode", "base64-use"),
    ("base64.b64encode", "base64-use"),
    ("xmlrpc.client", "xmlrpc-import"),
    ("xmlrpc.server.SimpleXMLRPCServer", "xmlrpc-import"),
    ("random.random", "pseudo-random-generator"),
    ("random.Random", "pseudo-random-generator"),
    ("random.randrange", "pseudo-random-generator"),
    ("random.randint", "pseudo-random-generator"),
    ("random.uniform", "pseudo-random-generator"),
    ("random.triangular", "pseudo-random-generator"),
    ("random.seed", "pseudo-random-seed"),
    ("random.randbytes", "pseudo-random-generator"),
    ("shelve.open", "shelve-open"),
    ("shelve.DbfilenameShelf", "shelve-open"),
    (
        "connection.recv",
        "multiprocessing-unauthenticated-connection",
    ),
    (
        "multiprocessing.connection.Connection",
        "multiprocessing-unauthenticated-connection",
    ),
    ("zipfile.ZipFile", "zipfile-unbounded-extraction"),
    ("compression.zstd.open", "compressed-file-open"),
    ("compression.zstd.decompress", "compressed-file-open"),
    ("gzip.open", "compressed-file-open"),
    ("bz2.open", "compressed-file-open"),
    ("bz2.BZ2File", "compressed-file-open"),
    ("lzma.open", "compressed-file-open"),
    ("lzma.LZMAFile", "compressed-file-open"),
    ("shutil.unpack_archive", "tarfile-unsafe-extraction"),
    ("shutil.copy", "shutil-file-operations"),
    ("shutil.copy2", "shutil-file-operations"),
    ("shutil.copytree", "shutil-file-operations"),
    ("shutil.chown", "shutil-file-operations"),
    ("shutil.rmtree", "shutil-file-operations"),
    ("http.server.BaseHTTPRequestHandler", "http-server-use"),
    ("http.server.HTTPServer", "http-server-use"),
];

/// Number of rows (constructs) in `design/codeaudit_checks.csv`.
const CSV_ROWS: usize = 89;

/// A small module using `construct` the way real code does, with inputs
/// that come from outside (function parameters), so that precise rules
/// have something to report.
fn snippet(construct: &str) -> String {
    let body = match construct {
        "assert" => return "def check(user):\n    assert user.is_admin\n".to_owned(),
        "pass" => {
            return "def close(handle):\n    try:\n        handle.close()\n    except Exception:\n        pass\n"
                .to_owned();
        }
        "continue" => {
            return "def close_all(handles):\n    for handle in handles:\n        try:\n            handle.close()\n        except Exception:\n            continue\n"
                .to_owned();
        }
        "s.bind" => {
            return "import socket\n\ndef serve(address):\n    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n    s.bind(address)\n    s.listen()\n    return s\n"
                .to_owned();
        }
        "logging.config" => {
            return "import logging.config\n\ndef configure(path):\n    logging.config.fileConfig(path)\n"
                .to_owned();
        }
        "xmlrpc.client" => {
            return "import xmlrpc.client\n\ndef connect(url):\n    return xmlrpc.client.ServerProxy(url)\n"
                .to_owned();
        }
        "connection.recv" => {
            return "from multiprocessing import connection\n\ndef fetch(address):\n    with connection.Client(address) as conn:\n        return conn.recv()\n"
                .to_owned();
        }
        "multiprocessing.connection.Connection" => {
            return "import multiprocessing.connection\n\ndef serve(address):\n    with multiprocessing.connection.Listener(address) as listener:\n        conn: multiprocessing.connection.Connection = listener.accept()\n        return conn.recv()\n"
                .to_owned();
        }
        "http.server.BaseHTTPRequestHandler" => {
            return "import http.server\n\nclass Handler(http.server.BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n        self.end_headers()\n"
                .to_owned();
        }
        "tarfile.TarFile" | "zipfile.ZipFile" => {
            format!("    {construct}(path).extractall(destination)\n")
        }
        "shutil.unpack_archive" => format!("    {construct}(path, destination)\n"),
        "compile" => format!("    return {construct}(data, path, \"exec\")\n"),
        "os.execl" | "os.execlp" => format!("    {construct}(path, path, data)\n"),
        "os.execle" | "os.execlpe" => format!("    {construct}(path, path, data, env)\n"),
        "os.execv" | "os.execvp" => format!("    {construct}(path, [path, data])\n"),
        "os.execve" | "os.execvpe" => format!("    {construct}(path, [path, data], env)\n"),
        "os.mknod" => format!("    {construct}(path, 0o600, os.makedev(1, 3))\n"),
        "os.write" | "os.writev" => format!("    return {construct}(fd, data)\n"),
        "os.read" => format!("    return {construct}(fd, 4096)\n"),
        "sys.call_tracing" => format!("    return {construct}(data, (path,))\n"),
        "shutil.copy" | "shutil.copy2" | "shutil.copytree" => {
            format!("    {construct}(path, destination)\n")
        }
        "shutil.chown" => format!("    {construct}(path, user=data)\n"),
        "os.chmod" => format!("    {construct}(path, mode)\n"),
        "os.access" => format!("    return {construct}(path, os.W_OK)\n"),
        "random.randrange" | "random.randint" | "random.uniform" | "random.triangular" => {
            format!("    return {construct}(0, 1_000_000)\n")
        }
        "random.random" => format!("    return {construct}()\n"),
        "subprocess.getoutput" | "subprocess.getstatusoutput" => {
            format!("    return {construct}(data)\n")
        }
        name if name.starts_with("subprocess.") => {
            format!("    return {construct}(data, shell=True)\n")
        }
        _ => format!("    return {construct}(data)\n"),
    };
    // `import` of the construct's module (none for builtins), then a
    // function whose parameters stand for outside input.
    let import = match construct.rsplit_once('.') {
        Some((module, _)) => format!("import {module}\n\n"),
        None => String::new(),
    };
    format!("{import}def handle(data, path, destination, fd, env, mode):\n{body}")
}

/// [`support::run`], after checking that the generated snippet parses.
fn run(rule: &str, source: &str) -> Vec<RuleMatch> {
    let options =
        ParseOptions::from(PySourceType::Python).with_target_version(PythonVersion::PY314);
    let parsed = parse_unchecked(source, options);
    assert!(
        parsed.errors().is_empty(),
        "snippet does not parse: {:?}\n{source}",
        parsed.errors()
    );
    support::run(rule, source)
}

#[test]
fn every_mapped_construct_is_reported_by_its_rule() {
    let registry = Registry::builtin().unwrap();
    let mut failures = Vec::new();
    for (construct, rule) in COVERAGE {
        assert!(
            registry.metas().iter().any(|meta| meta.name == *rule),
            "{construct}: rule {rule} is not registered"
        );
        let source = snippet(construct);
        let found = run(rule, &source);
        if !found.iter().any(|finding| finding.rule.name == *rule) {
            failures.push(format!(
                "{construct} → {rule}: nothing reported on\n{source}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_lists_every_construct_once() {
    let constructs: BTreeSet<&str> = COVERAGE.iter().map(|(construct, _)| *construct).collect();
    assert_eq!(
        constructs.len(),
        COVERAGE.len(),
        "a construct is listed twice"
    );
    assert_eq!(COVERAGE.len(), CSV_ROWS);
}

/// The shared folder, from `ANTIVENOM_SHARED`; panics (fails) when the
/// variable is unset or the CSV is missing, never skips.
fn codeaudit_csv() -> PathBuf {
    let shared =
        std::env::var_os("ANTIVENOM_SHARED").expect("set ANTIVENOM_SHARED to the shared/ folder");
    let csv = PathBuf::from(shared).join("design/codeaudit_checks.csv");
    assert!(csv.is_file(), "{} is missing", csv.display());
    csv
}

/// The records of a CSV text (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, other) => field.push(other),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, other) => field.push(other),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn the_table_covers_exactly_the_constructs_of_the_csv() {
    let text = std::fs::read_to_string(codeaudit_csv()).unwrap();
    let records = csv_records(&text);
    let (header, rows) = records.split_first().expect("empty CSV");
    let column = header
        .iter()
        .position(|name| name == "construct")
        .expect("no `construct` column");
    let in_csv: BTreeSet<&str> = rows
        .iter()
        .filter(|row| row.iter().any(|field| !field.trim().is_empty()))
        .map(|row| row.get(column).expect("short row").trim())
        .collect();
    let in_table: BTreeSet<&str> = COVERAGE.iter().map(|(construct, _)| *construct).collect();
    let unmapped: Vec<_> = in_csv.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&in_csv).collect();
    assert!(
        unmapped.is_empty(),
        "constructs without a rule: {unmapped:?}"
    );
    assert!(
        stale.is_empty(),
        "constructs no longer in the CSV: {stale:?}"
    );
    assert_eq!(rows.len(), CSV_ROWS, "the CSV changed size");
}
