//! Reading advisory records from disk: a directory tree of OSV `.json`/`.yaml`/`.yml` files, an
//! OSV zip archive (`all.zip`), or a single record file.
//!
//! Problems with individual files or records are collected as warnings; only a path that cannot
//! be read at all is an error.

use std::fs::{self, File};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{DbError, LoadWarning};
use crate::model::Advisory;
use crate::parse::ParseError;

/// Largest record file or zip entry read (uncompressed). OSV records are a few KB; this guards
/// against zip bombs and stray huge files.
const MAX_RECORD_BYTES: u64 = 32 * 1024 * 1024;

/// Records read from a path, each with the place it came from.
#[derive(Default)]
pub(crate) struct Loaded {
    pub(crate) records: Vec<(Advisory, String)>,
    pub(crate) warnings: Vec<LoadWarning>,
    /// Files or entries that could not be read or parsed.
    pub(crate) malformed: usize,
}

#[derive(Clone, Copy)]
enum Format {
    Json,
    Yaml,
}

fn format_of(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") {
        Some(Format::Json)
    } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        Some(Format::Yaml)
    } else {
        None
    }
}

/// Loads every record under `path`.
pub(crate) fn load_path(path: &Path) -> Result<Loaded, DbError> {
    let metadata = fs::metadata(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            DbError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            DbError::Unreadable {
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    let mut loaded = Loaded::default();
    if metadata.is_dir() {
        load_directory(path, &mut loaded)?;
    } else if is_zip(path)? {
        load_zip(path, &mut loaded)?;
    } else if let Some(format) = path.to_str().and_then(format_of) {
        let text = read_capped(path).map_err(|source| DbError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
        loaded.add_text(&text, format, &path.display().to_string());
    } else {
        return Err(DbError::Unsupported {
            path: path.to_path_buf(),
        });
    }
    Ok(loaded)
}

/// A file is a zip if it is named `*.zip` or starts with the local-file-header signature.
fn is_zip(path: &Path) -> Result<bool, DbError> {
    if path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("zip"))
    {
        return Ok(true);
    }
    let mut magic = [0u8; 4];
    let read = File::open(path)
        .and_then(|mut file| file.read(&mut magic))
        .map_err(|source| DbError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(read == 4 && magic == *b"PK\x03\x04")
}

fn load_directory(root: &Path, loaded: &mut Loaded) -> Result<(), DbError> {
    // The root itself must be listable; problems below it are warnings.
    let top = list_directory(root).map_err(|source| DbError::Unreadable {
        path: root.to_path_buf(),
        source,
    })?;
    let mut pending: Vec<Vec<PathBuf>> = vec![top];
    while let Some(entries) = pending.pop() {
        for entry in entries {
            let hidden = entry
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            // `symlink_metadata` does not follow links: symlinked directories are not entered
            // (no cycles), symlinked files are read.
            let Ok(link_meta) = fs::symlink_metadata(&entry) else {
                continue;
            };
            if link_meta.is_dir() {
                if hidden {
                    continue;
                }
                match list_directory(&entry) {
                    Ok(children) => pending.push(children),
                    Err(error) => loaded.warn(&entry.display().to_string(), error.to_string()),
                }
                continue;
            }
            let Some(format) = entry.to_str().and_then(format_of) else {
                continue;
            };
            if link_meta.file_type().is_symlink() && !entry.is_file() {
                continue;
            }
            let source = entry.display().to_string();
            match read_capped(&entry) {
                Ok(text) => loaded.add_text(&text, format, &source),
                Err(error) => {
                    loaded.malformed += 1;
                    loaded.warn(&source, format!("cannot read: {error}"));
                }
            }
        }
    }
    Ok(())
}

/// The entries of a directory, sorted by path so that loading order and warnings are
/// deterministic.
fn list_directory(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect::<Vec<_>>();
    entries.sort();
    Ok(entries)
}

/// Reads a UTF-8 text file of at most [`MAX_RECORD_BYTES`].
fn read_capped(path: &Path) -> std::io::Result<String> {
    let file = File::open(path)?;
    read_text(file)
}

fn read_text(reader: impl Read) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    reader.take(MAX_RECORD_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {MAX_RECORD_BYTES} bytes"
        )));
    }
    String::from_utf8(bytes).map_err(|_| std::io::Error::other("not valid UTF-8"))
}

fn load_zip(path: &Path, loaded: &mut Loaded) -> Result<(), DbError> {
    let file = File::open(path).map_err(|source| DbError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let mut archive =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|error| DbError::InvalidZip {
            path: path.to_path_buf(),
            message: error.to_string(),
        })?;
    let archive_name = path.display().to_string();
    for index in 0..archive.len() {
        let entry = match archive.by_index(index) {
            Ok(entry) => entry,
            Err(error) => {
                loaded.malformed += 1;
                loaded.warn(
                    &format!("{archive_name}!#{index}"),
                    format!("cannot read zip entry: {error}"),
                );
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(error) => {
                loaded.malformed += 1;
                loaded.warn(
                    &format!("{archive_name}!#{index}"),
                    format!("bad entry name: {error}"),
                );
                continue;
            }
        };
        let Some(format) = format_of(&name) else {
            continue;
        };
        let source = format!("{archive_name}!{name}");
        match read_text(entry) {
            Ok(text) => loaded.add_text(&text, format, &source),
            Err(error) => {
                loaded.malformed += 1;
                loaded.warn(&source, format!("cannot read: {error}"));
            }
        }
    }
    Ok(())
}

impl Loaded {
    fn warn(&mut self, source: &str, message: String) {
        self.warnings.push(LoadWarning {
            source: source.to_owned(),
            message,
        });
    }

    /// Parses one file's text: a record, or (JSON only) an array of records.
    fn add_text(&mut self, text: &str, format: Format, source: &str) {
        let parsed: Result<Vec<Result<Advisory, ParseError>>, ParseError> = match format {
            Format::Yaml => Advisory::from_yaml_str(text).map(|a| vec![Ok(a)]),
            Format::Json => match serde_json::from_str::<Value>(text) {
                Ok(Value::Array(items)) => {
                    Ok(items.into_iter().map(Advisory::from_json_value).collect())
                }
                Ok(value) => Ok(vec![Advisory::from_json_value(value)]),
                Err(error) => Err(ParseError::Json(error)),
            },
        };
        match parsed {
            Ok(records) => {
                for record in records {
                    match record {
                        Ok(advisory) => self.records.push((advisory, source.to_owned())),
                        Err(error) => {
                            self.malformed += 1;
                            self.warn(source, format!("malformed record skipped: {error}"));
                        }
                    }
                }
            }
            Err(error) => {
                self.malformed += 1;
                self.warn(source, format!("malformed record skipped: {error}"));
            }
        }
    }
}
