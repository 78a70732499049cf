//! The APIs the call inventory looks for, by resolved name.
//!
//! Functions are named as [`antivenom_semantic::FileSemantic::qualified_name`]
//! resolves them (`requests.get`, `open`). Methods are named after the class
//! (or factory) that built their receiver, normalised by [`canonical_class`]:
//! `requests.Session.get` for `s = requests.Session(); s.get(url)`.

/// Which inventory a call belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Opens a connection or sends a request.
    Network,
    /// Starts a process or runs a shell command.
    Process,
    /// Writes, moves or deletes a file.
    Write,
}

/// Where the interesting argument (URL, host, command, path) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgSpec {
    /// Its keyword name.
    pub keyword: &'static str,
    /// Its position.
    pub position: usize,
}

const fn arg(keyword: &'static str, position: usize) -> Option<ArgSpec> {
    Some(ArgSpec { keyword, position })
}

/// HTTP verbs that are methods of client sessions and functions of client modules.
const HTTP_VERBS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options"];

/// The class a receiver's constructor (or factory function) stands for.
#[must_use]
pub fn canonical_class(constructor: &str) -> &str {
    match constructor {
        "requests.session" | "requests.sessions.Session" | "requests.sessions.session" => {
            "requests.Session"
        }
        "aiohttp.client.ClientSession" => "aiohttp.ClientSession",
        "urllib3.poolmanager.PoolManager" | "urllib3.ProxyManager" | "urllib3.proxy_from_url" => {
            "urllib3.PoolManager"
        }
        "paramiko.client.SSHClient" => "paramiko.SSHClient",
        "pathlib.PosixPath" | "pathlib.WindowsPath" | "pathlib.PurePath" => "pathlib.Path",
        "httplib.HTTPConnection" => "http.client.HTTPConnection",
        "httplib.HTTPSConnection" => "http.client.HTTPSConnection",
        other => other,
    }
}

/// The category of `api` and where its target argument is; `None` when the
/// call is not inventoried.
#[must_use]
pub fn classify(api: &str) -> Option<(Category, Option<ArgSpec>)> {
    network(api)
        .map(|spec| (Category::Network, spec))
        .or_else(|| process(api).map(|spec| (Category::Process, spec)))
        .or_else(|| write(api).map(|spec| (Category::Write, spec)))
}

/// Splits `module.function` at the last dot.
fn split(api: &str) -> (&str, &str) {
    api.rsplit_once('.').unwrap_or(("", api))
}

fn network(api: &str) -> Option<Option<ArgSpec>> {
    let (owner, name) = split(api);
    let url0 = arg("url", 0);
    let url1 = arg("url", 1);
    let host0 = arg("host", 0);
    match owner {
        "requests" | "requests.api" | "requests.Session" => match name {
            "request" => return Some(url1),
            "send" if owner == "requests.Session" => return Some(None),
            verb if HTTP_VERBS.contains(&verb) => return Some(url0),
            _ => {}
        },
        "httpx" | "httpx.Client" | "httpx.AsyncClient" => match name {
            "request" | "stream" => return Some(url1),
            "send" if owner != "httpx" => return Some(None),
            verb if HTTP_VERBS.contains(&verb) => return Some(url0),
            _ => {}
        },
        "aiohttp.ClientSession" => match name {
            "request" => return Some(url1),
            "ws_connect" => return Some(url0),
            verb if HTTP_VERBS.contains(&verb) => return Some(url0),
            _ => {}
        },
        "urllib3.PoolManager" | "urllib3.HTTPConnectionPool" | "urllib3.HTTPSConnectionPool" => {
            if matches!(
                name,
                "request" | "urlopen" | "request_encode_url" | "request_encode_body"
            ) {
                // Pools take a path here; the host is the pool's.
                return Some(url1);
            }
        }
        "socket.socket" => match name {
            "connect" | "connect_ex" => return Some(arg("address", 0)),
            "sendto" => return Some(arg("address", 1)),
            _ => {}
        },
        "paramiko.SSHClient" if name == "connect" => return Some(arg("hostname", 0)),
        "smtplib.SMTP" | "smtplib.SMTP_SSL" | "ftplib.FTP" | "ftplib.FTP_TLS"
            if name == "connect" =>
        {
            return Some(host0);
        }
        _ => {}
    }
    Some(match api {
        "aiohttp.request" | "urllib3.request" => url1,
        "urllib.request.urlopen"
        | "urllib.request.urlretrieve"
        | "urllib.urlopen"
        | "urllib.urlretrieve"
        | "urllib2.urlopen"
        | "urllib3.connection_from_url"
        | "websocket.create_connection" => url0,
        "http.client.HTTPConnection"
        | "http.client.HTTPSConnection"
        | "httplib.HTTPConnection"
        | "httplib.HTTPSConnection"
        | "urllib3.HTTPConnectionPool"
        | "urllib3.HTTPSConnectionPool"
        | "smtplib.SMTP"
        | "smtplib.SMTP_SSL"
        | "smtplib.LMTP"
        | "ftplib.FTP"
        | "ftplib.FTP_TLS"
        | "telnetlib.Telnet"
        | "poplib.POP3"
        | "poplib.POP3_SSL"
        | "imaplib.IMAP4"
        | "imaplib.IMAP4_SSL"
        | "nntplib.NNTP"
        | "asyncio.open_connection" => host0,
        "socket.create_connection" => arg("address", 0),
        "ssl.get_server_certificate" => arg("addr", 0),
        "xmlrpc.client.ServerProxy" | "xmlrpclib.ServerProxy" => arg("uri", 0),
        "websockets.connect" | "websockets.client.connect" => arg("uri", 0),
        "paramiko.Transport" | "paramiko.transport.Transport" => arg("sock", 0),
        _ => return None,
    })
}

fn process(api: &str) -> Option<Option<ArgSpec>> {
    let (owner, name) = split(api);
    Some(match (owner, name) {
        ("subprocess", "run" | "call" | "check_call" | "check_output" | "Popen") => arg("args", 0),
        ("subprocess", "getoutput" | "getstatusoutput") | ("commands", _) => arg("cmd", 0),
        ("os", "system") => arg("command", 0),
        ("os", "popen" | "popen2" | "popen3" | "popen4") | ("popen2", _) => arg("cmd", 0),
        ("os", exec) if exec.starts_with("exec") => arg("path", 0),
        ("os", spawn) if spawn.starts_with("spawn") => arg("path", 1),
        ("os", "posix_spawn" | "posix_spawnp" | "startfile") => arg("path", 0),
        ("pty", "spawn") => arg("argv", 0),
        ("asyncio", "create_subprocess_exec") => arg("program", 0),
        ("asyncio", "create_subprocess_shell") => arg("cmd", 0),
        _ => return None,
    })
}

fn write(api: &str) -> Option<Option<ArgSpec>> {
    Some(match api {
        // `open` itself is decided by its mode, see `open_mode`.
        "open" | "io.open" | "codecs.open" => arg("file", 0),
        "pathlib.Path.open" | "Path.write_text" | "Path.write_bytes" => None,
        "shutil.copy" | "shutil.copy2" | "shutil.copyfile" | "shutil.copytree" | "shutil.move"
        | "os.rename" | "os.renames" | "os.replace" => arg("dst", 1),
        "shutil.rmtree" | "os.remove" | "os.unlink" | "os.rmdir" | "os.removedirs"
        | "os.truncate" => arg("path", 0),
        _ => return None,
    })
}

/// Where the mode of an `open`-like call is: `open(file, mode)`, or
/// `Path.open(mode)`.
#[must_use]
pub fn open_mode_arg(api: &str) -> Option<ArgSpec> {
    match api {
        "open" | "io.open" | "codecs.open" => arg("mode", 1),
        "pathlib.Path.open" => arg("mode", 0),
        _ => None,
    }
}

/// `true` when an `open` mode writes: it contains `w`, `a`, `x` or `+`.
#[must_use]
pub fn mode_writes(mode: &str) -> bool {
    mode.contains(['w', 'a', 'x', '+'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_known_apis() {
        assert_eq!(
            classify("requests.get"),
            Some((Category::Network, arg("url", 0)))
        );
        assert_eq!(
            classify("requests.Session.request"),
            Some((Category::Network, arg("url", 1)))
        );
        assert_eq!(
            classify("smtplib.SMTP"),
            Some((Category::Network, arg("host", 0)))
        );
        assert_eq!(
            classify("subprocess.run"),
            Some((Category::Process, arg("args", 0)))
        );
        assert_eq!(
            classify("os.execvp"),
            Some((Category::Process, arg("path", 0)))
        );
        assert_eq!(
            classify("os.spawnl"),
            Some((Category::Process, arg("path", 1)))
        );
        assert_eq!(
            classify("shutil.move"),
            Some((Category::Write, arg("dst", 1)))
        );
        assert_eq!(classify("requests.Session"), None);
        assert_eq!(classify("os.path.join"), None);
        assert_eq!(classify("requests.exceptions"), None);
    }

    #[test]
    fn modes() {
        for mode in ["w", "wb", "a", "x", "r+", "rb+"] {
            assert!(mode_writes(mode), "{mode}");
        }
        for mode in ["r", "rb", "rt", ""] {
            assert!(!mode_writes(mode), "{mode}");
        }
    }
}
