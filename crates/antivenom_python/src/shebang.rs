//! Recognising Python scripts without a `.py` extension by their `#!` line.

/// `true` when `first_line` is a shebang that runs a Python interpreter:
/// `#!/usr/bin/python`, `#!/usr/bin/env python3`, `#!/usr/bin/env -S python3 -u`,
/// `#!/opt/pypy/bin/pypy3`, `#!/usr/bin/python3.12`, `#!/usr/bin/env -S uv run --script`.
///
/// Only the bytes up to the first line break are looked at, so callers can
/// pass the first bytes of a file as they are.
#[must_use]
pub fn is_python_shebang(first_line: &[u8]) -> bool {
    let line_end = memchr::memchr2(b'\n', b'\r', first_line).unwrap_or(first_line.len());
    let Some(line) = first_line.get(..line_end) else {
        return false;
    };
    let Some(command) = line.strip_prefix(b"#!") else {
        return false;
    };
    let mut words = command
        .split(|byte| byte.is_ascii_whitespace())
        .filter(|word| !word.is_empty());
    let Some(interpreter) = words.next() else {
        return false;
    };
    let program = basename(interpreter);
    if program != b"env" {
        return is_python_program(program);
    }
    // `env [-S] [-u NAME] [NAME=value]... program [args]`
    let mut words = words.skip_while(|word| word.starts_with(b"-") || word.contains(&b'='));
    let Some(program) = words.next().map(basename) else {
        return false;
    };
    if program == b"uv" {
        // PEP 723 scripts: `#!/usr/bin/env -S uv run --script`.
        let rest: Vec<&[u8]> = words.collect();
        return rest.first() == Some(&&b"run"[..]) && rest.contains(&&b"--script"[..]);
    }
    is_python_program(program)
}

fn basename(path: &[u8]) -> &[u8] {
    match memchr::memrchr(b'/', path) {
        Some(slash) => path.get(slash + 1..).unwrap_or_default(),
        None => path,
    }
}

/// `python`, `python3`, `python3.12`, `python3.13t`, `pypy`, `pypy3.10`.
fn is_python_program(program: &[u8]) -> bool {
    let Some(version) = program
        .strip_prefix(b"python")
        .or_else(|| program.strip_prefix(b"pypy"))
    else {
        return false;
    };
    // Free-threaded builds add a `t` suffix (`python3.13t`).
    let version = version.strip_suffix(b"t").unwrap_or(version);
    version
        .iter()
        .all(|&byte| byte.is_ascii_digit() || byte == b'.')
}

#[cfg(test)]
mod tests {
    use super::is_python_shebang;

    #[test]
    fn python_interpreters() {
        for line in [
            "#!/usr/bin/env python3",
            "#!/usr/bin/python",
            "#!/usr/bin/env -S python3 -u",
            "#! /usr/local/bin/python3.12\n",
            "#!/usr/bin/env pypy3",
            "#!/opt/pypy/bin/pypy3.10 -O\r\nimport os",
            "#!python",
            "#!/usr/bin/env PYTHONPATH=. python3",
            "#!/usr/bin/python3.13t",
            "#!/usr/bin/env -S uv run --script",
        ] {
            assert!(is_python_shebang(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn other_interpreters() {
        for line in [
            "#!/bin/sh",
            "#!/usr/bin/env bash",
            "#!/usr/bin/env node",
            "# python",
            "#!/usr/bin/env",
            "#!/usr/bin/pythonista",
            "#!/bin/sh\n# python",
            "#!/usr/bin/env uv pip install",
            "",
        ] {
            assert!(!is_python_shebang(line.as_bytes()), "{line}");
        }
    }
}
