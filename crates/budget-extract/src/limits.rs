//! Limits that keep a hostile PDF from eating the machine.
//!
//! A crawler brings home files built to exhaust memory. `lopdf` and
//! `pdf-extract` inflate compressed streams without any cap (a 4 MB file
//! can hold a page that inflates to 4 GB), so every stream is measured here
//! through a capped decoder, which counts and throws the bytes away, before
//! anything inflates it for real (a stream compressed with Flate alone that
//! is too short to reach the limit, at deflate's 1032 bytes out per byte in
//! at most, is bounded by its length instead):
//!
//! - [`check_raw`], before the file is loaded: the cross-reference and object
//!   streams, which `lopdf` inflates while it loads the file, found by their
//!   `/XRef` and `/ObjStm` keys in the raw bytes;
//! - [`check_streams`], after it is loaded (and decrypted): every stream of
//!   the document through its own filter chain (content streams, form
//!   XObjects, fonts, CMaps);
//! - [`check_page_content`], per page: a page's content streams together,
//!   which are joined into one before the page is read.
//!
//! Image XObjects are emptied by [`check_streams`] instead of measured:
//! nothing here reads pictures, and `pdf-extract` would otherwise inflate
//! every image a page draws and parse it as page content.
//!
//! The limits themselves are fields of [`PdfOptions`], with their defaults
//! there; the number of pages is checked in `load.rs`, glyphs per page by the
//! output device, drawing operations per page by the rule reader.

use std::collections::HashMap;
use std::io::Read;

use flate2::read::{DeflateDecoder, ZlibDecoder};
use pdf_extract::{Document, Object, ObjectId, Stream};

use crate::error::{ErrorKind, Limit};
use crate::options::PdfOptions;

/// How far after an `/XRef` or `/ObjStm` key its `stream` keyword is looked for.
const DICT_WINDOW: usize = 4096;

/// Refuses a file larger than the limit.
pub(crate) fn check_file_size(bytes: u64, options: &PdfOptions) -> Result<(), ErrorKind> {
    if bytes > options.max_file_bytes {
        return Err(ErrorKind::Limit(Limit::FileSize { bytes, max: options.max_file_bytes }));
    }
    Ok(())
}

/// Measures, in the raw bytes, the streams that the loader inflates: a
/// cross-reference stream (`/Type /XRef`) or an object stream
/// (`/Type /ObjStm`) that inflates past the limit is refused.
pub(crate) fn check_raw(bytes: &[u8], options: &PdfOptions) -> Result<(), ErrorKind> {
    let cap = options.max_stream_bytes;
    for (key, what) in [(&b"/XRef"[..], "cross-reference stream"), (&b"/ObjStm"[..], "object stream")] {
        let mut from = 0;
        while let Some(at) = find(&bytes[from..], key).map(|i| i + from) {
            from = at + key.len();
            let Some(data) = stream_data_after(&bytes[from..]) else { continue };
            if flate_size(data, cap) > cap {
                let what = format!("the {what} at byte {at}");
                return Err(ErrorKind::Limit(Limit::Inflated { what, max: cap }));
            }
        }
    }
    Ok(())
}

/// Inflated sizes of the streams of a loaded document, by object: the
/// size, or a bound on it (see [`flate_bound`]).
pub(crate) type Sizes = HashMap<ObjectId, u64>;

/// Deflate gives at most 1032 bytes per byte (zlib's documented bound);
/// with room for block and stream headers.
const DEFLATE_RATIO: u64 = 1100;
const DEFLATE_SLACK: u64 = 4096;

/// A bound on what a stream compressed with Flate alone inflates to, from
/// its length: no stream under the limit's 1/1100 needs to be inflated to
/// know that it stays under the limit.
fn flate_bound(stream: &Stream) -> Option<u64> {
    let filters = stream.filters().ok()?;
    matches!(filters.as_slice(), [b"FlateDecode"])
        .then(|| (stream.content.len() as u64).saturating_mul(DEFLATE_RATIO).saturating_add(DEFLATE_SLACK))
}

/// Empties every image and measures every other stream of a loaded
/// document through its filters; refuses one that inflates past the limit.
pub(crate) fn check_streams(doc: &mut Document, options: &PdfOptions) -> Result<Sizes, ErrorKind> {
    let cap = options.max_stream_bytes;
    let mut sizes = Sizes::new();
    for (&id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else { continue };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image") {
            stream.set_plain_content(Vec::new());
            continue;
        }
        let size = match flate_bound(stream) {
            Some(bound) if bound <= cap => bound,
            _ => decoded_size(stream, cap),
        };
        if size > cap {
            let what = format!("object {} {}", id.0, id.1);
            return Err(ErrorKind::Limit(Limit::Inflated { what, max: cap }));
        }
        sizes.insert(id, size);
    }
    Ok(sizes)
}

/// Refuses a page whose content streams, joined, inflate past the limit.
pub(crate) fn check_page_content(
    doc: &Document,
    page: ObjectId,
    number: u32,
    sizes: &Sizes,
    options: &PdfOptions,
) -> Result<(), ErrorKind> {
    let contents = doc.get_page_contents(page);
    let bound: u64 = contents.iter().filter_map(|id| sizes.get(id)).sum();
    if bound <= options.max_stream_bytes {
        return Ok(());
    }
    // Some sizes are bounds: the streams measured.
    let exact = |id: &ObjectId| match doc.get_object(*id).and_then(Object::as_stream) {
        Ok(stream) => decoded_size(stream, options.max_stream_bytes),
        Err(_) => sizes.get(id).copied().unwrap_or(0),
    };
    let total: u64 = contents.iter().filter(|id| sizes.contains_key(id)).map(exact).sum();
    if total > options.max_stream_bytes {
        let what = format!("the content of page {number}");
        return Err(ErrorKind::Limit(Limit::Inflated { what, max: options.max_stream_bytes }));
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The bytes after the first `stream` keyword and its end of line.
fn stream_data_after(bytes: &[u8]) -> Option<&[u8]> {
    let window = &bytes[..bytes.len().min(DICT_WINDOW)];
    let at = find(window, b"stream")? + b"stream".len();
    let rest = &bytes[at..];
    Some(
        rest.strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .or_else(|| rest.strip_prefix(b"\r"))
            .unwrap_or(rest),
    )
}

/// The size of a stream once decoded, counted up to `cap + 1`, through the
/// filters `lopdf` decodes (Flate, LZW, ASCII85); a filter it does not
/// decode ends the chain, as the stream is then read as it is.
fn decoded_size(stream: &Stream, cap: u64) -> u64 {
    let Ok(filters) = stream.filters() else { return stream.content.len() as u64 };
    let mut data = std::borrow::Cow::Borrowed(stream.content.as_slice());
    let last = filters.len().saturating_sub(1);
    for (i, filter) in filters.iter().enumerate() {
        let size = match *filter {
            b"FlateDecode" if i == last => return flate_size(&data, cap),
            b"LZWDecode" if i == last => return lzw_size(&data, cap),
            b"FlateDecode" => flate_decode(&data, cap),
            b"LZWDecode" => lzw_decode(&data, cap),
            // At most four bytes out per byte in: decoded by lopdf itself.
            b"ASCII85Decode" => {
                let one = Stream::new(lopdf::dictionary! { "Filter" => "ASCII85Decode" }, data.to_vec());
                one.decompressed_content().unwrap_or_default()
            }
            _ => return data.len() as u64,
        };
        if size.len() as u64 > cap {
            return size.len() as u64;
        }
        data = std::borrow::Cow::Owned(size);
    }
    data.len() as u64
}

/// Inflated size of zlib data, up to `cap + 1`, read as `lopdf` reads it:
/// zlib, or raw deflate after the two header bytes when zlib gives nothing.
fn flate_size(data: &[u8], cap: u64) -> u64 {
    let zlib = count(ZlibDecoder::new(data), cap);
    if zlib > 0 || data.len() <= 2 {
        return zlib;
    }
    count(DeflateDecoder::new(&data[2..]), cap)
}

/// Bytes a reader gives, up to `cap + 1`; a read error ends the count.
fn count(reader: impl Read, cap: u64) -> u64 {
    let mut limited = reader.take(cap + 1);
    let mut buf = vec![0u8; 64 << 10];
    let mut total = 0u64;
    while let Ok(n) = limited.read(&mut buf) {
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    total
}

/// Inflated zlib data, at most `cap + 1` bytes of it.
fn flate_decode(data: &[u8], cap: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = ZlibDecoder::new(data).take(cap + 1).read_to_end(&mut out);
    if out.is_empty() && data.len() > 2 {
        let _ = DeflateDecoder::new(&data[2..]).take(cap + 1).read_to_end(&mut out);
    }
    out
}

/// LZW-decoded size (early change, as PDF's default), up to `cap + 1`.
fn lzw_size(data: &[u8], cap: u64) -> u64 {
    lzw(data, cap, |_| {})
}

/// LZW-decoded data, at most `cap + 1` bytes of it.
fn lzw_decode(data: &[u8], cap: u64) -> Vec<u8> {
    let mut out = Vec::new();
    lzw(data, cap, |chunk| out.extend_from_slice(chunk));
    out
}

fn lzw(mut data: &[u8], cap: u64, mut sink: impl FnMut(&[u8])) -> u64 {
    let mut decoder = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let mut buf = vec![0u8; 64 << 10];
    let mut total = 0u64;
    while total <= cap {
        let r = decoder.decode_bytes(data, &mut buf);
        sink(&buf[..r.consumed_out]);
        total += r.consumed_out as u64;
        data = &data[r.consumed_in..];
        match r.status {
            Ok(weezl::LzwStatus::Ok) if r.consumed_in > 0 || r.consumed_out > 0 => {}
            _ => break,
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).expect("in memory");
        e.finish().expect("in memory")
    }

    #[test]
    fn flate_is_counted_up_to_one_past_the_cap() {
        let data = zlib(&vec![b'x'; 100_000]);
        assert_eq!(flate_size(&data, 1 << 20), 100_000);
        assert_eq!(flate_size(&data, 1000), 1001);
        assert_eq!(flate_size(b"not zlib at all", 1000), 0);
    }

    #[test]
    fn raw_deflate_after_a_broken_header_is_counted_as_lopdf_reads_it() {
        let mut e = flate2::write::DeflateEncoder::new(b"??".to_vec(), flate2::Compression::default());
        e.write_all(&[7u8; 5000]).expect("in memory");
        let data = e.finish().expect("in memory");
        assert_eq!(flate_size(&data, 1 << 20), 5000);
    }

    #[test]
    fn lzw_is_counted_as_decoded() {
        let mut enc = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let data = enc.encode(&[3u8; 50_000]).expect("encodes");
        assert_eq!(lzw_size(&data, 1 << 20), 50_000);
        assert!(lzw_size(&data, 100) > 100);
    }

    #[test]
    fn a_chain_is_decoded_stage_by_stage() {
        let inner = zlib(&[b'a'; 3000]);
        let hex: String = inner.iter().map(|b| format!("{b:02x}")).collect();
        // ASCIIHex is not decoded by lopdf: the chain ends there.
        let s = Stream::new(
            lopdf::dictionary! { "Filter" => vec!["ASCIIHexDecode".into(), "FlateDecode".into()] },
            hex.clone().into_bytes(),
        );
        assert_eq!(decoded_size(&s, 1 << 20), hex.len() as u64);
        let s = Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, inner);
        assert_eq!(decoded_size(&s, 1 << 20), 3000);
    }

    /// A document of one page drawn by content streams of `n` bytes each
    /// (zeros, compressed).
    fn page_of_streams(sizes: &[usize]) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let contents: Vec<Object> = sizes
            .iter()
            .map(|&n| {
                let stream = Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, zlib(&vec![0u8; n]));
                Object::Reference(doc.add_object(stream))
            })
            .collect();
        let page = doc.add_object(lopdf::dictionary! { "Type" => "Page", "Contents" => contents });
        (doc, page)
    }

    #[test]
    fn small_flate_streams_are_bounded_and_a_page_over_the_limit_measured() {
        let options = PdfOptions { max_stream_bytes: 1_000_000, ..PdfOptions::default() };
        // Each stream's bound (1100 per byte) stays under the limit: none
        // is inflated here.
        let (mut doc, page) = page_of_streams(&[300_000, 300_000, 300_000]);
        let sizes = check_streams(&mut doc, &options).expect("under the limit");
        assert!(sizes.values().all(|&s| s < 1_000_000 && s != 300_000), "{sizes:?}");
        // Their bounds add up past the limit; measured, they are 900,000.
        assert!(sizes.values().sum::<u64>() > 1_000_000);
        assert!(check_page_content(&doc, page, 1, &sizes, &options).is_ok());
        // 1,200,000 together: refused.
        let (mut doc, page) = page_of_streams(&[600_000, 600_000]);
        let sizes = check_streams(&mut doc, &options).expect("each under the limit");
        let err = check_page_content(&doc, page, 1, &sizes, &options).expect_err("refused");
        assert!(err.to_string().contains("the content of page 1"), "{err}");
        // One stream whose bound is past the limit is measured, and refused.
        let (mut doc, _) = page_of_streams(&[3_000_000]);
        assert!(check_streams(&mut doc, &options).is_err());
    }

    #[test]
    fn object_streams_are_found_in_the_raw_bytes() {
        let bomb = zlib(&vec![0u8; 3 << 20]);
        let mut pdf = b"%PDF-1.5\n4 0 obj\n<</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode>>\nstream\r\n".to_vec();
        pdf.extend(&bomb);
        pdf.extend(b"\nendstream\nendobj\n");
        let options = PdfOptions { max_stream_bytes: 1 << 20, ..PdfOptions::default() };
        let err = check_raw(&pdf, &options).expect_err("refused");
        assert_eq!(
            err.to_string(),
            "decompression bomb refused: the object stream at byte 25 inflates past the 1 MiB limit"
        );
        assert!(check_raw(&pdf, &PdfOptions::default()).is_ok());
    }
}
