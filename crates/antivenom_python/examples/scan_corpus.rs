//! Temporary: runs decode + nesting check + parse over files listed on stdin.
#![allow(missing_docs, clippy::unwrap_used)]
use antivenom_python::{Decoded, check_nesting, decode_source, parse_module};
use std::io::BufRead;
fn main() {
    let (mut n, mut refused, mut dec_err, mut syn, mut bytes) = (0, 0, 0, 0, 0usize);
    let t = std::time::Instant::now();
    let mut check_time = std::time::Duration::ZERO;
    for line in std::io::stdin().lock().lines() {
        let path = line.unwrap();
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        bytes += data.len();
        n += 1;
        match decode_source(&data) {
            Ok(Decoded::Text(text)) => {
                let c = std::time::Instant::now();
                let problem = check_nesting(&text.text);
                check_time += c.elapsed();
                if let Some(p) = problem {
                    refused += 1;
                    println!("REFUSED {path}: {p:?}");
                    continue;
                }
                let parsed = parse_module(&text.text, path.ends_with(".pyi"));
                if !parsed.syntax_errors().is_empty() {
                    syn += 1;
                }
            }
            Ok(Decoded::Binary { .. }) => {}
            Err(e) => {
                dec_err += 1;
                println!("DECODE {path}: {e}");
            }
        }
    }
    println!(
        "{n} files, {bytes} bytes, refused {refused}, decode errors {dec_err}, with syntax errors {syn}, total {:?}, nesting check {:?}",
        t.elapsed(),
        check_time
    );
}
