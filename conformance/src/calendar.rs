//! Dates of SCOR messages (`AAAA-MM-JJ`, `AAAA-MM-JJThh:mm:ss`) as day numbers, so date rules can
//! count days between a lot, its FSE lot and its invoices.

use scor_dictionary::schema::parse_date;

/// Days since 1970-01-01 of a `AAAA-MM-JJ` date, or of the date part of a `AAAA-MM-JJThh:mm:ss`.
pub fn day_number(text: &str) -> Option<i64> {
    let (year, month, day) = parse_date(text.get(..10)?)?;
    Some(days_from_civil(i64::from(year), i64::from(month), i64::from(day)))
}

/// `AAAA-MM-JJThh:mm:ss` (UTC) of seconds since 1970-01-01T00:00:00Z.
pub fn datetime(unix_seconds: i64) -> String {
    let (days, seconds) = (unix_seconds.div_euclid(86_400), unix_seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// Howard Hinnant's civil-from-days algorithm, the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::day_number;

    #[test]
    fn day_numbers_count_days_across_months_and_leap_years() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01").unwrap() - day_number("2000-02-28").unwrap(), 2);
        assert_eq!(day_number("2026-03-01").unwrap() - day_number("2026-02-28").unwrap(), 1);
        assert_eq!(day_number("2026-11-23T10:00:00").unwrap() - day_number("2026-10-24").unwrap(), 30);
        assert_eq!(day_number("2026-02-30"), None);
    }

    #[test]
    fn datetimes_invert_day_numbers() {
        assert_eq!(super::datetime(0), "1970-01-01T00:00:00");
        assert_eq!(super::datetime(951_782_400 + 3661), "2000-02-29T01:01:01");
        for day in [-1000, 0, 11_016, 20_000, 30_000] {
            let text = super::datetime(day * 86_400);
            assert_eq!(day_number(&text), Some(day), "{text}");
        }
    }
}
