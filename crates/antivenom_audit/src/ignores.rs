//! Advisories the user chose to ignore, each with a reason and an expiry
//! date: `[tool.antivenom.deps] ignore = [{ id = "...", reason = "...",
//! until = "2027-01-31" }]`.

/// One ignored advisory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreEntry {
    /// The advisory id or any of its aliases (`PYSEC-2022-190`, `CVE-...`).
    pub id: String,
    /// Why it is ignored.
    pub reason: Option<String>,
    /// Last day it applies, `YYYY-MM-DD`; none: it never expires.
    pub until: Option<String>,
}

/// The ignores of one run, judged against today's date.
#[derive(Debug, Clone, Default)]
pub struct Ignores {
    entries: Vec<IgnoreEntry>,
    /// Today, `YYYY-MM-DD`.
    today: String,
}

/// What the ignores say about one advisory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IgnoreVerdict {
    /// Not ignored.
    Report,
    /// Ignored by this entry.
    Ignored(IgnoreEntry),
    /// An entry ignored it until a day that has passed: reported again.
    Expired(IgnoreEntry),
}

impl Ignores {
    /// `entries`, judged on `today` (`YYYY-MM-DD`).
    #[must_use]
    pub fn new(entries: Vec<IgnoreEntry>, today: impl Into<String>) -> Self {
        Self {
            entries,
            today: today.into(),
        }
    }

    /// The verdict for an advisory known by `ids` (its id and aliases).
    #[must_use]
    pub fn verdict<'i>(&self, mut ids: impl Iterator<Item = &'i str>) -> IgnoreVerdict {
        let Some(entry) = ids.find_map(|id| {
            self.entries
                .iter()
                .find(|entry| entry.id.eq_ignore_ascii_case(id))
        }) else {
            return IgnoreVerdict::Report;
        };
        // ISO dates compare as text.
        match &entry.until {
            Some(until) if until.as_str() < self.today.as_str() => {
                IgnoreVerdict::Expired(entry.clone())
            }
            _ => IgnoreVerdict::Ignored(entry.clone()),
        }
    }
}

/// The date `days` days after 1970-01-01, as `YYYY-MM-DD` (proleptic
/// Gregorian calendar).
#[must_use]
pub fn date_from_unix_days(days: i64) -> String {
    // Howard Hinnant's civil-from-days algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Today's date (UTC), `YYYY-MM-DD`.
#[must_use]
pub fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    date_from_unix_days(i64::try_from(seconds / 86_400).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_become_calendar_dates() {
        assert_eq!(date_from_unix_days(0), "1970-01-01");
        assert_eq!(date_from_unix_days(59), "1970-03-01");
        assert_eq!(date_from_unix_days(11_016), "2000-02-29");
        assert_eq!(date_from_unix_days(20_784), "2026-11-27");
    }

    #[test]
    fn an_ignore_lasts_until_its_day_then_expires() {
        let entry = IgnoreEntry {
            id: "PYSEC-2022-190".to_owned(),
            reason: Some("not reachable".to_owned()),
            until: Some("2027-01-31".to_owned()),
        };
        let ids = ["CVE-2022-28346", "PYSEC-2022-190"];
        let before = Ignores::new(vec![entry.clone()], "2027-01-31");
        assert_eq!(
            before.verdict(ids.iter().copied()),
            IgnoreVerdict::Ignored(entry.clone())
        );
        let after = Ignores::new(vec![entry.clone()], "2027-02-01");
        assert_eq!(
            after.verdict(ids.iter().copied()),
            IgnoreVerdict::Expired(entry)
        );
        assert_eq!(after.verdict(["GHSA-x"].into_iter()), IgnoreVerdict::Report);
    }
}
