//! The host of a literal URL and whether it is a public network host
//! (not loopback, private, reserved for documentation or tests).

/// The host of `url` when it starts with `scheme://` (case-insensitive):
/// the authority without user information and port, lower-cased. `None`
/// for another scheme or an empty or templated host.
pub(crate) fn url_host(url: &str, scheme: &str) -> Option<String> {
    let prefix = url.get(..scheme.len() + 3)?;
    if !prefix.eq_ignore_ascii_case(&format!("{scheme}://")) {
        return None;
    }
    let rest = url.get(scheme.len() + 3..)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(bracketed) = host_port.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    valid.then(|| host.to_ascii_lowercase())
}

/// `true` when `host` (lower-case, from [`url_host`]) names a machine on the
/// public internet: it has a dot (single-label names are intranet or
/// container names), and is neither loopback, private, link-local,
/// unspecified, nor a name reserved for examples and tests.
pub(crate) fn is_public_host(host: &str) -> bool {
    if host.contains(':') {
        // IPv6 literal: only global unicast (2000::/3) counts.
        return host.starts_with('2') || host.starts_with('3');
    }
    if !host.contains('.') {
        return false;
    }
    let octets: Vec<u8> = host
        .split('.')
        .filter_map(|part| part.parse().ok())
        .collect();
    if octets.len() == 4 && host.split('.').count() == 4 {
        return !matches!(
            octets.as_slice(),
            [0 | 10 | 127, ..]
                | [169, 254, ..]
                | [192, 168, ..]
                | [192, 0, 2, _]
                | [198, 51, 100, _]
                | [203, 0, 113, _]
                | [100, 64..=127, ..]
                | [172, 16..=31, ..]
                | [224..=255, ..]
        );
    }
    const RESERVED_SUFFIXES: &[&str] = &[
        ".localhost",
        ".local",
        ".test",
        ".example",
        ".invalid",
        ".internal",
        ".lan",
        ".home.arpa",
        ".example.com",
        ".example.org",
        ".example.net",
    ];
    const RESERVED: &[&str] = &["example.com", "example.org", "example.net"];
    !RESERVED.contains(&host)
        && !RESERVED_SUFFIXES
            .iter()
            .any(|suffix| host.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            url_host("http://user:pw@API.Corp.io:8080/x", "http").as_deref(),
            Some("api.corp.io")
        );
        assert_eq!(url_host("http://[::1]:80/", "http").as_deref(), Some("::1"));
        assert_eq!(url_host("https://a.io", "http"), None);
        assert_eq!(url_host("http://%s/", "http"), None);
        assert!(is_public_host("api.corp.io"));
        assert!(!is_public_host("localhost"));
        assert!(!is_public_host("127.0.0.1"));
        assert!(!is_public_host("::1"));
        assert!(!is_public_host("www.example.com"));
        assert!(!is_public_host("svc.test"));
        assert!(is_public_host("8.8.8.8"));
    }
}
