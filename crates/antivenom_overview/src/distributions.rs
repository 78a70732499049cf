//! Which PyPI distribution provides an import name.
//!
//! Most distributions install a module of their own name (`requests`), so
//! only the names that differ are listed. Namespace packages whose
//! sub-packages come from separate distributions (`google.protobuf`) are
//! listed with their dotted name and matched by the longest prefix.

/// Import name → distribution name, for the names that differ. Dotted keys
/// are sub-packages of namespace packages.
const DISTRIBUTIONS: &[(&str, &str)] = &[
    ("Crypto", "pycryptodome"),
    ("Cryptodome", "pycryptodomex"),
    ("MySQLdb", "mysqlclient"),
    ("OpenSSL", "pyOpenSSL"),
    ("PIL", "Pillow"),
    ("attr", "attrs"),
    ("bs4", "beautifulsoup4"),
    ("cv2", "opencv-python"),
    ("dateutil", "python-dateutil"),
    ("dns", "dnspython"),
    ("docx", "python-docx"),
    ("dotenv", "python-dotenv"),
    ("fitz", "PyMuPDF"),
    ("git", "GitPython"),
    ("github", "PyGithub"),
    ("gi", "PyGObject"),
    ("google.cloud", "google-cloud"),
    ("google.protobuf", "protobuf"),
    ("googleapiclient", "google-api-python-client"),
    ("jose", "python-jose"),
    ("jwt", "PyJWT"),
    ("ldap", "python-ldap"),
    ("magic", "python-magic"),
    ("memcache", "python-memcached"),
    ("multipart", "python-multipart"),
    ("nacl", "PyNaCl"),
    ("pkg_resources", "setuptools"),
    ("psycopg2", "psycopg2-binary"),
    ("pptx", "python-pptx"),
    ("serial", "pyserial"),
    ("skimage", "scikit-image"),
    ("sklearn", "scikit-learn"),
    ("slugify", "python-slugify"),
    ("telegram", "python-telegram-bot"),
    ("usb", "pyusb"),
    ("win32api", "pywin32"),
    ("win32con", "pywin32"),
    ("yaml", "PyYAML"),
    ("zmq", "pyzmq"),
];

/// The distribution of a known mapping, by exact import name.
fn lookup(name: &str) -> Option<&'static str> {
    DISTRIBUTIONS
        .iter()
        .find(|(module, _)| *module == name)
        .map(|(_, distribution)| *distribution)
}

/// For a dotted imported name (`google.protobuf.message`, `yaml`), the
/// module name to report (`google.protobuf`, `yaml`) and the distribution
/// that most likely provides it (`protobuf`, `PyYAML`).
#[must_use]
pub fn distribution_of(dotted: &str) -> (String, String) {
    // Longest dotted prefix with a mapping of its own.
    let mut prefix_end = dotted.len();
    loop {
        let prefix = dotted.get(..prefix_end).unwrap_or(dotted);
        if prefix.contains('.')
            && let Some(distribution) = lookup(prefix)
        {
            return (prefix.to_owned(), distribution.to_owned());
        }
        match prefix.rfind('.') {
            Some(dot) => prefix_end = dot,
            None => break,
        }
    }
    let top = dotted.split('.').next().unwrap_or(dotted);
    let distribution = lookup(top).unwrap_or(top);
    (top.to_owned(), distribution.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(dotted: &str) -> (String, String) {
        distribution_of(dotted)
    }

    #[test]
    fn names_that_differ_map_to_their_distribution() {
        assert_eq!(pair("yaml"), ("yaml".into(), "PyYAML".into()));
        assert_eq!(pair("cv2"), ("cv2".into(), "opencv-python".into()));
        assert_eq!(pair("PIL.Image"), ("PIL".into(), "Pillow".into()));
        assert_eq!(
            pair("sklearn.model_selection"),
            ("sklearn".into(), "scikit-learn".into())
        );
        assert_eq!(
            pair("Crypto.Cipher.AES"),
            ("Crypto".into(), "pycryptodome".into())
        );
        assert_eq!(
            pair("dateutil.parser"),
            ("dateutil".into(), "python-dateutil".into())
        );
    }

    #[test]
    fn same_name_distributions_pass_through() {
        assert_eq!(pair("requests"), ("requests".into(), "requests".into()));
        assert_eq!(pair("numpy.linalg"), ("numpy".into(), "numpy".into()));
    }

    #[test]
    fn namespace_packages_match_the_longest_prefix() {
        assert_eq!(
            pair("google.protobuf.message"),
            ("google.protobuf".into(), "protobuf".into())
        );
        assert_eq!(
            pair("google.protobuf"),
            ("google.protobuf".into(), "protobuf".into())
        );
        assert_eq!(pair("google.auth"), ("google".into(), "google".into()));
    }

    #[test]
    fn table_keys_are_unique() {
        let mut keys: Vec<&str> = DISTRIBUTIONS.iter().map(|(key, _)| *key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), DISTRIBUTIONS.len());
    }
}
