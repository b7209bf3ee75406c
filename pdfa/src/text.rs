//! PDF text strings (PDFDocEncoding or UTF-16BE) and dates, in PDF form and in XMP (ISO 8601) form.
//! Used to compare the Info dictionary with the XMP metadata (6.7.3) and by the writer.

/// PDFDocEncoding bytes 0x18-0x1F and 0x80-0x9F, which differ from Latin-1 (PDF Reference Table D.1).
const LOW: [char; 8] = ['\u{02D8}', '\u{02C7}', '\u{02C6}', '\u{02D9}', '\u{02DD}', '\u{02DB}', '\u{02DA}', '\u{02DC}'];
const HIGH: [char; 32] = [
    '\u{2022}', '\u{2020}', '\u{2021}', '\u{2026}', '\u{2014}', '\u{2013}', '\u{0192}', '\u{2044}', '\u{2039}',
    '\u{203A}', '\u{2212}', '\u{2030}', '\u{201E}', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{201A}',
    '\u{2122}', '\u{FB01}', '\u{FB02}', '\u{0141}', '\u{0152}', '\u{0160}', '\u{0178}', '\u{017D}', '\u{0131}',
    '\u{0142}', '\u{0153}', '\u{0161}', '\u{017E}', '\u{FFFD}',
];

/// Decodes a PDF text string.
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]]));
        return char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| pdfdoc_char(b)).collect()
}

fn pdfdoc_char(b: u8) -> char {
    match b {
        0x18..=0x1F => LOW[usize::from(b - 0x18)],
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        0xA0 => '\u{20AC}',
        _ => char::from(b),
    }
}

/// Encodes text as a PDF string body: PDFDocEncoding when it is plain ASCII, else UTF-16BE with BOM.
pub fn encode_text_string(text: &str) -> Vec<u8> {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return text.as_bytes().to_vec();
    }
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// A calendar date and time with a UTC offset; fields a source omits take their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PdfDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes (east positive).
    pub offset_minutes: i16,
}

impl PdfDate {
    /// PDF form, e.g. `D:20260102030405+01'00'`.
    pub fn to_pdf(&self) -> String {
        let (sign, off) = sign_and_abs(self.offset_minutes);
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}{}{:02}'{:02}'",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            sign,
            off / 60,
            off % 60
        )
    }

    /// XMP form, e.g. `2026-01-02T03:04:05+01:00`.
    pub fn to_xmp(&self) -> String {
        let (sign, off) = sign_and_abs(self.offset_minutes);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            sign,
            off / 60,
            off % 60
        )
    }

    /// Seconds since 0000-03-01 UTC (for comparing instants only).
    pub(crate) fn instant(&self) -> i64 {
        let (y, m) = (i64::from(self.year), i64::from(self.month));
        let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + i64::from(self.day) - 1;
        let secs = days * 86_400 + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        secs - i64::from(self.offset_minutes) * 60
    }
}

fn sign_and_abs(offset: i16) -> (char, u16) {
    if offset < 0 { ('-', offset.unsigned_abs()) } else { ('+', offset.unsigned_abs()) }
}

/// Parses a PDF date `D:YYYYMMDDHHmmSSOHH'mm'` (every part after the year optional).
pub fn parse_pdf_date(text: &str) -> Option<PdfDate> {
    let s = text.trim().strip_prefix("D:").unwrap_or(text.trim());
    let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, tz) = s.split_at(digits_end);
    if digits.len() < 4 || digits.len() % 2 == 1 || digits.len() > 14 {
        return None;
    }
    let part = |i: usize, default: u8| digits.get(i..i + 2).map_or(Some(default), |p| p.parse().ok());
    let date = PdfDate {
        year: digits[..4].parse().ok()?,
        month: part(4, 1)?,
        day: part(6, 1)?,
        hour: part(8, 0)?,
        minute: part(10, 0)?,
        second: part(12, 0)?,
        offset_minutes: parse_pdf_offset(tz)?,
    };
    valid(date)
}

fn parse_pdf_offset(tz: &str) -> Option<i16> {
    let mut chars = tz.chars();
    let sign = match chars.next() {
        None | Some('Z') => return Some(0),
        Some('+') => 1,
        Some('-') => -1,
        Some(_) => return None,
    };
    let rest: String = chars.filter(char::is_ascii_digit).collect();
    let hours: i16 = rest.get(..2).unwrap_or("0").parse().ok()?;
    let minutes: i16 = rest.get(2..4).unwrap_or("0").parse().ok()?;
    Some(sign * (hours * 60 + minutes))
}

/// Parses an XMP date `YYYY[-MM[-DD[Thh:mm[:ss[.s]][TZD]]]]`.
pub fn parse_xmp_date(text: &str) -> Option<PdfDate> {
    let s = text.trim();
    let (date, time) = s.split_once('T').unwrap_or((s, ""));
    let mut d = date.split('-');
    let year = d.next()?.parse().ok()?;
    let month = d.next().map_or(Some(1), |p| p.parse().ok())?;
    let day = d.next().map_or(Some(1), |p| p.parse().ok())?;
    let tz_at = time.find(['Z', '+', '-']).unwrap_or(time.len());
    let (clock, tz) = time.split_at(tz_at);
    let mut c = clock.split(':');
    let field = |p: Option<&str>| p.map_or(Some(0u8), |v| v.split('.').next()?.parse().ok());
    let hour = field(c.next().filter(|v| !v.is_empty()))?;
    let minute = field(c.next())?;
    let second = field(c.next())?;
    let offset_minutes = match tz.split_once(':') {
        Some((h, m)) => parse_pdf_offset(&format!("{h}{m}"))?,
        None => parse_pdf_offset(tz)?,
    };
    valid(PdfDate { year, month, day, hour, minute, second, offset_minutes })
}

fn valid(d: PdfDate) -> Option<PdfDate> {
    let ok = (1..=12).contains(&d.month)
        && (1..=31).contains(&d.day)
        && d.hour < 24
        && d.minute < 60
        && d.second < 61
        && d.offset_minutes.abs() < 24 * 60;
    ok.then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_compare() {
        let d = PdfDate { year: 2026, month: 1, day: 2, hour: 3, minute: 4, second: 5, offset_minutes: 60 };
        assert_eq!(parse_pdf_date(&d.to_pdf()), Some(d));
        assert_eq!(parse_xmp_date(&d.to_xmp()), Some(d));
        let utc = parse_xmp_date("2026-01-02T02:04:05Z").unwrap();
        assert_eq!(utc.instant(), d.instant());
        assert_eq!(parse_pdf_date("D:2026").map(|d| d.month), Some(1));
        assert!(parse_pdf_date("D:20261302").is_none());
    }

    #[test]
    fn text_strings() {
        assert_eq!(decode_text_string(b"abc"), "abc");
        assert_eq!(decode_text_string(&encode_text_string("Ordonnance é")), "Ordonnance é");
        assert_eq!(decode_text_string(&[0x80]), "\u{2022}");
    }
}
