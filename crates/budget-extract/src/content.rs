//! Content streams decoded fast, into exactly what lopdf's decoder returns.
//!
//! pdf-extract decodes every page with lopdf's `Content::decode` (nom, an
//! object per operand); the rules (`paths`) and the strings each font shows
//! (`tounicode`) must see the same operations, and decoding them again with
//! lopdf cost as much as a third of a conversion. [`operations`] reads the
//! common forms itself, without allocating for numbers, operators or plain
//! names, and hands anything else to lopdf:
//!
//! - operands: numbers (`real` before `integer`, as lopdf tries them),
//!   names (with `#xx`), literal and hex strings, arrays of these,
//!   dictionaries (marked content), `null`, `true`, `false`;
//! - operators: letters, `*`, `'` and `"`, each followed by spaces, tabs,
//!   CR or LF only (lopdf's content white space);
//! - comments where an operation starts.
//!
//! lopdf stops without error at the first operation it cannot read and
//! returns those before it; so does [`operations`] where that is certain (a
//! byte that starts no operand and no operator). Inline images (`BI`), an
//! `R` inside an array or dictionary (a reference to lopdf there), NUL or
//! form feed, a comment after operands or inside an array, and deep
//! nesting go to lopdf, whose result is converted.
//!
//! [`text_only`] gives pdf-extract a page of its text operations alone,
//! cut from the stream as written (the fast reader records where each
//! operation is), so that lopdf parses the text of a page and not its
//! paths.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use pdf_extract::content::Content;
use pdf_extract::Object;

/// Nesting of arrays, dictionaries and parentheses read here at most.
const MAX_NESTING: usize = 32;

/// One operand, as far as this crate reads operands.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand<'a> {
    Integer(i64),
    Real(f32),
    /// A real as written (`-.5`, `12.`): read as lopdf reads it (`f32`)
    /// when its value is asked for, which most operators never do.
    RealText(&'a [u8]),
    Name(Cow<'a, [u8]>),
    String(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// `null`, a boolean, a dictionary (or, from lopdf, anything else).
    Other,
}

impl Operand<'_> {
    /// The value of a number.
    pub(crate) fn number(&self) -> Option<f64> {
        match self {
            Operand::Integer(i) => Some(*i as f64),
            Operand::Real(r) => Some(f64::from(*r)),
            Operand::RealText(text) => real(text).map(f64::from),
            _ => None,
        }
    }

    /// The bytes of a name.
    pub(crate) fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }

    fn from_lopdf(object: Object) -> Operand<'static> {
        match object {
            Object::Integer(i) => Operand::Integer(i),
            Object::Real(r) => Operand::Real(r),
            Object::Name(n) => Operand::Name(Cow::Owned(n)),
            Object::String(s, _) => Operand::String(Cow::Owned(s)),
            Object::Array(items) => Operand::Array(items.into_iter().map(Operand::from_lopdf).collect()),
            _ => Operand::Other,
        }
    }
}

/// The operations of a content stream, in order.
#[derive(Debug, Default)]
pub(crate) struct Operations<'a> {
    /// Operator and the range of its operands in `operands`.
    ops: Vec<(Cow<'a, [u8]>, usize, usize)>,
    operands: Vec<Operand<'a>>,
    /// Where each operation is written in the stream, operands to
    /// operator (the fast reader only; empty when lopdf read it).
    spans: Vec<Range<usize>>,
}

impl<'a> Operations<'a> {
    /// Each operator with its operands.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&[u8], &[Operand<'a>])> + '_ {
        self.ops.iter().map(|(op, start, end)| (op.as_ref(), &self.operands[*start..*end]))
    }

    /// Number of operations.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.ops.len()
    }
}

/// Decodes a content stream into the operations lopdf's `Content::decode`
/// returns; `None` where that fails (an inline image without its end).
pub(crate) fn operations(bytes: &[u8]) -> Option<Operations<'_>> {
    match fast(bytes) {
        Some(ops) => Some(ops),
        None => lopdf(bytes),
    }
}

/// A real's text as lopdf reads it (`f32::from_str`; the syntax was
/// checked when it was read).
fn real(text: &[u8]) -> Option<f32> {
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// Through lopdf itself.
fn lopdf(bytes: &[u8]) -> Option<Operations<'static>> {
    let content = Content::decode(bytes).ok()?;
    let mut out = Operations::default();
    for op in content.operations {
        let start = out.operands.len();
        out.operands.extend(op.operands.into_iter().map(Operand::from_lopdf));
        out.ops.push((Cow::Owned(op.operator.into_bytes()), start, out.operands.len()));
    }
    Some(out)
}

/// The operators pdf-extract 0.12 acts on for text: text objects and
/// state, text shown, the graphics state stack, the matrix, extended
/// graphics states (which can set the font) and XObjects (forms show text).
/// Everything else (paths, painting, clipping, colour, marked content) it
/// reads and throws away, or hands to `OutputDev::stroke`/`fill`, which
/// the rules do not come from (see `paths`).
const TEXT_OPERATORS: &[&[u8]] = &[
    b"BT", b"ET", b"Tc", b"Tw", b"Tz", b"TL", b"Tf", b"Ts", b"Tr", b"Tm", b"Td", b"TD", b"T*", b"Tj", b"TJ", b"'",
    b"\"", b"q", b"Q", b"cm", b"gs", b"Do",
];

/// The content stream with only the operations that decide its text, as
/// written (`None` when the fast reader cannot read it, or nothing would
/// be left out). `keep_draw` says whether a `Do` of a name is kept.
///
/// lopdf decodes what is left into the same text operations, in the same
/// order, as it decodes from the whole stream: each operation kept is its
/// own bytes, and the reading stops where lopdf's would (module docs).
/// `ops` are the operations of `bytes`.
pub(crate) fn text_only(ops: &Operations, bytes: &[u8], keep_draw: impl Fn(&[u8]) -> bool) -> Option<Vec<u8>> {
    // Read by lopdf: where each operation is written is not known.
    if ops.spans.len() != ops.ops.len() {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut dropped = false;
    for (i, (operator, operands)) in ops.iter().enumerate() {
        let keep = TEXT_OPERATORS.contains(&operator)
            && (operator != b"Do" || operands.first().and_then(Operand::name).is_none_or(&keep_draw));
        if keep {
            out.extend_from_slice(&bytes[ops.spans[i].clone()]);
            out.push(b'\n');
        } else {
            dropped = true;
        }
    }
    dropped.then_some(out)
}

/// [`text_only`] with the codes that fonts of two bytes per code show
/// renumbered: per font name, the codes in the order first shown become
/// 0, 1, 2, …. `two_byte` says which font names are such fonts.
pub(crate) struct Renumbered<'n> {
    /// The content of text operations, strings of those fonts renumbered.
    pub(crate) content: Vec<u8>,
    /// Per font name, the code each new code stands for (new code = index).
    pub(crate) codes: Vec<(&'n [u8], Vec<u16>)>,
}

/// The content as [`text_only`] gives it, with the strings shown (`Tj`,
/// `TJ`) in fonts `two_byte` accepts renumbered ([`Renumbered`]), as
/// pdf-extract reads them: the font set by `Tf`, kept by `q` and `Q`, two
/// bytes a code (an odd last byte is no code). `None` where which font a
/// string is shown in is not certain from the content alone: a string
/// shown before any `Tf`, an extended graphics state that sets a font
/// (`gs` of a name `state_sets_font` accepts), a form drawn (`Do`, whose
/// content shows strings in the page's fonts); and where the stream is not
/// read here.
pub(crate) fn text_renumbered<'n>(
    ops: &'n Operations,
    bytes: &[u8],
    keep_draw: impl Fn(&[u8]) -> bool,
    two_byte: impl Fn(&[u8]) -> bool,
    state_sets_font: impl Fn(&[u8]) -> bool,
) -> Option<Renumbered<'n>> {
    if ops.spans.len() != ops.ops.len() {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut font: Option<&[u8]> = None;
    let mut stack: Vec<Option<&[u8]>> = Vec::new();
    let mut fonts: Vec<Numbering> = Vec::new();
    for (i, (operator, operands)) in ops.iter().enumerate() {
        if !TEXT_OPERATORS.contains(&operator) {
            continue;
        }
        match operator {
            b"q" => stack.push(font),
            b"Q" => {
                if let Some(f) = stack.pop() {
                    font = f;
                }
            }
            b"Tf" => font = Some(operands.first()?.name()?),
            b"gs" if operands.first().and_then(Operand::name).is_none_or(&state_sets_font) => return None,
            b"Do" if operands.first().and_then(Operand::name).is_none_or(&keep_draw) => return None,
            b"Do" => continue,
            b"Tj" | b"TJ" if two_byte(font?) => {
                let name = font?;
                let at = match fonts.iter().position(|f| f.name == name) {
                    Some(at) => at,
                    None => {
                        fonts.push(Numbering { name, order: Vec::new(), new: HashMap::new() });
                        fonts.len() - 1
                    }
                };
                fonts[at].write_shown(operator, operands.first()?, &mut out)?;
                continue;
            }
            _ => {}
        }
        out.extend_from_slice(&bytes[ops.spans[i].clone()]);
        out.push(b'\n');
    }
    let codes = fonts.into_iter().map(|f| (f.name, f.order)).collect();
    Some(Renumbered { content: out, codes })
}

/// The codes of one font name renumbered in the order first shown.
struct Numbering<'n> {
    name: &'n [u8],
    /// The code each new code stands for.
    order: Vec<u16>,
    /// Code → new code.
    new: HashMap<u16, u16>,
}

impl Numbering<'_> {
    /// `<hex> Tj` or `[<hex> n …] TJ` with the string's codes renumbered;
    /// `None` for an operand pdf-extract reads otherwise, or past 65,536
    /// codes.
    fn write_shown(&mut self, operator: &[u8], operand: &Operand, out: &mut Vec<u8>) -> Option<()> {
        match (operator, operand) {
            (b"Tj", Operand::String(s)) => self.write_string(s, out)?,
            (b"TJ", Operand::Array(items)) => {
                out.push(b'[');
                for item in items {
                    match item {
                        Operand::String(s) => self.write_string(s, out)?,
                        Operand::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
                        Operand::RealText(text) => out.extend_from_slice(text),
                        _ => return None,
                    }
                    out.push(b' ');
                }
                out.push(b']');
            }
            _ => return None,
        }
        out.push(b' ');
        out.extend_from_slice(operator);
        out.push(b'\n');
        Some(())
    }

    /// A string as a hex string of new codes, two bytes each; an odd last
    /// byte, no code to pdf-extract, is kept as it is.
    fn write_string(&mut self, s: &[u8], out: &mut Vec<u8>) -> Option<()> {
        out.push(b'<');
        for pair in s.chunks(2) {
            let [hi, lo] = *pair else {
                out.extend_from_slice(format!("{:02X}", pair[0]).as_bytes());
                continue;
            };
            let code = u16::from_be_bytes([hi, lo]);
            let next = u16::try_from(self.order.len()).ok()?;
            let new = *self.new.entry(code).or_insert_with(|| {
                self.order.push(code);
                next
            });
            out.extend_from_slice(format!("{new:04X}").as_bytes());
        }
        out.push(b'>');
        Some(())
    }
}

/// The fast reader; `None` when the stream needs lopdf (module docs).
fn fast(bytes: &[u8]) -> Option<Operations<'_>> {
    let mut r = Reader { bytes, at: 0 };
    // About one operand per 6 bytes and one operator per 12 in real pages.
    let mut out = Operations {
        ops: Vec::with_capacity(bytes.len() / 12),
        operands: Vec::with_capacity(bytes.len() / 6),
        spans: Vec::with_capacity(bytes.len() / 12),
    };
    r.skip_content_space();
    loop {
        match r.operation(&mut out)? {
            Step::Read => {}
            Step::Stop => return Some(out),
        }
    }
}

/// What reading one operation gave.
enum Step {
    /// An operation was read.
    Read,
    /// The stream ends here (as lopdf ends it).
    Stop,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn is_content_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// lopdf's white space (inside names and hex strings).
fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0 | 0x0c)
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_operator_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'*' | b'\'' | b'"')
}

fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.at + offset).copied()
    }

    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.at..]
    }

    fn skip_content_space(&mut self) {
        while self.peek().is_some_and(is_content_space) {
            self.at += 1;
        }
    }

    /// Comments, then operands and an operator, then white space.
    fn operation(&mut self, out: &mut Operations<'a>) -> Option<Step> {
        self.comments();
        if self.at == self.bytes.len() {
            return Some(Step::Stop);
        }
        if self.rest().starts_with(b"BI") {
            return None;
        }
        let start = out.operands.len();
        let written_from = self.at;
        while let Some(operand) = self.operand(0)? {
            out.operands.push(operand);
            self.skip_content_space();
        }
        let op_start = self.at;
        while self.peek().is_some_and(is_operator_byte) {
            self.at += 1;
        }
        if self.at == op_start {
            // No operator: lopdf drops the operands read and stops.
            out.operands.truncate(start);
            return Some(Step::Stop);
        }
        out.ops.push((Cow::Borrowed(&self.bytes[op_start..self.at]), start, out.operands.len()));
        out.spans.push(written_from..self.at);
        self.skip_content_space();
        Some(Step::Read)
    }

    /// lopdf's `many0(comment)`: each `%…` up to and with its end of line;
    /// one without an end of line is not a comment (and then nothing
    /// after it is read).
    fn comments(&mut self) {
        while self.peek() == Some(b'%') {
            let Some(eol) = self.rest().iter().position(|&b| b == b'\r' || b == b'\n') else { return };
            self.at += eol;
            let crlf = self.rest().starts_with(b"\r\n");
            self.at += if crlf { 2 } else { 1 };
        }
    }

    /// One operand at the current position: `Some(Some(_))` read,
    /// `Some(None)` no operand starts here (lopdf then tries an
    /// operator), `None` when lopdf must decide.
    fn operand(&mut self, depth: usize) -> Option<Option<Operand<'a>>> {
        if depth > MAX_NESTING {
            return None;
        }
        let rest = self.rest();
        // lopdf tries these first, by prefix.
        for word in [b"null".as_slice(), b"true", b"false"] {
            if rest.starts_with(word) {
                self.at += word.len();
                return Some(Some(Operand::Other));
            }
        }
        let Some(&first) = rest.first() else { return Some(None) };
        let operand = match first {
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number()?,
            b'/' => Operand::Name(self.name()),
            b'(' => match self.literal_string()? {
                Some(s) => Operand::String(s),
                // Unterminated: no operand (and lopdf stops).
                None => return Some(None),
            },
            b'<' if self.peek_at(1) == Some(b'<') => {
                self.dictionary(depth)?;
                Operand::Other
            }
            b'<' => match self.hex_string() {
                Some(s) => Operand::String(Cow::Owned(s)),
                None => return Some(None),
            },
            b'[' => Operand::Array(self.array(depth)?),
            _ => return Some(None),
        };
        Some(Some(operand))
    }

    /// A real (`[+-]` then digits `.` digits, or `.` digits) or else an
    /// integer; `None` (lopdf decides) for a sign or dot that starts
    /// neither, or an integer beyond i64.
    fn number(&mut self) -> Option<Operand<'a>> {
        let start = self.at;
        let mut i = self.at;
        if matches!(self.bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits_start = i;
        while self.bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let int_digits = i - digits_start;
        if self.bytes.get(i) == Some(&b'.') {
            let frac_start = i + 1;
            let mut j = frac_start;
            while self.bytes.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            if int_digits > 0 || j > frac_start {
                self.at = j;
                return Some(Operand::RealText(&self.bytes[start..j]));
            }
        }
        // Up to 18 digits always fit in i64; lopdf decides beyond.
        if int_digits == 0 || int_digits > 18 {
            return None;
        }
        let magnitude = self.bytes[digits_start..i].iter().fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
        self.at = i;
        Some(Operand::Integer(if self.bytes[start] == b'-' { -magnitude } else { magnitude }))
    }

    /// `/` and the name: regular bytes and `#xx` escapes, up to the first
    /// byte that is neither.
    fn name(&mut self) -> Cow<'a, [u8]> {
        self.at += 1;
        let start = self.at;
        let regular = |b: u8| !is_white(b) && !is_delimiter(b) && b != b'#';
        while self.peek().is_some_and(regular) {
            self.at += 1;
        }
        if self.peek() != Some(b'#') {
            return Cow::Borrowed(&self.bytes[start..self.at]);
        }
        let mut out = self.bytes[start..self.at].to_vec();
        loop {
            match self.peek() {
                Some(b'#') => {
                    let (Some(h), Some(l)) = (self.peek_at(1).and_then(hex_value), self.peek_at(2).and_then(hex_value))
                    else {
                        return Cow::Owned(out);
                    };
                    out.push(h << 4 | l);
                    self.at += 3;
                }
                Some(b) if regular(b) => {
                    out.push(b);
                    self.at += 1;
                }
                _ => return Cow::Owned(out),
            }
        }
    }

    /// `( … )`: `Some(None)` when unterminated (lopdf reads no operand),
    /// `None` when nested too deep to be sure.
    fn literal_string(&mut self) -> Option<Option<Cow<'a, [u8]>>> {
        let start = self.at + 1;
        let mut i = start;
        let mut depth = 1usize;
        let mut plain = true;
        while depth > 0 {
            let Some(&b) = self.bytes.get(i) else { return Some(None) };
            match b {
                b'\\' => {
                    plain = false;
                    i += 2;
                }
                b'(' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return None;
                    }
                    i += 1;
                }
                b')' => {
                    depth -= 1;
                    i += 1;
                }
                _ => i += 1,
            }
        }
        let end = i - 1;
        if end > self.bytes.len() {
            return Some(None);
        }
        self.at = i;
        if plain {
            return Some(Some(Cow::Borrowed(&self.bytes[start..end])));
        }
        Some(unescape(&self.bytes[start..end]).map(Cow::Owned))
    }

    /// `<hex digits>` with white space anywhere between digits; an odd
    /// last digit is followed by 0. `None` at a byte that is neither.
    fn hex_string(&mut self) -> Option<Vec<u8>> {
        let mut i = self.at + 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        loop {
            let b = *self.bytes.get(i)?;
            i += 1;
            if is_white(b) {
                continue;
            }
            if b == b'>' {
                break;
            }
            let v = hex_value(b)?;
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        self.at = i;
        Some(out)
    }

    /// `[ … ]` of numbers, names, strings and arrays; `None` for anything
    /// else (lopdf reads references, comments and other white space there).
    fn array(&mut self, depth: usize) -> Option<Vec<Operand<'a>>> {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.skip_content_space();
            match self.peek()? {
                b']' => {
                    self.at += 1;
                    return Some(items);
                }
                b'<' if self.peek_at(1) == Some(b'<') => return None,
                b'+' | b'-' | b'.' | b'0'..=b'9' | b'/' | b'(' | b'<' | b'[' => {}
                _ => return None,
            }
            items.push(self.operand(depth + 1)??);
        }
    }

    /// `<< /key value … >>`, read to its end (its entries are not needed).
    fn dictionary(&mut self, depth: usize) -> Option<()> {
        self.at += 2;
        loop {
            self.skip_content_space();
            match self.peek()? {
                b'>' if self.peek_at(1) == Some(b'>') => {
                    self.at += 2;
                    return Some(());
                }
                b'/' => {
                    self.name();
                    self.skip_content_space();
                    match self.peek()? {
                        b'+' | b'-' | b'.' | b'0'..=b'9' | b'/' | b'(' | b'<' | b'[' => {}
                        _ => return None,
                    }
                    self.operand(depth + 1)??;
                }
                _ => return None,
            }
        }
    }
}

/// The bytes of a literal string's inside, escapes resolved as lopdf does:
/// `\n \r \t \b \f`, one to three octal digits (modulo 256), a backslash
/// before an end of line drops both, before anything else keeps that
/// byte. `None` for a backslash at the very end.
fn unescape(inner: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while let Some(&b) = inner.get(i) {
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        let next = *inner.get(i + 1)?;
        i += 2;
        match next {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'0'..=b'7' => {
                let mut value = u16::from(next - b'0');
                for _ in 0..2 {
                    match inner.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u16::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u8);
            }
            b'\r' => {
                if inner.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Operators with their operands, owned.
    type Owned = Vec<(Vec<u8>, Vec<Operand<'static>>)>;

    /// Checks that the operations read are those lopdf gives; returns
    /// these, and whether the fast reader read them.
    fn both(content: &[u8]) -> (Option<Owned>, Option<bool>) {
        let owned = |ops: Operations| -> Owned {
            ops.iter().map(|(op, operands)| (op.to_vec(), operands.iter().map(to_static).collect())).collect()
        };
        let expected = lopdf(content).map(owned);
        let ours = operations(content).map(owned);
        assert_eq!(ours, expected, "{}", String::from_utf8_lossy(content));
        (expected, fast(content).map(|_| true))
    }

    fn to_static(o: &Operand) -> Operand<'static> {
        match o {
            Operand::Integer(i) => Operand::Integer(*i),
            Operand::Real(r) => Operand::Real(*r),
            Operand::RealText(text) => Operand::Real(real(text).expect("a real")),
            Operand::Name(n) => Operand::Name(Cow::Owned(n.to_vec())),
            Operand::String(s) => Operand::String(Cow::Owned(s.to_vec())),
            Operand::Array(a) => Operand::Array(a.iter().map(to_static).collect()),
            Operand::Other => Operand::Other,
        }
    }

    #[test]
    fn common_content_is_read_here_as_lopdf_reads_it() {
        let cases: [&[u8]; 14] = [
            b"q 1 0 0 -1 0 792 cm BT /F1 12 Tf 72.5 -.5 Td (Hello) Tj ET Q",
            b"BT [(a) -120 <0063> 5.] TJ 1 2 (x) \" (y) ' T* ET",
            b"0 0 0 rg 58.8 128.6 723.4 0.96 re f* 10 10 m 20 20 l S",
            b"/Span <</MCID 0 /Alt (x)>> BDC /P <</MCID 3>>BDC EMC",
            b"/A#20B#2 Do /Im1 Do",
            b"(a\\(b\\)c\\n\\101\\0601\\\r\nd\\q) Tj (nested (paren) ok) Tj",
            b"<4E2D 6587 0> Tj <> Tj",
            b"%comment\n%another\r\nq Q",
            b"1 2 3 d0 1.2.3 x",
            b"null true false 1 Tz",
            b"12345678901234567890 Tc q",
            b"1 0 0 1 %c\n 0 0 cm q",
            b"(unterminated Tj",
            b"q\x0cQ",
        ];
        for case in cases {
            both(case);
        }
    }

    #[test]
    fn lopdf_reads_what_is_not_common() {
        // Inline images, references in arrays, comments in arrays.
        for case in [b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q".as_slice(), b"[1 0 R] d", b"[1 %x\n 2] d"] {
            let (_, fast_read) = both(case);
            assert_eq!(fast_read, None, "{}", String::from_utf8_lossy(case));
        }
    }

    #[test]
    fn operands_of_each_kind_are_kept() {
        let ops = operations(b"/F1 9.5 Tf [(ab) -3] TJ").expect("read");
        let got: Vec<(&[u8], Vec<Operand>)> = ops.iter().map(|(o, a)| (o, a.to_vec())).collect();
        assert_eq!(got[0].1, [Operand::Name(Cow::Borrowed(b"F1")), Operand::RealText(b"9.5")]);
        assert_eq!(got[0].1[1].number(), Some(9.5));
        assert_eq!(got[1].1, [Operand::Array(vec![Operand::String(Cow::Borrowed(b"ab")), Operand::Integer(-3)])]);
        assert_eq!(ops.len(), 2);
    }

    /// What lopdf reads from `text_only(content)` is what it reads from
    /// `content`, without the operations left out.
    fn text_only_reads_as_the_text_of(content: &[u8]) -> bool {
        let Some(text) = operations(content).and_then(|ops| text_only(&ops, content, |_| true)) else { return false };
        let owned = |ops: Operations| -> Owned {
            ops.iter().map(|(op, operands)| (op.to_vec(), operands.iter().map(to_static).collect())).collect()
        };
        let mut expected = lopdf(content).map(owned).expect("read");
        expected.retain(|(op, _)| TEXT_OPERATORS.contains(&op.as_slice()));
        assert_eq!(lopdf(&text).map(owned), Some(expected), "{}", String::from_utf8_lossy(content));
        true
    }

    #[test]
    fn text_only_keeps_the_text_operations_as_written() {
        let page = b"0 0 0 rg 58.8 128.6 723.4 0.96 re f q 1 0 0 1 5 5 cm /Im1 Do Q\n\
            /P <</MCID 0>> BDC BT /F1 12 Tf 1 0 0 1 72 700 Tm [(a) -3 (b)] TJ ET EMC /Fm1 Do 10 10 m 20 20 l S";
        let ops = operations(page).expect("read");
        let text = text_only(&ops, page, |name| name != b"Im1").expect("read");
        assert_eq!(
            String::from_utf8_lossy(&text),
            "q\n1 0 0 1 5 5 cm\nQ\nBT\n/F1 12 Tf\n1 0 0 1 72 700 Tm\n[(a) -3 (b)] TJ\nET\n/Fm1 Do\n"
        );
        assert!(text_only_reads_as_the_text_of(page));
        // Nothing to leave out, or not read here: the stream stays as it is.
        for unchanged in [b"BT (a) Tj ET".as_slice(), b"1 0 0 1 0 0 cm BI /W 1 ID \x00 EI"] {
            assert_eq!(operations(unchanged).and_then(|ops| text_only(&ops, unchanged, |_| true)), None);
        }
    }

    /// Every page and form of the project's PDFs and the shared corpora
    /// (when present) decodes as lopdf decodes it, nearly all here.
    #[test]
    fn every_stream_of_the_corpora_reads_as_lopdf_reads_it() {
        let mut files = crate::testing::project_pdfs();
        let shared = crate::testing::shared_corpus_or_skip(
            "every_stream_of_the_corpora_reads_as_lopdf_reads_it (its shared part)",
        );
        for corpus in shared.iter().flat_map(|s| [s.join("dev"), s.join("real")]) {
            files.extend(crate::testing::pdfs(&corpus));
        }
        let (mut streams, mut read_here) = (0, 0);
        for file in files {
            let Ok(doc) = pdf_extract::Document::load(&file) else { continue };
            let pages = doc.get_pages().into_values().filter_map(|id| doc.get_page_content(id).ok());
            let forms = doc
                .objects
                .values()
                .filter_map(|o| o.as_stream().ok())
                .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form"));
            let forms = forms.map(|s| s.decompressed_content().unwrap_or_else(|_| s.content.clone()));
            for content in pages.chain(forms) {
                let (_, fast_read) = both(&content);
                text_only_reads_as_the_text_of(&content);
                streams += 1;
                read_here += usize::from(fast_read.is_some());
            }
        }
        assert!(read_here * 10 >= streams * 9, "{read_here} of {streams} streams read here");
    }
}
