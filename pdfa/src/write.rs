//! Writer of minimal PDF/A-1b scans: one Flate-compressed DeviceGray image per page, a GTS_PDFA1
//! output intent with a built-in gray ICC v2 profile, XMP consistent with Info, deterministic bytes.

use std::fmt;
use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use md5::{Digest, Md5};
use scor_locale::{Lang, Text, text};

use crate::icc::gray_profile;
use crate::text::{PdfDate, encode_text_string};

/// Pixels of one page, rows from top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raster {
    /// 1 bit per pixel, most significant bit first, each row padded to a whole byte; 0 = black, 1 = white.
    Bitonal(Vec<u8>),
    /// 8 bits per pixel; 0 = black, 255 = white.
    Gray(Vec<u8>),
}

/// One scanned page; its size in points is its pixel size at `dpi`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub dpi: u32,
    pub raster: Raster,
}

impl Page {
    /// Bytes the raster must hold.
    pub fn expected_len(&self) -> usize {
        let (w, h) = (self.width as usize, self.height as usize);
        match self.raster {
            Raster::Bitonal(_) => w.div_ceil(8) * h,
            Raster::Gray(_) => w * h,
        }
    }

    fn bytes(&self) -> &[u8] {
        match &self.raster {
            Raster::Bitonal(b) | Raster::Gray(b) => b,
        }
    }

    fn bits(&self) -> u8 {
        match self.raster {
            Raster::Bitonal(_) => 1,
            Raster::Gray(_) => 8,
        }
    }
}

/// Document information, written both in the Info dictionary and in XMP.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocInfo {
    pub title: Option<String>,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub keywords: Option<String>,
    pub creator: Option<String>,
    pub producer: Option<String>,
    pub creation_date: Option<PdfDate>,
    pub mod_date: Option<PdfDate>,
}

/// Why a scan could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    NoPages,
    /// Width, height or dpi is zero.
    EmptyPage {
        page: usize,
    },
    /// The raster does not hold width x height pixels.
    RasterSize {
        page: usize,
        expected: usize,
        got: usize,
    },
    /// Larger than 14400 points (200 inches), the PDF 1.4 page size limit.
    PageTooLarge {
        page: usize,
    },
}

impl ScanError {
    /// What is wrong, to render in any language.
    pub fn text(&self) -> Text {
        match self {
            Self::NoPages => text!("pdfa-scan-no-pages"),
            Self::EmptyPage { page } => text!("pdfa-scan-empty-page", page = *page),
            Self::RasterSize { page, expected, got } => {
                text!("pdfa-scan-raster-size", page = *page, got = *got, expected = *expected)
            }
            Self::PageTooLarge { page } => text!("pdfa-scan-page-too-large", page = *page),
        }
    }
}

/// In English; [`ScanError::text`] renders it in any language.
impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().render(Lang::En))
    }
}

impl std::error::Error for ScanError {}

/// Object numbers of the fixed objects; pages follow from `FIRST_PAGE_OBJECT`, three objects each.
const CATALOG: u32 = 1;
const PAGES: u32 = 2;
const METADATA: u32 = 3;
const PROFILE: u32 = 4;
const INFO: u32 = 5;
const FIRST_PAGE_OBJECT: u32 = 6;

/// Writes a PDF/A-1b file holding one image per page.
pub fn scan(pages: &[Page], info: &DocInfo) -> Result<Vec<u8>, ScanError> {
    Ok(assemble(&scan_objects(pages, info)?, Some(INFO)))
}

/// The objects [`scan`] writes (object n at index n-1; catalog 1, Info 5, then page, content and
/// image per page), for tests that alter one of them before [`assemble`].
pub fn scan_objects(pages: &[Page], info: &DocInfo) -> Result<Vec<Vec<u8>>, ScanError> {
    if pages.is_empty() {
        return Err(ScanError::NoPages);
    }
    let mut objects = vec![
        catalog_object().into_bytes(),
        pages_object(pages.len()).into_bytes(),
        stream_object("/Type /Metadata /Subtype /XML", xmp_packet(info).as_bytes()),
        stream_object("/N 1", &gray_profile()),
        info_object(info).into_bytes(),
    ];
    for (i, page) in pages.iter().enumerate() {
        validate(page, i + 1)?;
        let first = FIRST_PAGE_OBJECT + 3 * i as u32;
        let (w, h) = (points(page.width, page.dpi), points(page.height, page.dpi));
        let page_dict = format!(
            "<< /Type /Page /Parent {PAGES} 0 R /MediaBox [0 0 {w} {h}] /Resources << /XObject << /Im0 {} 0 R >> >> \
             /Contents {} 0 R >>",
            first + 2,
            first + 1
        );
        objects.push(page_dict.into_bytes());
        objects.push(stream_object("", format!("q\n{w} 0 0 {h} 0 0 cm\n/Im0 Do\nQ\n").as_bytes()));
        objects.push(image_object(page));
    }
    Ok(objects)
}

fn validate(page: &Page, number: usize) -> Result<(), ScanError> {
    if page.width == 0 || page.height == 0 || page.dpi == 0 {
        return Err(ScanError::EmptyPage { page: number });
    }
    let (expected, got) = (page.expected_len(), page.bytes().len());
    if expected != got {
        return Err(ScanError::RasterSize { page: number, expected, got });
    }
    let too_large = |px: u32| u64::from(px) * 72 > 14_400 * u64::from(page.dpi);
    if too_large(page.width) || too_large(page.height) {
        return Err(ScanError::PageTooLarge { page: number });
    }
    Ok(())
}

/// Pixels at dpi as points, with at most four decimals.
fn points(pixels: u32, dpi: u32) -> String {
    let text = format!("{:.4}", f64::from(pixels) * 72.0 / f64::from(dpi));
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn catalog_object() -> String {
    format!(
        "<< /Type /Catalog /Pages {PAGES} 0 R /Metadata {METADATA} 0 R /OutputIntents [<< /Type /OutputIntent \
         /S /GTS_PDFA1 /OutputConditionIdentifier (Custom) /Info (Gray, gamma 2.2) /DestOutputProfile {PROFILE} 0 R >>] >>"
    )
}

fn pages_object(count: usize) -> String {
    let kids: Vec<String> = (0..count).map(|i| format!("{} 0 R", FIRST_PAGE_OBJECT + 3 * i as u32)).collect();
    format!("<< /Type /Pages /Kids [{}] /Count {count} >>", kids.join(" "))
}

fn image_object(page: &Page) -> Vec<u8> {
    let dict = format!(
        "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray /BitsPerComponent {} \
         /Filter /FlateDecode",
        page.width,
        page.height,
        page.bits()
    );
    stream_object(&dict, &flate(page.bytes()))
}

/// A stream object body: `<< entries /Length n >>`, stream, data, endstream.
pub fn stream_object(entries: &str, data: &[u8]) -> Vec<u8> {
    let space = if entries.is_empty() { "" } else { " " };
    let mut out = format!("<< {entries}{space}/Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Zlib (FlateDecode) compression at the best level.
pub fn flate(data: &[u8]) -> Vec<u8> {
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

/// A zlib (FlateDecode) stream of `len` zero bytes, built from one compressed block repeated: memory
/// stays near a megabyte whatever `len`, and the output is about 1 kB per MB of zeros. For tests of
/// decoding limits (decompression bombs).
pub fn flate_zeros(len: u64) -> Vec<u8> {
    const BLOCK: u64 = 1 << 20;
    let whole = raw_deflate_block(BLOCK as usize);
    let mut out = vec![0x78, 0xDA];
    for _ in 0..len / BLOCK {
        out.extend_from_slice(&whole);
    }
    out.extend_from_slice(&raw_deflate_block((len % BLOCK) as usize));
    // A final empty block with fixed codes, then the Adler-32 of `len` zeros: a = 1, b = len mod 65521.
    out.extend_from_slice(&[0x03, 0x00]);
    out.extend_from_slice(&((((len % 65_521) as u32) << 16) | 1).to_be_bytes());
    out
}

/// `len` zeros as raw deflate blocks ending on a byte boundary (a sync flush), not final: copies of it
/// can follow one another in one stream.
fn raw_deflate_block(len: usize) -> Vec<u8> {
    let mut deflate = flate2::Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(len / 64 + 1024);
    let zeros = vec![0u8; len];
    // Into a Vec with spare room compression cannot fail; the output is all the block needs.
    let _ = deflate.compress_vec(&zeros, &mut out, flate2::FlushCompress::Sync);
    out
}

fn info_object(info: &DocInfo) -> String {
    let mut entries = String::new();
    let texts = [
        ("Title", &info.title),
        ("Author", &info.author),
        ("Subject", &info.subject),
        ("Keywords", &info.keywords),
        ("Creator", &info.creator),
        ("Producer", &info.producer),
    ];
    for (key, value) in texts {
        if let Some(v) = value {
            entries.push_str(&format!("/{key} {} ", hex_string(&encode_text_string(v))));
        }
    }
    for (key, value) in [("CreationDate", &info.creation_date), ("ModDate", &info.mod_date)] {
        if let Some(d) = value {
            entries.push_str(&format!("/{key} ({}) ", d.to_pdf()));
        }
    }
    format!("<< {entries}>>")
}

fn hex_string(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2 + 2);
    s.push('<');
    for b in bytes {
        s.push_str(&format!("{b:02X}"));
    }
    s.push('>');
    s
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The XMP packet: PDF/A identification (part 1, conformance B) and the Info entries.
pub fn xmp_packet(info: &DocInfo) -> String {
    let mut body = String::from(
        "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n   \
         <pdfaid:part>1</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>\n  </rdf:Description>\n",
    );
    let alt = |v: &str| format!("<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>", xml_escape(v));
    let mut dc = String::from("<dc:format>application/pdf</dc:format>");
    if let Some(t) = &info.title {
        dc.push_str(&format!("<dc:title>{}</dc:title>", alt(t)));
    }
    if let Some(a) = &info.author {
        dc.push_str(&format!("<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>", xml_escape(a)));
    }
    if let Some(s) = &info.subject {
        dc.push_str(&format!("<dc:description>{}</dc:description>", alt(s)));
    }
    body.push_str(&description("dc", "http://purl.org/dc/elements/1.1/", &dc));
    let mut xmp = String::new();
    if let Some(c) = &info.creator {
        xmp.push_str(&format!("<xmp:CreatorTool>{}</xmp:CreatorTool>", xml_escape(c)));
    }
    if let Some(d) = &info.creation_date {
        xmp.push_str(&format!("<xmp:CreateDate>{}</xmp:CreateDate>", d.to_xmp()));
    }
    if let Some(d) = &info.mod_date {
        xmp.push_str(&format!("<xmp:ModifyDate>{}</xmp:ModifyDate>", d.to_xmp()));
    }
    body.push_str(&description("xmp", "http://ns.adobe.com/xap/1.0/", &xmp));
    let mut pdf = String::new();
    if let Some(p) = &info.producer {
        pdf.push_str(&format!("<pdf:Producer>{}</pdf:Producer>", xml_escape(p)));
    }
    if let Some(k) = &info.keywords {
        pdf.push_str(&format!("<pdf:Keywords>{}</pdf:Keywords>", xml_escape(k)));
    }
    body.push_str(&description("pdf", "http://ns.adobe.com/pdf/1.3/", &pdf));
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n \
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n{body} </rdf:RDF>\n</x:xmpmeta>\n\
         <?xpacket end=\"w\"?>"
    )
}

fn description(prefix: &str, ns: &str, content: &str) -> String {
    if content.is_empty() {
        return String::new();
    }
    format!("  <rdf:Description rdf:about=\"\" xmlns:{prefix}=\"{ns}\">{content}</rdf:Description>\n")
}

/// Assembles objects 1..=n (catalog = 1) into a file: header, binary comment, objects, xref table,
/// trailer with ID (MD5 of the body, so equal input gives equal output), startxref, %%EOF.
pub fn assemble(objects: &[Vec<u8>], info: Option<u32>) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let id = hex_string(&Md5::digest(&out));
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let info = info.map(|n| format!(" /Info {n} 0 R")).unwrap_or_default();
    let trailer = format!(
        "trailer\n<< /Size {} /Root {CATALOG} 0 R{info} /ID [{id} {id}] >>\nstartxref\n{xref_at}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}
