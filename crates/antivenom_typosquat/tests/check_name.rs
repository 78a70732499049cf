//! Behaviour of `check_name` on hand-made examples that follow from the rules.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use antivenom_typosquat::{
    Confidence, Detector, DetectorConfig, PopularList, Technique, canonical_name, check_name,
    popular_rank,
};

/// Checks that `name` is flagged as imitating `imitates` with `technique`.
fn assert_flagged(name: &str, imitates: &str, technique: Technique) -> Confidence {
    let found = check_name(name).unwrap_or_else(|| panic!("`{name}` not flagged"));
    assert_eq!(found.imitates, imitates, "{name}: {found}");
    assert_eq!(found.technique, technique, "{name}: {found}");
    assert_eq!(found.candidate, canonical_name(name).unwrap());
    assert_eq!(Some(found.imitated_rank), popular_rank(imitates));
    found.confidence
}

fn assert_not_flagged(name: &str) {
    if let Some(found) = check_name(name) {
        panic!("`{name}` flagged: {found}");
    }
}

#[test]
fn one_edit_imitations_of_popular_names() {
    assert_eq!(
        assert_flagged("reqeusts", "requests", Technique::Transposition),
        Confidence::High
    );
    assert_eq!(
        assert_flagged("requets", "requests", Technique::EditDistance1),
        Confidence::High
    );
    assert_flagged("Requestz", "requests", Technique::EditDistance1);
    assert_flagged("numpyy", "numpy", Technique::EditDistance1);
    assert_flagged("cryptograpy", "cryptography", Technique::EditDistance1);
}

#[test]
fn look_alike_digits() {
    assert_eq!(
        assert_flagged("r3quests", "requests", Technique::DigitHomoglyph),
        Confidence::High
    );
    assert_flagged("r3qu3sts", "requests", Technique::DigitHomoglyph);
    assert_flagged("b0to3", "boto3", Technique::DigitHomoglyph);
    assert_flagged("c1ick", "click", Technique::DigitHomoglyph);
}

#[test]
fn added_or_removed_separators() {
    assert_flagged(
        "pythondateutil",
        "python-dateutil",
        Technique::SeparatorChange,
    );
    assert_flagged(
        "typing-ext-ensions",
        "typing-extensions",
        Technique::SeparatorChange,
    );
}

#[test]
fn python_prefixes_and_suffixes() {
    assert_flagged("python3-flask", "flask", Technique::PrefixSuffix);
    assert_flagged("py-pandas", "pandas", Technique::PrefixSuffix);
    assert_flagged("django-python", "django", Technique::PrefixSuffix);
    assert_flagged("py-dateutil", "python-dateutil", Technique::PrefixSuffix);
    assert_flagged("dateutil", "python-dateutil", Technique::PrefixSuffix);
}

#[test]
fn reordered_parts() {
    assert_flagged("nmap-python", "python-nmap", Technique::ReorderedParts);
    assert_flagged(
        "extensions-typing",
        "typing-extensions",
        Technique::ReorderedParts,
    );
    assert_flagged("matlibplot", "matplotlib", Technique::ReorderedParts);
}

#[test]
fn weak_signals_are_low_confidence() {
    assert_eq!(
        assert_flagged("numpy-selenium", "numpy", Technique::Combo),
        Confidence::Low
    );
    assert_eq!(
        assert_flagged("aiohtttps", "aiohttp", Technique::EditDistance2),
        Confidence::Low
    );
}

#[test]
fn version_digit_dropped_from_the_popular_name() {
    // `urllib3` without its `3`, plus one more slip.
    assert_eq!(
        assert_flagged("urlllib", "urllib3", Technique::EditDistance1),
        Confidence::Medium
    );
}

#[test]
fn popular_names_are_never_flagged() {
    for name in [
        "requests",
        "boto3",
        "python-dateutil",
        "six",
        "scapy",
        "scanpy",
    ] {
        assert!(popular_rank(name).is_some(), "{name} should be popular");
        assert_not_flagged(name);
    }
    // Every name of the embedded list, in any spelling PyPI treats as the same project.
    for name in Detector::embedded().popular().names().iter().take(2000) {
        assert_not_flagged(name);
        assert_not_flagged(&name.to_uppercase().replace('-', "_"));
    }
}

#[test]
fn separator_and_case_variants_are_the_same_project() {
    assert_not_flagged("typing_extensions");
    assert_not_flagged("Typing.Extensions");
    assert_not_flagged("typing__extensions");
    assert_not_flagged("PYTHON_DATEUTIL");
}

#[test]
fn short_names_and_rhymes_are_not_flagged() {
    // One edit away from a 3-4 letter popular name: too crowded to mean anything.
    assert_not_flagged("sixx");
    assert_not_flagged("tqd");
    // A different first letter: how legitimate names rhyme, not how typos happen.
    assert_not_flagged("plask");
    assert_not_flagged("pytest-ydist");
    // Another version number of a popular name.
    assert_not_flagged("unittest5");
    // A plugin named after its host framework and a popular library.
    assert_not_flagged("flask-numpy");
    // Unrelated names.
    assert_not_flagged("antivenom");
    assert_not_flagged("my-internal-tool");
}

#[test]
fn invalid_names_are_not_flagged() {
    for name in [
        "",
        "   ",
        "-requests",
        "reqüests",
        "requests>=2",
        "a b",
        "requests;",
    ] {
        assert_not_flagged(name);
    }
}

#[test]
fn custom_lists_and_configuration() {
    let popular = PopularList::parse("# test list\nalpha-widgets\nbetamax\n").unwrap();
    let detector = Detector::new(popular, DetectorConfig::default());
    let found = detector.check_name("alpha-widgetz").unwrap();
    assert_eq!(found.imitates, "alpha-widgets");
    assert_eq!(found.imitated_rank, 1);
    assert_eq!(detector.check_name("betmax").unwrap().imitated_rank, 2);
    assert!(detector.check_name("betamax").is_none());

    let narrow = DetectorConfig {
        reference_size: 1,
        ..DetectorConfig::default()
    };
    let popular = PopularList::parse("alpha-widgets\nbetamax\n").unwrap();
    let detector = Detector::new(popular, narrow);
    assert!(detector.check_name("betmax").is_none());
    assert_eq!(detector.config().reference_size, 1);
}

#[test]
fn suspicion_displays_its_evidence() {
    let text = check_name("reqeusts").unwrap().to_string();
    assert!(
        text.contains("reqeusts") && text.contains("requests"),
        "{text}"
    );
    assert!(
        text.contains("transposition") && text.contains("high"),
        "{text}"
    );
}
