//! The inventory of network, process-start and file-write call sites.
//!
//! A call is recognised by what its callee resolves to (see [`crate::apis`]):
//! `from requests import get as fetch; fetch(url)` is `requests.get`. A
//! method call is recognised when its receiver is built right there
//! (`requests.Session().get(url)`) or is a name bound by an assignment or a
//! `with ... as` item to such a construction (`async with
//! aiohttp.ClientSession() as session: session.get(url)`). Receivers stored
//! elsewhere (`self.session`) are not followed. `.write_text` and
//! `.write_bytes` are recognised on any receiver, as `Path.write_text`.
//!
//! The target (URL, host, command, path) is reported when the argument folds
//! to a constant string; for an address tuple (`("host", 80)`), its host; for
//! a `urllib.request.Request(url)` argument, its URL; for a command list, the
//! constant words joined by spaces (`…` standing for the first word that is
//! not constant).

use crate::apis::{ArgSpec, Category, canonical_class, classify, mode_writes, open_mode_arg};
use crate::model::{FileWrite, NetworkCall, ProcessCall};
use antivenom_python::LineIndex;
use antivenom_python::Ranged;
use antivenom_python::ast::visitor::{self, Visitor};
use antivenom_python::ast::{self as ast, Expr, Stmt};
use antivenom_semantic::FileSemantic;
use ruff_python_semantic::BindingKind;

/// The call sites of one file, each list in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallInventory {
    /// Outbound network calls.
    pub network: Vec<NetworkCall>,
    /// Process starts.
    pub process: Vec<ProcessCall>,
    /// File writes.
    pub writes: Vec<FileWrite>,
}

/// Inventories the calls in `suite`, bound as `semantic`.
#[must_use]
pub fn inventory_calls(
    suite: &[Stmt],
    semantic: &FileSemantic<'_>,
    index: &LineIndex,
) -> CallInventory {
    let mut collector = CallCollector {
        semantic,
        index,
        inventory: CallInventory::default(),
    };
    collector.visit_body(suite);
    let inventory = &mut collector.inventory;
    inventory
        .network
        .sort_by_key(|call| (call.line, call.column));
    inventory
        .process
        .sort_by_key(|call| (call.line, call.column));
    inventory
        .writes
        .sort_by_key(|call| (call.line, call.column));
    collector.inventory
}

struct CallCollector<'s, 'a> {
    semantic: &'s FileSemantic<'a>,
    index: &'s LineIndex,
    inventory: CallInventory,
}

impl<'a> Visitor<'a> for CallCollector<'_, 'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            self.call(call);
        }
        visitor::walk_expr(self, expr);
    }
}

impl<'a> CallCollector<'_, 'a> {
    fn call(&mut self, call: &'a ast::ExprCall) {
        let Some((api, receiver)) = self.api_of(call) else {
            return;
        };
        let Some((category, spec)) = classify(&api) else {
            return;
        };
        let (line, column) = self.index.line_column(call.range().start());
        match category {
            Category::Network => {
                let target = spec
                    .and_then(|spec| argument(call, spec))
                    .and_then(|value| self.host_or_url(value));
                self.inventory.network.push(NetworkCall {
                    line,
                    column,
                    api,
                    target,
                });
            }
            Category::Process => {
                let command = spec
                    .and_then(|spec| argument(call, spec))
                    .and_then(|value| self.command(value));
                self.inventory.process.push(ProcessCall {
                    line,
                    column,
                    api,
                    command,
                });
            }
            Category::Write => {
                let mode_value = open_mode_arg(&api).map(|spec| argument(call, spec));
                let mode = match mode_value {
                    // Not an `open`: always a write.
                    None => None,
                    // `open(path)` reads.
                    Some(None) => return,
                    Some(Some(value)) => match self.semantic.constant_str(value) {
                        Some(mode) if !mode_writes(&mode) => return,
                        // A mode that is not constant may write: keep it.
                        mode => mode,
                    },
                };
                let path = match spec {
                    Some(spec) => argument(call, spec),
                    // A method: the path is the receiver's first argument.
                    None => receiver.and_then(|receiver| receiver.arguments.find_positional(0)),
                }
                .and_then(|value| self.semantic.constant_str(value));
                self.inventory.writes.push(FileWrite {
                    line,
                    column,
                    api,
                    path,
                    mode,
                });
            }
        }
    }

    /// The name of what `call` calls, and for a method the construction of
    /// its receiver when it is known.
    fn api_of(&self, call: &'a ast::ExprCall) -> Option<(String, Option<&'a ast::ExprCall>)> {
        if let Some(name) = self.semantic.qualified_name(&call.func) {
            return Some((name, None));
        }
        let Expr::Attribute(attribute) = &*call.func else {
            return None;
        };
        let method = attribute.attr.as_str();
        let construction = self.construction(&attribute.value);
        // Unambiguous method names, whatever built the receiver.
        if matches!(method, "write_text" | "write_bytes") {
            return Some((format!("Path.{method}"), construction));
        }
        let construction = construction?;
        let class = self.semantic.qualified_name(&construction.func)?;
        Some((
            format!("{}.{method}", canonical_class(&class)),
            Some(construction),
        ))
    }

    /// The call that built `receiver`: the receiver itself (`Cls()`,
    /// `await Cls()`), or the value a plain name was bound to by an
    /// assignment or a `with ... as name` item.
    fn construction(&self, receiver: &'a Expr) -> Option<&'a ast::ExprCall> {
        let value = match receiver {
            Expr::Name(name) => self.bound_value(name)?,
            other => other,
        };
        let value = match value {
            Expr::Await(awaited) => &*awaited.value,
            other => other,
        };
        match value {
            Expr::Call(call) => Some(call),
            _ => None,
        }
    }

    /// The expression a name was bound to at this use, by `name = value`,
    /// `name: T = value` or `with value as name`.
    fn bound_value(&self, name: &ast::ExprName) -> Option<&'a Expr> {
        let model = self.semantic.model();
        let binding = model.binding(model.resolve_name(name)?);
        if !matches!(
            binding.kind,
            BindingKind::Assignment | BindingKind::WithItemVar
        ) {
            return None;
        }
        let binds_here =
            |target: &Expr| matches!(target, Expr::Name(target) if target.range == binding.range);
        match binding.statement(model)? {
            Stmt::Assign(assign) if assign.targets.iter().any(binds_here) => Some(&*assign.value),
            Stmt::AnnAssign(assign) if binds_here(&assign.target) => assign.value.as_deref(),
            Stmt::With(with) => with
                .items
                .iter()
                .find(|item| item.optional_vars.as_deref().is_some_and(binds_here))
                .map(|item| &item.context_expr),
            _ => None,
        }
    }

    /// A constant URL or host: a string, the host of an address tuple, or
    /// the URL of a `urllib.request.Request(...)`.
    fn host_or_url(&self, value: &Expr) -> Option<String> {
        match value {
            Expr::Tuple(tuple) => self.semantic.constant_str(tuple.elts.first()?),
            Expr::Call(call)
                if self
                    .semantic
                    .qualified_name(&call.func)
                    .is_some_and(|name| {
                        matches!(name.as_str(), "urllib.request.Request" | "urllib2.Request")
                    }) =>
            {
                self.semantic
                    .constant_str(call.arguments.find_argument_value("url", 0)?)
            }
            other => self.semantic.constant_str(other),
        }
    }

    /// A constant command: a string, or a list or tuple of words.
    fn command(&self, value: &Expr) -> Option<String> {
        let words = match value {
            Expr::List(list) => &list.elts,
            Expr::Tuple(tuple) => &tuple.elts,
            other => return self.semantic.constant_str(other),
        };
        let mut command: Vec<String> = Vec::new();
        for word in words {
            match self.semantic.constant_str(word) {
                Some(word) => command.push(word),
                None => {
                    command.push("…".to_owned());
                    break;
                }
            }
        }
        if command.first().is_none_or(|first| first == "…") {
            return None;
        }
        Some(command.join(" "))
    }
}

/// The argument `spec` names, by keyword or position.
fn argument(call: &ast::ExprCall, spec: ArgSpec) -> Option<&Expr> {
    call.arguments
        .find_argument_value(spec.keyword, spec.position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use antivenom_python::parse_module;
    use std::path::Path;

    fn inventory(text: &str) -> CallInventory {
        let parsed = parse_module(text, false);
        assert!(
            parsed.syntax_errors().is_empty(),
            "{:?}",
            parsed.syntax_errors()
        );
        let index = LineIndex::new(text);
        let semantic = FileSemantic::build(
            parsed.suite(),
            antivenom_semantic::ModuleInfo {
                path: Path::new("app.py"),
                module_path: None,
                is_package: false,
                is_stub: false,
            },
        );
        inventory_calls(parsed.suite(), &semantic, &index)
    }

    fn network(text: &str) -> Vec<(usize, String, Option<String>)> {
        inventory(text)
            .network
            .into_iter()
            .map(|call| (call.line, call.api, call.target))
            .collect()
    }

    #[test]
    fn network_calls_with_constant_targets() {
        let text = "\
import requests, socket, smtplib
from urllib.request import urlopen, Request
from httpx import post as send
BASE = 'https://api.example.com'
requests.get(BASE + '/v1/items', timeout=5)
send(url=f'{BASE}/upload')
urlopen(Request('http://example.org/feed'))
socket.create_connection(('db.internal', 5432))
smtplib.SMTP('mail.example.com')
requests.get(user_supplied)
";
        assert_eq!(
            network(text),
            [
                (
                    5,
                    "requests.get".into(),
                    Some("https://api.example.com/v1/items".into())
                ),
                (
                    6,
                    "httpx.post".into(),
                    Some("https://api.example.com/upload".into())
                ),
                (
                    7,
                    "urllib.request.urlopen".into(),
                    Some("http://example.org/feed".into())
                ),
                (
                    8,
                    "socket.create_connection".into(),
                    Some("db.internal".into())
                ),
                (9, "smtplib.SMTP".into(), Some("mail.example.com".into())),
                (10, "requests.get".into(), None),
            ]
        );
    }

    #[test]
    fn methods_of_constructed_clients() {
        let text = "\
import requests, aiohttp, socket, paramiko
session = requests.Session()
session.post('https://example.com/login')
requests.Session().request('GET', 'https://example.com/a')
async def fetch():
    async with aiohttp.ClientSession() as client:
        await client.get('https://example.com/b')
sock = socket.socket()
sock.connect(('10.0.0.1', 22))
ssh = paramiko.SSHClient()
ssh.connect('bastion')
other.get('https://not-a-client.example.com')
";
        assert_eq!(
            network(text),
            [
                (
                    3,
                    "requests.Session.post".into(),
                    Some("https://example.com/login".into())
                ),
                (
                    4,
                    "requests.Session.request".into(),
                    Some("https://example.com/a".into())
                ),
                (
                    7,
                    "aiohttp.ClientSession.get".into(),
                    Some("https://example.com/b".into())
                ),
                (9, "socket.socket.connect".into(), Some("10.0.0.1".into())),
                (
                    11,
                    "paramiko.SSHClient.connect".into(),
                    Some("bastion".into())
                ),
            ]
        );
    }

    #[test]
    fn process_starts() {
        let text = "\
import os, subprocess
from subprocess import run
run(['git', 'status', '--short'])
subprocess.Popen(['ls', path])
os.system('make clean')
subprocess.check_output(command, shell=True)
os.execvp('python', ['python'])
";
        let calls: Vec<(usize, String, Option<String>)> = inventory(text)
            .process
            .into_iter()
            .map(|call| (call.line, call.api, call.command))
            .collect();
        assert_eq!(
            calls,
            [
                (
                    3,
                    "subprocess.run".into(),
                    Some("git status --short".into())
                ),
                (4, "subprocess.Popen".into(), Some("ls …".into())),
                (5, "os.system".into(), Some("make clean".into())),
                (6, "subprocess.check_output".into(), None),
                (7, "os.execvp".into(), Some("python".into())),
            ]
        );
    }

    #[test]
    fn file_writes() {
        let text = "\
import os, shutil
from pathlib import Path
open('in.txt')
open('in.txt', 'rb')
open('out.txt', 'w')
open('log.txt', mode='a')
open(name, mode)
Path('report.json').write_text(data)
p = Path('data.bin')
p.open('wb')
shutil.copy('a', 'b')
os.remove('stale.pid')
";
        let writes: Vec<(usize, String, Option<String>, Option<String>)> = inventory(text)
            .writes
            .into_iter()
            .map(|call| (call.line, call.api, call.path, call.mode))
            .collect();
        assert_eq!(
            writes,
            [
                (5, "open".into(), Some("out.txt".into()), Some("w".into())),
                (6, "open".into(), Some("log.txt".into()), Some("a".into())),
                (7, "open".into(), None, None),
                (
                    8,
                    "Path.write_text".into(),
                    Some("report.json".into()),
                    None
                ),
                (
                    10,
                    "pathlib.Path.open".into(),
                    Some("data.bin".into()),
                    Some("wb".into())
                ),
                (11, "shutil.copy".into(), Some("b".into()), None),
                (12, "os.remove".into(), Some("stale.pid".into()), None),
            ]
        );
    }
}
