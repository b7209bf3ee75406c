//! Reading a lot from a folder, a tar archive and memory: each read problem, reads that stay
//! bounded (a huge sparse file is never read), and damaged archives that never panic.

use std::fs;
use std::path::Path;

use scor_lot::files::{self, Origin, ReadLimits, ReadProblem, read_folder, read_tar};

const ROOMY: ReadLimits = ReadLimits { max_total_bytes: 1 << 20, max_file_bytes: 1 << 16, max_files: 100 };

fn names(lot: &files::ReadLot) -> Vec<&str> {
    lot.files.iter().map(|f| f.name.as_str()).collect()
}

fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn folder_files_are_read_in_name_order_with_their_path() {
    let dir =
        folder(&[("P-001-001.pkcs7", b"pj"), ("D-001.pkcs7", b"index"), ("E-2026-ENTSCANORDO-00042.xml", b"<x/>")]);
    let lot = read_folder(dir.path(), &ROOMY).unwrap();
    assert_eq!(lot.problems, vec![]);
    assert_eq!(names(&lot), ["D-001.pkcs7", "E-2026-ENTSCANORDO-00042.xml", "P-001-001.pkcs7"]);
    assert_eq!(lot.file("D-001.pkcs7").unwrap().bytes, b"index");
    assert_eq!(lot.file("D-001.pkcs7").unwrap().origin, Origin::Path(dir.path().join("D-001.pkcs7")));
    assert_eq!(lot.bytes_read, 11);
}

#[test]
fn a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(read_folder(&dir.path().join("absent"), &ROOMY).is_err());
}

#[test]
fn an_oversize_file_is_left_out_and_reported() {
    let dir = folder(&[("a", &[1; 10]), ("b", &[2; 11]), ("c", &[3; 10])]);
    let limits = ReadLimits { max_file_bytes: 10, ..ROOMY };
    let lot = read_folder(dir.path(), &limits).unwrap();
    assert_eq!(names(&lot), ["a", "c"]);
    assert_eq!(lot.problems, vec![ReadProblem::FileTooLarge { name: "b".into(), limit: 10 }]);
}

/// A 16 GiB sparse file takes no disk space; reading must stop before touching it.
fn folder_with_huge_sparse_file() -> tempfile::TempDir {
    let dir = folder(&[("a", &[1; 100]), ("c", &[3; 100])]);
    let huge = fs::File::create(dir.path().join("b")).unwrap();
    huge.set_len(16 << 30).unwrap();
    dir
}

#[test]
fn an_oversize_lot_stops_reading_before_a_huge_file() {
    let dir = folder_with_huge_sparse_file();
    let limits = ReadLimits { max_total_bytes: 1000, max_file_bytes: u64::MAX, max_files: 10 };
    let lot = read_folder(dir.path(), &limits).unwrap();
    assert_eq!(names(&lot), ["a"]);
    assert_eq!(lot.problems, vec![ReadProblem::TotalTooLarge { bytes_read_so_far: 100, limit: 1000 }]);
    assert!(lot.bytes_read <= 1000, "read {} bytes", lot.bytes_read);
}

#[test]
fn a_huge_file_over_the_file_limit_is_not_read() {
    let dir = folder_with_huge_sparse_file();
    let limits = ReadLimits { max_total_bytes: u64::MAX, max_file_bytes: 1000, max_files: 10 };
    let lot = read_folder(dir.path(), &limits).unwrap();
    assert_eq!(names(&lot), ["a", "c"]);
    assert_eq!(lot.problems, vec![ReadProblem::FileTooLarge { name: "b".into(), limit: 1000 }]);
    assert_eq!(lot.bytes_read, 200);
}

#[test]
fn a_lot_just_at_the_total_limit_is_whole() {
    let dir = folder(&[("a", &[1; 10]), ("b", &[2; 10])]);
    let limits = ReadLimits { max_total_bytes: 20, ..ROOMY };
    let lot = read_folder(dir.path(), &limits).unwrap();
    assert_eq!(lot.problems, vec![]);
    assert_eq!(lot.files.len(), 2);
}

#[test]
fn too_many_files_keeps_at_most_the_limit() {
    let dir = folder(&[("a", b"1"), ("b", b"2"), ("c", b"3"), ("d", b"4"), ("e", b"5")]);
    let limits = ReadLimits { max_files: 3, ..ROOMY };
    let lot = read_folder(dir.path(), &limits).unwrap();
    assert_eq!(lot.files.len(), 3);
    assert_eq!(lot.problems, vec![ReadProblem::TooManyFiles { limit: 3 }]);
}

#[cfg(unix)]
#[test]
fn subfolders_and_symlinks_are_not_files_and_not_followed() {
    let dir = folder(&[("D-001.pkcs7", b"index")]);
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub").join("inner"), b"x").unwrap();
    std::os::unix::fs::symlink(dir.path().join("D-001.pkcs7"), dir.path().join("link")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("outside")).unwrap();
    let lot = read_folder(dir.path(), &ROOMY).unwrap();
    assert_eq!(names(&lot), ["D-001.pkcs7"]);
    assert_eq!(
        lot.problems,
        vec![
            ReadProblem::NotAFile { name: "link".into() },
            ReadProblem::NotAFile { name: "outside".into() },
            ReadProblem::NotAFile { name: "sub".into() },
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_a_file_and_does_not_block() {
    let dir = folder(&[("a", b"1")]);
    let status = std::process::Command::new("mkfifo").arg(dir.path().join("pipe")).status();
    assert!(status.expect("mkfifo (coreutils) runs").success(), "mkfifo made the pipe");
    let lot = read_folder(dir.path(), &ROOMY).unwrap();
    assert_eq!(names(&lot), ["a"]);
    assert_eq!(lot.problems, vec![ReadProblem::NotAFile { name: "pipe".into() }]);
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = folder(&[("a", b"1")]);
    let name = std::ffi::OsStr::from_bytes(b"P-\xff.pkcs7");
    if fs::write(dir.path().join(name), b"x").is_err() {
        return; // file system refuses non-UTF-8 names
    }
    let lot = read_folder(dir.path(), &ROOMY).unwrap();
    assert_eq!(names(&lot), ["a"]);
    assert_eq!(lot.problems, vec![ReadProblem::NameNotUtf8 { lossy: "P-\u{fffd}.pkcs7".into() }]);
}

#[test]
fn in_memory_lots_keep_names_and_order() {
    let lot = files::from_files(vec![("b".into(), b"2".to_vec()), ("a".into(), b"1".to_vec())]);
    assert_eq!(lot.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["b", "a"]);
    assert!(lot.iter().all(|f| f.origin == Origin::Memory));
}

#[test]
fn duplicate_names_are_listed_once() {
    let lot =
        files::from_files(vec![("a".into(), vec![]), ("b".into(), vec![]), ("a".into(), vec![]), ("a".into(), vec![])]);
    assert_eq!(files::duplicate_names(&lot), ["a"]);
}

// ---- tar ----

fn tar_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in entries {
        append(&mut builder, name, tar::EntryType::Regular, bytes);
    }
    builder.into_inner().unwrap()
}

/// Appends an entry with a raw name (the builder's own path checks would refuse `..`).
fn append(builder: &mut tar::Builder<Vec<u8>>, name: &str, kind: tar::EntryType, bytes: &[u8]) {
    let mut header = tar::Header::new_gnu();
    header.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
    header.set_entry_type(kind);
    header.set_size(bytes.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    builder.append(&header, bytes).unwrap();
}

#[test]
fn a_tar_is_read_as_a_virtual_folder() {
    let archive = tar_of(&[("E-2026-ENTSCANORDO-00042.xml", b"<x/>"), ("./D-001.pkcs7", b"index")]);
    let lot = read_tar(&archive, &ROOMY);
    assert_eq!(lot.problems, vec![]);
    assert_eq!(names(&lot), ["E-2026-ENTSCANORDO-00042.xml", "D-001.pkcs7"]);
    assert_eq!(lot.files[1].bytes, b"index");
    assert_eq!(lot.files[1].origin, Origin::TarEntry { index: 1 });
}

#[test]
fn tar_entries_that_are_not_top_level_files_are_reported() {
    let mut builder = tar::Builder::new(Vec::new());
    append(&mut builder, "a", tar::EntryType::Regular, b"1");
    append(&mut builder, "sub/", tar::EntryType::Directory, b"");
    append(&mut builder, "sub/inner", tar::EntryType::Regular, b"2");
    append(&mut builder, "../escape", tar::EntryType::Regular, b"3");
    append(&mut builder, "/etc/passwd", tar::EntryType::Regular, b"4");
    append(&mut builder, "link", tar::EntryType::Symlink, b"");
    append(&mut builder, "hard", tar::EntryType::Link, b"");
    let lot = read_tar(&builder.into_inner().unwrap(), &ROOMY);
    assert_eq!(names(&lot), ["a"]);
    let not_files: Vec<_> = ["sub/", "sub/inner", "../escape", "/etc/passwd", "link", "hard"]
        .iter()
        .map(|n| ReadProblem::NotAFile { name: (*n).into() })
        .collect();
    assert_eq!(lot.problems, not_files);
}

#[test]
fn tar_limits_are_those_of_a_folder() {
    let archive = tar_of(&[("a", &[1; 10]), ("b", &[2; 50]), ("c", &[3; 10]), ("d", &[4; 30])]);
    let limits = ReadLimits { max_total_bytes: 45, max_file_bytes: 40, max_files: 10 };
    let lot = read_tar(&archive, &limits);
    assert_eq!(names(&lot), ["a", "c"]);
    assert_eq!(
        lot.problems,
        vec![
            ReadProblem::FileTooLarge { name: "b".into(), limit: 40 },
            ReadProblem::TotalTooLarge { bytes_read_so_far: 20, limit: 45 },
        ]
    );
    let lot = read_tar(&archive, &ReadLimits { max_files: 2, ..ROOMY });
    assert_eq!(names(&lot), ["a", "b"]);
    assert_eq!(lot.problems, vec![ReadProblem::TooManyFiles { limit: 2 }]);
}

#[test]
fn tar_duplicate_names_are_all_kept() {
    let lot = read_tar(&tar_of(&[("a", b"1"), ("a", b"2")]), &ROOMY);
    assert_eq!(lot.files.len(), 2);
    assert_eq!(files::duplicate_names(&lot.files), ["a"]);
}

#[test]
fn a_tar_name_that_is_not_utf8_is_reported() {
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.as_gnu_mut().unwrap().name[..3].copy_from_slice(b"a\xffb");
    header.set_size(1);
    header.set_cksum();
    builder.append(&header, &b"x"[..]).unwrap();
    let lot = read_tar(&builder.into_inner().unwrap(), &ROOMY);
    assert_eq!(lot.files, vec![]);
    assert_eq!(lot.problems, vec![ReadProblem::NameNotUtf8 { lossy: "a\u{fffd}b".into() }]);
}

#[test]
fn a_damaged_tar_keeps_what_came_before() {
    let mut archive = tar_of(&[("a", &[1; 10]), ("b", &[2; 10])]);
    archive[512 * 2 + 148] ^= 0x01; // checksum of the second header
    let lot = read_tar(&archive, &ROOMY);
    assert_eq!(names(&lot), ["a"]);
    assert!(matches!(lot.problems.as_slice(), [ReadProblem::ArchiveDamaged { .. }]), "{:?}", lot.problems);
}

#[test]
fn a_tar_entry_claiming_a_huge_size_reads_no_more_than_given() {
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_path("a").unwrap();
    header.set_size(1 << 40);
    header.set_cksum();
    builder.append(&header, &[0u8; 512][..]).unwrap_or(());
    let archive = builder.into_inner().unwrap_or_default();
    let lot = read_tar(&archive, &ReadLimits { max_total_bytes: u64::MAX, max_file_bytes: u64::MAX, max_files: 10 });
    assert!(lot.bytes_read <= archive.len() as u64);
}

#[test]
fn tar_truncations_and_bit_flips_never_panic() {
    let archive = tar_of(&[("E-2026-ENTSCANORDO-00042.xml", &[7; 700]), ("D-001.pkcs7", &[9; 300])]);
    let limits = ReadLimits { max_total_bytes: 4096, max_file_bytes: 1024, max_files: 8 };
    for len in 0..archive.len() {
        let lot = read_tar(&archive[..len], &limits);
        assert!(lot.bytes_read <= 4096);
    }
    for at in 0..2048 {
        for bit in [0, 3, 7] {
            let mut damaged = archive.clone();
            damaged[at] ^= 1 << bit;
            let lot = read_tar(&damaged, &limits);
            assert!(lot.bytes_read <= 4096);
        }
    }
    let _ = read_tar(b"", &limits);
    let _ = read_tar(&[0xff; 1537], &limits);
}

#[test]
fn reading_a_folder_never_writes_it() {
    let dir = folder(&[("a", b"1")]);
    let before = fs::read_dir(dir.path()).unwrap().count();
    let _ = read_folder(dir.path(), &ROOMY).unwrap();
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), before);
    assert!(Path::new(dir.path()).join("a").exists());
}
