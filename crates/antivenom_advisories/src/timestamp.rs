//! A small, comparable form of the RFC 3339 timestamps OSV uses (`modified`, `published`, `withdrawn`).

use std::fmt;

/// A UTC date and time parsed from an OSV timestamp such as `2021-07-05T00:01:25.530537Z`.
///
/// Only the fields needed to order records and compute an age are kept; fractional seconds are kept
/// as nanoseconds. A time-zone offset other than `Z` is applied so that all values are UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z (negative before the epoch).
    seconds: i64,
    /// Nanoseconds within the second.
    nanos: u32,
}

impl Timestamp {
    /// Parses an RFC 3339 timestamp (`YYYY-MM-DD`, optionally followed by `THH:MM:SS[.frac]` and
    /// `Z` or `±HH:MM`). Returns `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let date = text.get(..10)?;
        let rest = text.get(10..)?;
        let year: i64 = date.get(0..4)?.parse().ok()?;
        let month: u32 = date.get(5..7)?.parse().ok()?;
        let day: u32 = date.get(8..10)?.parse().ok()?;
        if date.get(4..5)? != "-" || date.get(7..8)? != "-" {
            return None;
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let days = days_from_civil(year, month, day);
        let mut seconds = days.checked_mul(86_400)?;
        let mut nanos = 0u32;
        if !rest.is_empty() {
            let rest = rest.strip_prefix(['T', 't', ' '])?;
            let hour: i64 = rest.get(0..2)?.parse().ok()?;
            let minute: i64 = rest.get(3..5)?.parse().ok()?;
            let second: i64 = rest.get(6..8)?.parse().ok()?;
            if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" {
                return None;
            }
            if hour > 23 || minute > 59 || second > 60 {
                return None;
            }
            seconds = seconds.checked_add(hour * 3600 + minute * 60 + second)?;
            let mut tail = rest.get(8..)?;
            if let Some(frac) = tail.strip_prefix('.') {
                let digits_len = frac.bytes().take_while(u8::is_ascii_digit).count();
                let digits = frac.get(..digits_len)?;
                if digits.is_empty() {
                    return None;
                }
                // Keep at most nanosecond precision.
                let mut value: u32 = 0;
                for (index, byte) in digits.bytes().enumerate() {
                    if index < 9 {
                        value = value * 10 + u32::from(byte - b'0');
                    }
                }
                for _ in digits_len..9 {
                    value *= 10;
                }
                nanos = value;
                tail = frac.get(digits_len..)?;
            }
            match tail {
                "Z" | "z" | "" => {}
                offset => {
                    let sign = match offset.get(0..1)? {
                        "+" => 1,
                        "-" => -1,
                        _ => return None,
                    };
                    let off_hour: i64 = offset.get(1..3)?.parse().ok()?;
                    let off_minute: i64 = offset.get(4..6)?.parse().ok()?;
                    if offset.len() != 6 || offset.get(3..4)? != ":" {
                        return None;
                    }
                    seconds = seconds.checked_sub(sign * (off_hour * 3600 + off_minute * 60))?;
                }
            }
        }
        Some(Self { seconds, nanos })
    }

    /// Seconds since the Unix epoch (UTC).
    pub fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// Whole days since the Unix epoch (UTC), rounded down.
    pub fn unix_days(&self) -> i64 {
        self.seconds.div_euclid(86_400)
    }
}

impl fmt::Display for Timestamp {
    /// Formats as `YYYY-MM-DDTHH:MM:SSZ` (fractional seconds dropped).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.seconds.div_euclid(86_400);
        let secs = self.seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            (secs / 60) % 60,
            secs % 60
        )
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn parses_and_orders_osv_timestamps() {
        let a = Timestamp::parse("2021-07-05T00:01:25.530537Z").unwrap();
        let b = Timestamp::parse("2021-07-05T00:01:25.6Z").unwrap();
        let c = Timestamp::parse("2024-10-10").unwrap();
        assert!(a < b && b < c);
        assert_eq!(a.to_string(), "2021-07-05T00:01:25Z");
        assert_eq!(
            Timestamp::parse("1970-01-02T00:00:00Z")
                .unwrap()
                .unix_days(),
            1
        );
        assert_eq!(
            Timestamp::parse("2021-07-05T02:00:00+02:00").unwrap(),
            Timestamp::parse("2021-07-05T00:00:00Z").unwrap()
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "yesterday",
            "2021-13-01",
            "2021-02-30",
            "2021-07-05X",
            "2021-07-05T1",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }
}
