//! The page tree walked once: a tree that is not one (no page, a page that does not parse, loops,
//! shared pages) gives 6.1.1 findings naming its objects; the pages counted are the distinct ones
//! reached, within the page limit; streams past the decoded-bytes limit are limit stops.

mod common;

use common::*;
use scor_pdfa::ReadingLimit::{DecodedStreamBytes as Bytes, Pages};
use scor_pdfa::write::{flate, flate_zeros, stream_object};
use scor_pdfa::{Limits, Parsed, PdfLocation, TreeFault, check};

/// The clean two-page scan (pages 6 and 9 under node 2) with the page tree node's Kids replaced.
fn kids(kids: &str, extra: &[&[u8]]) -> Vec<u8> {
    with_objects(extra, |objs| objs[1] = format!("<< /Type /Pages /Kids [{kids}] /Count 2 >>").into_bytes())
}

/// A 6.1.1 finding: its message and object.
type TreeFinding = (String, Option<(u32, u16)>);

/// The 6.1.1 findings and the page count.
fn tree_findings(pdf: &[u8]) -> (Vec<TreeFinding>, Option<u32>) {
    let r = run(pdf);
    let found = r.violations.iter().filter(|v| v.clause == "6.1.1").map(|v| (v.message.clone(), v.location.object));
    (found.collect(), r.pages)
}

fn tree(pdf: &[u8]) -> scor_pdfa::PageTree {
    Parsed::load(pdf, 1 << 20, 1000).unwrap().tree
}

#[test]
fn a_tree_without_page_is_no_pj() {
    let pdf = with_objects(&[], |objs| objs[1] = b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec());
    let (found, pages) = tree_findings(&pdf);
    assert_eq!(found, [("the page tree holds no page: a PDF without a page is no PJ".to_owned(), None)]);
    assert_eq!(pages, Some(0));
}

#[test]
fn a_catalog_without_pages_has_no_page() {
    let pdf = with_objects(&[], |objs| objs[0] = replace_first(&objs[0], b"/Pages 2 0 R", b"/Pagez 2 0 R"));
    let (found, pages) = tree_findings(&pdf);
    let message = "the catalog has no Pages entry referring to a page tree; the PJ has no page";
    assert_eq!(found, [(message.to_owned(), None)]);
    assert_eq!(pages, Some(0));
}

#[test]
fn a_page_that_does_not_parse_is_named() {
    let pdf = with_objects(&[], |objs| objs[5] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1 >> )".to_vec());
    let (found, pages) = tree_findings(&pdf);
    let message = "a Kids entry of 2 0 R refers to 6 0 R, an object that is absent or does not parse";
    assert_eq!(found, [(message.to_owned(), Some((6, 0)))]);
    assert_eq!(pages, Some(1));
    assert_eq!(tree(&pdf).pages, [(9, 0)]);
}

#[test]
fn a_kid_that_is_no_dictionary_is_named() {
    let (found, pages) = tree_findings(&kids("6 0 R 7 0 R 9 0 R", &[]));
    let message = "a Kids entry of 2 0 R refers to 7 0 R, which is not a page or page tree dictionary";
    assert_eq!(found, [(message.to_owned(), Some((7, 0)))]);
    assert_eq!(pages, Some(2));
}

#[test]
fn a_node_whose_kids_name_itself_loops() {
    let pdf = kids("6 0 R 2 0 R 9 0 R", &[]);
    let (found, pages) = tree_findings(&pdf);
    let message = "the page tree loops: a Kids entry of 2 0 R refers to 2 0 R itself";
    assert_eq!(found, [(message.to_owned(), Some((2, 0)))]);
    assert_eq!(pages, Some(2));
    let t = tree(&pdf);
    assert_eq!((t.pages, t.faults), (vec![(6, 0), (9, 0)], vec![TreeFault::Loop { parent: (2, 0), node: (2, 0) }]));
}

#[test]
fn a_node_whose_kids_name_its_parent_loops() {
    let node = b"<< /Type /Pages /Parent 2 0 R /Kids [9 0 R 2 0 R] /Count 1 >>";
    let (found, pages) = tree_findings(&kids(&format!("6 0 R {FIRST_EXTRA} 0 R"), &[node]));
    let message = "the page tree loops: a Kids entry of 12 0 R refers to 2 0 R, which contains it";
    assert_eq!(found, [(message.to_owned(), Some((2, 0)))]);
    assert_eq!(pages, Some(2));
}

#[test]
fn a_page_reached_twice_is_counted_once() {
    let (found, pages) = tree_findings(&kids("6 0 R 9 0 R 6 0 R", &[]));
    let message = "the page tree is not a tree: 6 0 R is reached a second time, from a Kids entry of 2 0 R";
    assert_eq!(found, [(message.to_owned(), Some((6, 0)))]);
    assert_eq!(pages, Some(2));
}

#[test]
fn a_direct_kid_and_a_node_without_kids_are_named() {
    let node = b"<< /Type /Pages /Count 0 >>";
    let (found, _) = tree_findings(&kids(&format!("6 0 R << /Type /Page >> {FIRST_EXTRA} 0 R 9 0 R"), &[node]));
    let messages: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "a Kids entry of 2 0 R is a direct object, not a reference to a page",
            "the page tree node 12 0 R has no Kids array"
        ]
    );
}

#[test]
fn pages_past_the_limit_are_a_limit_stop() {
    let r = check(&clean_pdf(), &Limits { max_pages: 1, ..limits() });
    assert_eq!(stops(&r), ["the page tree holds more than 1 pages: only the first 1 were read"]);
    let pages: Vec<&str> = at_limit(&r).iter().filter(|(_, l)| *l == Pages).map(|(c, _)| *c).collect();
    assert_eq!(pages, ["6.1.12", "6.2.3", "6.2.10", "6.4", "6.5.2", "6.5.3", "6.6.1", "6.6.2", "6.9"]);
    assert_eq!(r.pages, Some(1));
    assert!(r.violations.is_empty(), "{}", describe(&r));
}

#[test]
fn a_doubly_flated_content_bomb_is_a_limit_stop() {
    let bomb = flate(&flate_zeros(2_000_000_000));
    let pdf = with_objects(&[], |objs| objs[6] = stream_object("/Filter [/FlateDecode /FlateDecode]", &bomb));
    let r = run(&pdf);
    assert_eq!(stops(&r), ["stream 7 0 R decodes past 16777216 bytes"], "{}", describe(&r));
    assert_eq!((r.stops[0].limit, r.stops[0].value), (Bytes, 16 << 20));
    assert!(r.violations.is_empty() && r.not_evaluated.is_empty(), "{}", describe(&r));
}

#[test]
fn an_output_profile_bomb_is_a_limit_stop_not_a_missing_intent() {
    let bomb = flate_zeros(1 << 30);
    let pdf = with_objects(&[], |objs| objs[3] = stream_object("/N 1 /Filter /FlateDecode", &bomb));
    let r = run(&pdf);
    assert_eq!(stops(&r), ["stream 4 0 R decodes past 16777216 bytes"], "{}", describe(&r));
    assert_eq!(r.stops[0].location, PdfLocation::object((4, 0)));
    // The DeviceGray images are not said to lack an output intent: they are not evaluated.
    assert_eq!(at_limit(&r), [("6.2.2", Bytes), ("6.2.3", Bytes), ("6.5.3", Bytes)]);
    assert!(r.violations.is_empty() && r.not_evaluated.is_empty(), "{}", describe(&r));
}

#[test]
fn an_image_bomb_is_left_to_the_scan_analysis() {
    // The PDF/A checker decodes no image data: a bomb there is the scan-quality analysis' stop.
    let dict = "/Type /XObject /Subtype /Image /Width 200 /Height 280 /ColorSpace /DeviceGray \
                /BitsPerComponent 1 /Filter /FlateDecode";
    let pdf = with_objects(&[], |objs| objs[7] = stream_object(dict, &flate_zeros(480_000_000)));
    let r = run(&pdf);
    assert!(r.is_clean(), "{}", describe(&r));
}

#[test]
fn an_object_stream_bomb_stops_the_loading() {
    let dict = "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode";
    let pdf = with_objects(&[&stream_object(dict, &flate_zeros(1 << 30))], |_| {});
    let r = run(&pdf);
    let message = "an object stream decodes past 16777216 bytes, so the file could not be loaded";
    assert_eq!(stops(&r), [message], "{}", describe(&r));
    assert_eq!(r.not_evaluated_at_limit.len(), 20);
    assert_eq!(r.pages, None);
}
