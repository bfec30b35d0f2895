//! A lost cross-reference table rebuilt, as PDF readers do.
//!
//! When the table at the end of a complete file points nowhere (offsets
//! shifted by an editor that rewrote the file, or garbage), `lopdf` finds no
//! objects and no pages. Readers then scan the file for its objects; so does
//! [`rebuild`]: every `N G obj` at the start of a line is an object (the
//! last one of a number wins, as in an incrementally updated file), the
//! catalog is the last object whose dictionary says `/Type /Catalog`, and a
//! new table and trailer naming them are appended to the file.
//!
//! A file cut short (no `%%EOF` at its end) is not rebuilt: what it lacks is
//! not there to be found, and an error saying it was truncated serves the
//! user better than half a document.

use std::collections::BTreeMap;

/// The largest object number PDF allows.
const MAX_OBJECT_NUMBER: u32 = 8_388_607;
/// How far into an object its `/Type /Catalog` is looked for.
const CATALOG_WINDOW: usize = 1024;

/// True when the file ends with its end-of-file marker (within the last
/// kilobyte, as readers accept).
pub(crate) fn has_eof_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// The file with a rebuilt cross-reference table and trailer appended;
/// `None` when it has no catalog object or is encrypted (whose trailer
/// entries cannot be recovered this way).
pub(crate) fn rebuild(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.windows(8).any(|w| w == b"/Encrypt") {
        return None;
    }
    let objects = scan_objects(bytes);
    let root = objects.iter().rev().find(|(_, &(_, at))| is_catalog(&bytes[at..])).map(|(&n, &(g, _))| (n, g))?;
    let size = objects.keys().next_back().map_or(1, |&n| n + 1);
    let mut out = bytes.to_vec();
    out.push(b'\n');
    let start = out.len();
    out.extend(b"xref\n0 1\n0000000000 65535 f\r\n");
    // One subsection per run of consecutive numbers: the table grows with
    // the objects found, not with the largest number (which can be huge).
    let numbers: Vec<u32> = objects.keys().copied().collect();
    for run in numbers.chunk_by(|a, b| b.checked_sub(*a) == Some(1)) {
        out.extend(format!("{} {}\n", run[0], run.len()).as_bytes());
        for n in run {
            if let Some(&(g, at)) = objects.get(n) {
                out.extend(format!("{at:010} {g:05} n\r\n").as_bytes());
            }
        }
    }
    out.extend(
        format!("trailer\n<</Size {size} /Root {} {} R>>\nstartxref\n{start}\n%%EOF\n", root.0, root.1).as_bytes(),
    );
    Some(out)
}

/// Object number → (generation, offset of its `N G obj` line).
fn scan_objects(bytes: &[u8]) -> BTreeMap<u32, (u16, usize)> {
    let mut objects = BTreeMap::new();
    let mut at = 0;
    while at < bytes.len() {
        if at == 0 || matches!(bytes[at - 1], b'\n' | b'\r') {
            if let Some((n, g)) = object_header(&bytes[at..]) {
                objects.insert(n, (g, at));
            }
        }
        at += 1;
    }
    objects
}

/// `12 0 obj` at the start of `s`: the object number and generation.
fn object_header(s: &[u8]) -> Option<(u32, u16)> {
    let (n, rest) = digits(s)?;
    let rest = spaces(rest)?;
    let (g, rest) = digits(rest)?;
    let rest = spaces(rest)?;
    rest.starts_with(b"obj").then_some(())?;
    // Numbers past PDF's limit of 8,388,607 objects are not objects.
    let n = u32::try_from(n).ok().filter(|&n| (1..=MAX_OBJECT_NUMBER).contains(&n))?;
    Some((n, u16::try_from(g).ok()?))
}

fn digits(s: &[u8]) -> Option<(u64, &[u8])> {
    let len = s.iter().take(10).take_while(|b| b.is_ascii_digit()).count();
    if len == 0 {
        return None;
    }
    let n = s[..len].iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
    Some((n, &s[len..]))
}

fn spaces(s: &[u8]) -> Option<&[u8]> {
    let len = s.iter().take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')).count();
    (len > 0).then(|| &s[len..])
}

/// True when the object starting here is a catalog dictionary.
fn is_catalog(object: &[u8]) -> bool {
    let head = &object[..object.len().min(CATALOG_WINDOW)];
    let end = head.windows(6).position(|w| w == b"endobj").unwrap_or(head.len());
    let head: Vec<u8> = head[..end].iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    head.windows(13).any(|w| w == b"/Type/Catalog")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_headers_are_read_at_line_starts() {
        assert_eq!(object_header(b"12 0 obj\n<<>>"), Some((12, 0)));
        assert_eq!(object_header(b"3  1  obj"), Some((3, 1)));
        assert_eq!(object_header(b"12 0 R"), None);
        assert_eq!(object_header(b"99999999999 0 obj"), None);
        assert_eq!(object_header(b"1000000353 00000 obj"), None);
        let objects = scan_objects(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nx 2 0 obj\n1 0 obj\n<</A 1>>\nendobj\n");
        assert_eq!(objects.into_iter().collect::<Vec<_>>(), vec![(1, (0, 39))]);
    }

    #[test]
    fn a_table_pointing_nowhere_is_rebuilt_with_the_catalog_as_root() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\nxref\n0 3\n0000000000 65535 f\r\n0000000999 00000 n\r\n0000000999 00000 n\r\ntrailer\n<</Size 3/Root 1 0 R>>\nstartxref\n120\n%%EOF\n";
        let fixed = rebuild(pdf).expect("rebuilt");
        let tail = String::from_utf8_lossy(&fixed[pdf.len()..]).into_owned();
        assert_eq!(
            tail,
            format!(
                "\nxref\n0 1\n0000000000 65535 f\r\n1 2\n0000000009 00000 n\r\n0000000058 00000 n\r\ntrailer\n<</Size 3 /Root 1 0 R>>\nstartxref\n{}\n%%EOF\n",
                pdf.len() + 1
            )
        );
        assert!(has_eof_marker(pdf));
        assert!(!has_eof_marker(&pdf[..pdf.len() - 7]));
    }
}
