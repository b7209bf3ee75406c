//! ICC profiles: reading the header fields that 6.2.2 and 6.2.3 test, and building the small
//! monochrome (GRAY) v2 display profile the writer embeds, byte by byte per ICC.1:2001-04.

/// Header fields of an ICC profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IccHeader {
    /// Profile/device class, e.g. `mntr`.
    pub class: [u8; 4],
    /// Data colour space, e.g. `GRAY`, `RGB `.
    pub colour_space: [u8; 4],
    /// Major version byte.
    pub major: u8,
    /// Minor version nibble.
    pub minor: u8,
}

impl IccHeader {
    /// Number of colour components of the data colour space, if it is one PDF knows.
    pub fn components(&self) -> Option<i64> {
        match &self.colour_space {
            b"GRAY" => Some(1),
            b"RGB " | b"Lab " => Some(3),
            b"CMYK" => Some(4),
            _ => None,
        }
    }
}

/// Reads the header; None when the data is not an ICC profile (too short, no `acsp`, bad size).
pub fn parse_header(data: &[u8]) -> Option<IccHeader> {
    if data.len() < 132 || &data[36..40] != b"acsp" {
        return None;
    }
    let size = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize;
    let tags = u32::from_be_bytes([data[128], data[129], data[130], data[131]]) as usize;
    if size < 132 || size > data.len() || 132 + tags.saturating_mul(12) > size {
        return None;
    }
    let four = |at: usize| [data[at], data[at + 1], data[at + 2], data[at + 3]];
    Some(IccHeader { class: four(12), colour_space: four(16), major: data[8], minor: data[9] >> 4 })
}

/// Text for messages.
pub(crate) fn show4(sig: &[u8; 4]) -> String {
    String::from_utf8_lossy(sig).trim_end().to_string()
}

/// D50 illuminant as s15Fixed16 (X, Y, Z).
const D50: [u32; 3] = [0x0000_F6D6, 0x0001_0000, 0x0000_D32D];

/// A monochrome display profile, version 2.4, gamma 2.2, white point D50.
pub fn gray_profile() -> Vec<u8> {
    let tags: [(&[u8; 4], Vec<u8>); 4] = [
        (b"desc", desc_tag("scor-kit Gray gamma 2.2")),
        (b"cprt", text_tag("No copyright, use freely")),
        (b"wtpt", xyz_tag(D50)),
        (b"kTRC", curve_tag(0x0233)),
    ];
    let table_len = 4 + 12 * tags.len();
    let mut body = Vec::new();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    for (sig, data) in &tags {
        let offset = 128 + table_len + body.len();
        table.extend_from_slice(*sig);
        table.extend_from_slice(&(offset as u32).to_be_bytes());
        table.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
    }
    let total = 128 + table_len + body.len();
    let mut out = header(total as u32);
    out.extend_from_slice(&table);
    out.extend_from_slice(&body);
    out
}

fn header(size: u32) -> Vec<u8> {
    let mut h = vec![0u8; 128];
    h[0..4].copy_from_slice(&size.to_be_bytes());
    h[8..12].copy_from_slice(&[0x02, 0x40, 0x00, 0x00]);
    h[12..16].copy_from_slice(b"mntr");
    h[16..20].copy_from_slice(b"GRAY");
    h[20..24].copy_from_slice(b"XYZ ");
    // Creation date and time, fixed so that output is deterministic: 2024-01-01 00:00:00.
    let date: [u16; 6] = [2024, 1, 1, 0, 0, 0];
    for (i, v) in date.iter().enumerate() {
        h[24 + 2 * i..26 + 2 * i].copy_from_slice(&v.to_be_bytes());
    }
    h[36..40].copy_from_slice(b"acsp");
    for (i, v) in D50.iter().enumerate() {
        h[68 + 4 * i..72 + 4 * i].copy_from_slice(&v.to_be_bytes());
    }
    h
}

/// textDescriptionType: ASCII part, empty Unicode part, empty ScriptCode part.
fn desc_tag(text: &str) -> Vec<u8> {
    let mut t = b"desc\0\0\0\0".to_vec();
    t.extend_from_slice(&(text.len() as u32 + 1).to_be_bytes());
    t.extend_from_slice(text.as_bytes());
    t.push(0);
    t.extend_from_slice(&[0; 8]); // Unicode language code and count
    t.extend_from_slice(&[0; 3]); // ScriptCode code and count
    t.extend_from_slice(&[0; 67]); // ScriptCode description
    t
}

/// textType: NUL-terminated ASCII.
fn text_tag(text: &str) -> Vec<u8> {
    let mut t = b"text\0\0\0\0".to_vec();
    t.extend_from_slice(text.as_bytes());
    t.push(0);
    t
}

fn xyz_tag(xyz: [u32; 3]) -> Vec<u8> {
    let mut t = b"XYZ \0\0\0\0".to_vec();
    for v in xyz {
        t.extend_from_slice(&v.to_be_bytes());
    }
    t
}

/// curveType with one entry: a gamma as u8Fixed8Number.
fn curve_tag(gamma: u16) -> Vec<u8> {
    let mut t = b"curv\0\0\0\0".to_vec();
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&gamma.to_be_bytes());
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gray_profile_reads_back() {
        let p = gray_profile();
        assert_eq!(p.len() % 4, 0);
        let h = parse_header(&p).unwrap();
        assert_eq!((&h.class, &h.colour_space, h.major, h.minor), (b"mntr", b"GRAY", 2, 4));
        assert_eq!(h.components(), Some(1));
        assert!(parse_header(&p[..100]).is_none());
    }
}
