//! The broken-file corpus: every kind of bad input a crawler brings home,
//! made here from code (and from the bundled sample PDFs), converted in one
//! batch with the good samples. Each bad file gets its own one-line error in
//! `documents.csv`, no panic escapes, and the good inputs convert as alone.
//!
//! `BROKEN_CORPUS_OUT=DIR cargo test broken` also writes the corpus into
//! `DIR`, to try it by hand (`budget2csv convert DIR --out out`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flate2::{Compress, Compression, FlushCompress};
use lopdf::content::{Content, Operation};
use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};

use crate::support::{document_statuses, read_csv, root, run, TempDir};

/// One bad input and the exact error it must get (empty when it must
/// convert: a damaged file that readers repair).
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    error: &'static str,
}

/// The bundled sample the corrupt variants are made from.
fn sample_pdf() -> Vec<u8> {
    std::fs::read(root().join("samples/pdf/ruled-rects.pdf")).expect("samples/pdf/ruled-rects.pdf")
}

/// A one-page PDF showing `lines` in Helvetica, top to bottom.
fn text_pdf(lines: &[&str]) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut ops = vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), 12.into()])];
    for (i, line) in lines.iter().enumerate() {
        let y = 780 - 18 * i as i64;
        ops.push(Operation::new("Tm", vec![1.into(), 0.into(), 0.into(), 1.into(), 72.into(), y.into()]));
        ops.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops }.encode().expect("content encodes");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF written");
    out
}

/// The `error` of a document that is not a budget (kind 其他, status
/// `error`): prose with no budget title and no table.
const NOT_A_BUDGET: &str =
    "not a budget: no budget title (`2026年…部门预算`) and no standard budget table among 0 tables read; not converted";

const PROSE: [&str; 3] = [
    "Minutes of the spring meeting of the gardening club.",
    "The roses did well this year; the tomatoes less so.",
    "Next meeting: the first Saturday of May.",
];

/// `doc` encrypted with RC4 (128 bits) under the two passwords.
fn encrypted(mut doc: Document, user: &str) -> Vec<u8> {
    doc.trailer.set(
        "ID",
        vec![
            Object::String(b"budget2csv-test-id".to_vec(), StringFormat::Hexadecimal),
            Object::String(b"budget2csv-test-id".to_vec(), StringFormat::Hexadecimal),
        ],
    );
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner secret",
        user_password: user,
        key_length: 128,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    save(doc)
}

/// One page showing only an image (a scan): a 1×1 grey JPEG-coded XObject.
fn image_only_pdf(pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    // Not a real JPEG: no reader here decodes the image, and a scan is
    // recognised by its missing text, not by its pictures.
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        b"\xff\xd8\xff\xe0 not really a JPEG \xff\xd9".to_vec(),
    )
    .with_compression(false);
    let image_id = doc.add_object(image);
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q".to_vec();
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
                "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image_id } },
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => pages as i64, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    save(doc)
}

/// A PDF whose page tree holds `n` pages sharing one empty content stream:
/// a tiny file that claims a huge document.
fn many_pages_pdf(n: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content_id = doc.add_object(Stream::new(dictionary! {}, Vec::new()));
    let kids: Vec<Object> = (0..n)
        .map(|_| {
            doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id }).into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => n as i64, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    save(doc)
}

/// A zlib stream that inflates to `prefix` followed by `gib` GiB of zeros,
/// made without compressing gigabytes: after a full flush every MiB of
/// zeros compresses to the same bytes, so that block is repeated, and the
/// Adler-32 of zeros is computed directly.
fn zlib_bomb(prefix: &[u8], gib: u64) -> Vec<u8> {
    const MIB: usize = 1 << 20;
    let zeros = vec![0u8; MIB];
    let mut c = Compress::new(Compression::best(), true);
    let mut out = Vec::with_capacity(64 << 10);
    let step = |c: &mut Compress, input: &[u8], flush: FlushCompress| -> Vec<u8> {
        let mut buf = Vec::with_capacity(MIB);
        let mut consumed = 0;
        loop {
            let before_in = c.total_in();
            c.compress_vec(&input[consumed..], &mut buf, flush).expect("compresses");
            consumed += (c.total_in() - before_in) as usize;
            if consumed == input.len() && buf.len() < buf.capacity() {
                return buf;
            }
            buf.reserve(MIB);
        }
    };
    out.extend(step(&mut c, prefix, FlushCompress::Full));
    let first = step(&mut c, &zeros, FlushCompress::Full);
    let block = step(&mut c, &zeros, FlushCompress::Full);
    assert_eq!(block, step(&mut c, &zeros, FlushCompress::Full), "a flushed MiB of zeros compresses alike");
    out.extend(&first);
    for _ in 1..gib * 1024 {
        out.extend(&block);
    }
    // The final empty block, without its checksum (written below).
    let mut tail = step(&mut c, &[], FlushCompress::Finish);
    tail.truncate(tail.len() - 4);
    out.extend(tail);
    let n = prefix.len() as u64 + gib * 1024 * MIB as u64;
    let (mut a, mut b) = (1u64, 0u64);
    for &byte in prefix {
        a = (a + u64::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    b = (b + a * ((n - prefix.len() as u64) % 65521)) % 65521;
    out.extend(((b << 16 | a) as u32).to_be_bytes());
    out
}

/// A page whose content stream inflates to 4 GiB.
fn content_bomb_pdf() -> Vec<u8> {
    let mut doc = text_pdf(&PROSE);
    let page = *doc.get_pages().values().next().expect("a page");
    let bomb = Stream::new(dictionary! { "Filter" => "FlateDecode" }, zlib_bomb(b"BT /F1 12 Tf (boom) Tj ET\n", 4))
        .with_compression(false);
    let bomb_id = doc.add_object(bomb);
    doc.get_dictionary_mut(page).expect("page").set("Contents", bomb_id);
    save(doc)
}

/// A PDF written byte by byte: `objects` numbered from 1, then either a
/// classic cross-reference table or, given `xref_stream`, a cross-reference
/// stream object with that (already compressed) data.
fn raw_pdf(objects: &[Vec<u8>], xref_stream: Option<Vec<u8>>) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let start = out.len();
    let size = objects.len() + 1;
    match xref_stream {
        None => {
            out.extend(format!("xref\n0 {size}\n0000000000 65535 f\r\n").as_bytes());
            for o in &offsets {
                out.extend(format!("{o:010} 00000 n\r\n").as_bytes());
            }
            out.extend(format!("trailer\n<</Size {size} /Root 1 0 R>>\n").as_bytes());
        }
        Some(data) => {
            let dict = format!(
                "{size} 0 obj\n<</Type /XRef /Size {} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length {}>>\nstream\n",
                size + 1,
                data.len()
            );
            out.extend(dict.as_bytes());
            out.extend(data);
            out.extend(b"\nendstream\nendobj\n");
        }
    }
    out.extend(format!("startxref\n{start}\n%%EOF\n").as_bytes());
    out
}

/// Objects 1 to 4: catalog, page tree, a page with font `font`, and the
/// page's content, one line of text.
fn page_objects(font: u32) -> Vec<Vec<u8>> {
    vec![
        b"<</Type /Catalog /Pages 2 0 R>>".to_vec(),
        b"<</Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842]>>".to_vec(),
        format!("<</Type /Page /Parent 2 0 R /Resources <</Font <</F1 {font} 0 R>>>> /Contents 4 0 R>>").into_bytes(),
        stream_object("", b"BT /F1 12 Tf 72 780 Td (boom) Tj ET"),
    ]
}

fn stream_object(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<<{dict} /Length {}>>\nstream\n", data.len()).into_bytes();
    body.extend(data);
    body.extend(b"\nendstream");
    body
}

/// A PDF whose object stream (holding its font) inflates to 4 GiB, which
/// a reader unpacks while it loads the file.
fn object_stream_bomb_pdf() -> Vec<u8> {
    // The font, object 6, lives only in the object stream, object 5.
    let mut objects = page_objects(6);
    let index = "6 0 ";
    let payload = format!("{index}<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>\n");
    let dict = format!("/Type /ObjStm /N 1 /First {} /Filter /FlateDecode", index.len());
    objects.push(stream_object(&dict, &zlib_bomb(payload.as_bytes(), 4)));
    raw_pdf(&objects, None)
}

/// A PDF whose cross-reference stream inflates to 4 GiB, which a reader
/// inflates before anything else.
fn xref_stream_bomb_pdf() -> Vec<u8> {
    let mut objects = page_objects(5);
    objects.push(b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>".to_vec());
    raw_pdf(&objects, Some(zlib_bomb(&[1, 0, 0, 0, 0, 0, 0], 4)))
}

/// A page that draws a form XObject that draws itself.
fn self_drawing_form_pdf() -> Vec<u8> {
    let mut objects = page_objects(5);
    objects[2] =
        b"<</Type /Page /Parent 2 0 R /Resources <</Font <</F1 5 0 R>> /XObject <</Fm1 6 0 R>>>> /Contents 4 0 R>>"
            .to_vec();
    objects[3] = stream_object("", b"BT /F1 12 Tf 72 780 Td (loop) Tj ET /Fm1 Do");
    objects.push(b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>".to_vec());
    objects.push(stream_object("/Type /XObject /Subtype /Form /BBox [0 0 595 842]", b"q /Fm1 Do Q"));
    raw_pdf(&objects, None)
}

/// A page tree whose node is its own parent, and a page that inherits its
/// resources and media box from it.
fn cyclic_page_tree_pdf() -> Vec<u8> {
    let mut objects = page_objects(5);
    objects[1] = b"<</Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R>>".to_vec();
    objects[2] = b"<</Type /Page /Parent 2 0 R /Contents 4 0 R>>".to_vec();
    objects.push(b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>".to_vec());
    raw_pdf(&objects, None)
}

/// `bytes` with the offsets of its cross-reference table overwritten.
fn broken_xref(bytes: &[u8]) -> Vec<u8> {
    let at = bytes.windows(5).rposition(|w| w == b"\nxref").expect("a classic xref table") + 1;
    let mut out = bytes[..at].to_vec();
    for line in bytes[at..].split_inclusive(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let fields: Vec<&str> = text.split_whitespace().collect();
        if fields.len() == 3 && fields[2] == "n" {
            out.extend(format!("0000000017 {} n\r\n", fields[1]).as_bytes());
        } else {
            out.extend(line);
        }
    }
    out
}

/// Bytes that are neither a PDF nor text: a fixed pseudo-random sequence.
fn random_bytes(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// `broken_xref` of a file whose catalog cannot be found either.
fn broken_xref_without_catalog(bytes: &[u8]) -> Vec<u8> {
    let text = broken_xref(bytes);
    let at = text.windows(8).position(|w| w == b"/Catalog").expect("a catalog");
    let mut out = text;
    out[at..at + 8].copy_from_slice(b"/Katalog");
    out
}

const TRUNCATED: &str = "truncated PDF: the file ends before its end-of-file marker (download cut short?)";

fn corpus() -> Vec<Case> {
    let sample = sample_pdf();
    let cut = |permille: usize| sample[..sample.len() * permille / 1000].to_vec();
    vec![
        Case { name: "empty.pdf", bytes: Vec::new(), error: "empty file" },
        Case { name: "random.pdf", bytes: random_bytes(4096), error: "not a PDF (no %PDF- header) and not text (UTF-8, UTF-16 or GBK)" },
        Case {
            name: "error-page.pdf",
            bytes: b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"
                .to_vec(),
            error: "not a PDF: an HTML page",
        },
        Case { name: "truncated-header.pdf", bytes: sample[..9].to_vec(), error: TRUNCATED },
        Case { name: "truncated-10.pdf", bytes: cut(100), error: TRUNCATED },
        Case { name: "truncated-50.pdf", bytes: cut(500), error: TRUNCATED },
        Case { name: "truncated-90.pdf", bytes: cut(900), error: TRUNCATED },
        Case { name: "truncated-99.pdf", bytes: cut(990), error: TRUNCATED },
        Case { name: "truncated-eof.pdf", bytes: sample[..sample.len() - 7].to_vec(), error: TRUNCATED },
        // Rebuilt as readers do: converts like the sample it was made from.
        Case { name: "broken-xref.pdf", bytes: broken_xref(&sample), error: "" },
        Case {
            name: "broken-xref-no-catalog.pdf",
            bytes: broken_xref_without_catalog(&sample),
            error: "unreadable PDF: no page tree (the cross-reference table leads nowhere and no catalog was found to rebuild it)",
        },
        Case {
            name: "encrypted-user-password.pdf",
            bytes: encrypted(text_pdf(&PROSE), "user secret"),
            error: "encrypted PDF: a password is required to open it",
        },
        // An owner password only: opens as in any reader.
        Case {
            name: "encrypted-owner-only.pdf",
            bytes: encrypted(text_pdf(&PROSE), ""),
            error: NOT_A_BUDGET,
        },
        Case { name: "scanned.pdf", bytes: image_only_pdf(3), error: "no text layer on pages 1–3 (scanned?)" },
        Case { name: "not-a-budget.pdf", bytes: save(text_pdf(&PROSE)), error: NOT_A_BUDGET },
        Case {
            name: "content-bomb.pdf",
            bytes: content_bomb_pdf(),
            error: "decompression bomb refused: object 6 0 inflates past the 64 MiB limit",
        },
        Case {
            name: "objstm-bomb.pdf",
            bytes: object_stream_bomb_pdf(),
            error: "decompression bomb refused: the object stream at byte 337 inflates past the 64 MiB limit",
        },
        Case {
            name: "xref-bomb.pdf",
            bytes: xref_stream_bomb_pdf(),
            error: "decompression bomb refused: the cross-reference stream at byte 405 inflates past the 64 MiB limit",
        },
        Case {
            name: "self-drawing-form.pdf",
            bytes: self_drawing_form_pdf(),
            error: "form XObjects nested more than 32 deep on page 1 (a form that draws itself?)",
        },
        // The page inherits nothing (its tree loops), so its font is missing.
        Case { name: "cyclic-page-tree.pdf", bytes: cyclic_page_tree_pdf(), error: "PDF reader failed on page 1: Font" },
        Case { name: "many-pages.pdf", bytes: many_pages_pdf(100_000), error: "too many pages: 100000 (the limit is 2000)" },
    ]
}

fn write_corpus(dir: &Path, cases: &[Case]) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("corpus folder");
    cases
        .iter()
        .map(|c| {
            let p = dir.join(c.name);
            std::fs::File::create(&p).and_then(|mut f| f.write_all(&c.bytes)).expect("corpus file written");
            p
        })
        .collect()
}

/// The cells.csv rows of one source, without the source column.
fn cells_of(out_dir: &Path, source_suffix: &str) -> Vec<Vec<String>> {
    read_csv(&out_dir.join("cells.csv"))
        .iter()
        .filter(|c| c["source"].ends_with(source_suffix))
        .map(|c| c.without("source"))
        .collect()
}

#[test]
fn every_broken_file_gets_its_own_error_and_the_batch_goes_on() {
    let cases = corpus();
    if let Some(dir) = std::env::var_os("BROKEN_CORPUS_OUT") {
        write_corpus(Path::new(&dir), &cases);
    }
    let tmp = TempDir::new("broken-corpus");
    let files = write_corpus(&tmp.path().join("broken"), &cases);
    let good = ["samples/text/wuchang-gov-office-2024.txt", "samples/pdf/ruled-rects.pdf", "samples/pdf/unruled.pdf"];
    let good: Vec<PathBuf> = good.iter().map(|g| root().join(g)).collect();
    let batch_out = tmp.path().join("batch");
    let start = Instant::now();
    let out = convert(files.iter().chain(&good), &batch_out);
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "a panic escaped: {stderr}");

    let rows = document_statuses(&batch_out);
    let mut wrong = Vec::new();
    for case in &cases {
        let expected = match case.error {
            "" => ("ok", ""),
            NOT_A_BUDGET => ("error", NOT_A_BUDGET),
            error => ("error", error),
        };
        match rows.iter().find(|(s, _, _)| s.ends_with(case.name)) {
            Some((_, status, error)) if (status.as_str(), error.as_str()) == expected => {}
            Some((_, status, error)) => wrong.push(format!("{}: {status} {error:?}, expected {expected:?}", case.name)),
            None => wrong.push(format!("{}: no row in documents.csv", case.name)),
        }
    }
    // The good inputs convert in the batch exactly as they do alone.
    let alone_out = tmp.path().join("alone");
    let alone = convert(good.iter(), &alone_out);
    assert_eq!(alone.status.code(), Some(0), "{}", String::from_utf8_lossy(&alone.stderr));
    for g in &good {
        let name = g.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let (in_batch, by_itself) = (cells_of(&batch_out, name), cells_of(&alone_out, name));
        if in_batch.is_empty() || in_batch != by_itself {
            wrong.push(format!("{name}: {} cells in the batch, {} alone", in_batch.len(), by_itself.len()));
        }
    }
    // The rebuilt file reads as the sample it was made from.
    if cells_of(&batch_out, "broken-xref.pdf") != cells_of(&batch_out, "ruled-rects.pdf") {
        wrong.push("broken-xref.pdf: its cells differ from those of ruled-rects.pdf".into());
    }
    assert!(wrong.is_empty(), "documents.csv rows differ:\n{}", wrong.join("\n"));
    // Not a benchmark: a guard against a file that makes the batch hang.
    assert!(elapsed < Duration::from_secs(300), "the batch took {elapsed:?}");
}

fn convert<'a>(inputs: impl Iterator<Item = &'a PathBuf>, out_dir: &Path) -> std::process::Output {
    let mut args: Vec<String> = vec!["convert".into()];
    args.extend(inputs.map(|p| p.to_string_lossy().into_owned()));
    args.extend(["--out".into(), out_dir.to_string_lossy().into_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}
