//! The `requests` API, shared by the HTTP client rules.

/// Module-level request functions of `requests` (also under `requests.api`)
/// and the request methods of a `requests.Session`.
pub(crate) const REQUESTS_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

/// Callables that build a `requests.Session`.
pub(crate) const REQUESTS_SESSIONS: &[&str] = &[
    "requests.Session",
    "requests.session",
    "requests.sessions.Session",
    "requests.sessions.session",
];

/// `true` for `requests.get`, `requests.api.post`, … .
pub(crate) fn is_requests_function(qualified_name: &str) -> bool {
    qualified_name
        .strip_prefix("requests.api.")
        .or_else(|| qualified_name.strip_prefix("requests."))
        .is_some_and(|rest| REQUESTS_METHODS.contains(&rest))
}
