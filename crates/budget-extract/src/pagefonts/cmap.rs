//! `ToUnicode` CMaps read the way pdf-extract reads them, and written back
//! with only some of their codes.
//!
//! pdf-extract 0.12.1 reads a `ToUnicode` stream with `adobe-cmap-parser`
//! 0.4.1: a lexer for the whole stream, then the `bfchar` and `bfrange`
//! blocks, keyed by the *value* of the code (`<41>` and `<0041>` are the
//! same key; a later entry replaces an earlier one). [`ToUnicode::parse`]
//! gives the same mapping, or `None` for anything whose reading by that
//! parser is not certain: a token its lexer reads differently or stops at,
//! a block whose count does not match its entries, a destination its
//! reader panics on (odd length, broken UTF-16), a range whose arithmetic
//! overflows. Such a font is then left as it is.
//!
//! [`ToUnicode::write`] writes the entries of the codes asked for as
//! `bfchar` blocks, with the original codespace and each destination's
//! bytes unchanged, so that pdf-extract maps those codes exactly as before.

use std::collections::HashMap;

/// Entries of one map at most (a hostile range cannot eat memory).
const MAX_ENTRIES: usize = 1 << 18;
/// Entries in one `bfchar`/`bfrange` block at most.
const MAX_BLOCK: i64 = 1 << 16;

/// A parsed `ToUnicode` map: code → destination bytes (UTF-16BE).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ToUnicode {
    /// The `codespacerange` bounds, as written.
    codespace: Vec<(Vec<u8>, Vec<u8>)>,
    /// Code → (bytes the code was written with, destination bytes).
    map: HashMap<u32, (u8, Vec<u8>)>,
    /// Tokens in the stream (array items included): what reading it costs
    /// pdf-extract's lexer.
    tokens: usize,
}

/// Tokens of a written map besides its blocks (`begincmap`, `endcmap`).
pub(crate) const FIXED_TOKENS: usize = 2;

/// One token of the lexer, as far as the map needs it.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Integer(i64),
    Operator(&'a [u8]),
    /// A hex string, or a literal one without escapes other than `\\`,
    /// `\(` and `\)` and without parentheses inside: its bytes.
    Str(Vec<u8>),
    Array(Vec<Token<'a>>),
    /// A name, a real number, a literal string or a dictionary.
    Other,
}

impl ToUnicode {
    /// Reads a `ToUnicode` stream's (decoded) content; `None` when its
    /// reading by pdf-extract is not certain (module docs).
    pub(crate) fn parse(bytes: &[u8]) -> Option<ToUnicode> {
        let tokens = lex(bytes)?;
        let count = tokens.iter().map(|t| if let Token::Array(items) = t { items.len() + 1 } else { 1 }).sum();
        let mut cmap = ToUnicode { codespace: Vec::new(), map: HashMap::new(), tokens: count };
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            i = match token {
                Token::Operator(b"begincodespacerange") => cmap.codespace_block(&tokens, i)?,
                Token::Operator(b"beginbfchar") => cmap.bfchar_block(&tokens, i)?,
                Token::Operator(b"beginbfrange") => cmap.bfrange_block(&tokens, i)?,
                _ => i + 1,
            };
            if cmap.map.len() > MAX_ENTRIES {
                return None;
            }
        }
        Some(cmap)
    }

    /// Number of codes mapped.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// True when `code` is mapped.
    pub(crate) fn contains(&self, code: u32) -> bool {
        self.map.contains_key(&code)
    }

    /// The destination bytes of `code`.
    #[cfg(test)]
    fn get(&self, code: u32) -> Option<&[u8]> {
        self.map.get(&code).map(|(_, dst)| dst.as_slice())
    }

    /// The text pdf-extract outputs for `code` in a Type0 font with this
    /// map: the destination, or nothing for a code not mapped or mapped to
    /// a lone surrogate (which its reader skips).
    pub(crate) fn text(&self, code: u32) -> String {
        let Some((_, dst)) = self.map.get(&code) else { return String::new() };
        let units: Vec<u16> = dst.chunks_exact(2).map(|u| u16::from_be_bytes([u[0], u[1]])).collect();
        if matches!(units.as_slice(), [0xd800..=0xdfff]) {
            return String::new();
        }
        // `parse` kept only destinations that decode.
        String::from_utf16_lossy(&units)
    }

    /// True when a destination holds a character of planes 15 and 16
    /// (a high surrogate DB80–DBFF), where private-use maps point.
    pub(crate) fn maps_to_planes_15_16(&self) -> bool {
        self.map
            .values()
            .any(|(_, dst)| dst.chunks_exact(2).any(|u| (0xdb80..=0xdbff).contains(&u16::from_be_bytes([u[0], u[1]]))))
    }

    /// Tokens in the stream read: what reading it costs pdf-extract.
    pub(crate) fn tokens(&self) -> usize {
        self.tokens
    }

    /// A CMap with the same codespace that maps each of `codes` (ascending,
    /// those not mapped are skipped) as this one does, in blocks of at most
    /// 100 entries: runs of consecutive codes with consecutive destinations
    /// of one UTF-16 unit or two as `bfrange` (`lo hi dst`, which the
    /// parser reads by adding to `dst`), other codes as `bfchar`. It is
    /// written for pdf-extract, its only reader, as cheap to lex as
    /// possible: no PostScript resource around `begincmap … endcmap`, and
    /// literal strings, which its lexer tries before hex ones (only `\`,
    /// `(` and `)` escaped; other bytes stand for themselves). Returns it
    /// with its number of tokens.
    pub(crate) fn write(&self, codes: &[u32]) -> (Vec<u8>, usize) {
        let entries: Vec<(u32, u8, &[u8])> =
            codes.iter().filter_map(|&c| self.map.get(&c).map(|(w, dst)| (c, *w, dst.as_slice()))).collect();
        let (mut chars, mut ranges) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < entries.len() {
            let run = run_length(&entries[i..]);
            let (code, width, dst) = entries[i];
            if run > 1 {
                let last = entries[i + run - 1].0;
                ranges.push(line(&[&code_bytes(code, width), &code_bytes(last, width), dst]));
            } else {
                chars.push(line(&[&code_bytes(code, width), dst]));
            }
            i += run;
        }
        let bounds: Vec<Vec<u8>> = self.codespace.iter().map(|(lo, hi)| line(&[lo, hi])).collect();
        let mut out = b"begincmap\n".to_vec();
        let mut tokens = FIXED_TOKENS;
        tokens += push_blocks(&mut out, "codespacerange", &bounds, 2);
        tokens += push_blocks(&mut out, "bfchar", &chars, 2);
        tokens += push_blocks(&mut out, "bfrange", &ranges, 3);
        out.extend_from_slice(b"endcmap\n");
        (out, tokens)
    }

    /// `n begincodespacerange <lo> <hi> … endcodespacerange`: kept to be
    /// written again.
    fn codespace_block(&mut self, tokens: &[Token], at: usize) -> Option<usize> {
        let n = block_len(tokens, at)?;
        let entries = tokens.get(at + 1..at + 1 + 2 * n)?;
        for pair in entries.chunks(2) {
            let (Token::Str(lo), Token::Str(hi)) = (&pair[0], &pair[1]) else { return None };
            self.codespace.push((lo.clone(), hi.clone()));
        }
        block_end(tokens, at + 1 + 2 * n, b"endcodespacerange")
    }

    /// `n beginbfchar <code> <dst> … endbfchar`.
    fn bfchar_block(&mut self, tokens: &[Token], at: usize) -> Option<usize> {
        let n = block_len(tokens, at)?;
        let entries = tokens.get(at + 1..at + 1 + 2 * n)?;
        for pair in entries.chunks(2) {
            let (Token::Str(code), Token::Str(dst)) = (&pair[0], &pair[1]) else { return None };
            let (width, code) = code_value(code)?;
            check_destination(dst)?;
            self.map.insert(code, (width, dst.clone()));
        }
        block_end(tokens, at + 1 + 2 * n, b"endbfchar")
    }

    /// `n beginbfrange <lo> <hi> <dst> … endbfrange`, also with
    /// `[<d1> <d2> …]` for the destination.
    fn bfrange_block(&mut self, tokens: &[Token], at: usize) -> Option<usize> {
        let n = block_len(tokens, at)?;
        let entries = tokens.get(at + 1..at + 1 + 3 * n)?;
        for triple in entries.chunks(3) {
            let (Token::Str(lo), Token::Str(hi)) = (&triple[0], &triple[1]) else { return None };
            let ((width, lo), (hi_width, hi)) = (code_value(lo)?, code_value(hi)?);
            if width != hi_width || hi.checked_sub(lo).is_some_and(|d| d >= MAX_ENTRIES as u32) {
                return None;
            }
            match &triple[2] {
                Token::Str(dst) => self.range_by_increment(width, lo, hi, dst)?,
                Token::Array(items) => self.range_by_list(width, lo, hi, items)?,
                _ => return None,
            }
        }
        block_end(tokens, at + 1 + 3 * n, b"endbfrange")
    }

    /// `<lo> <hi> <dst>`: code `lo + k` maps to `dst + k`, added as a
    /// 2-byte or a 4-byte number (the only lengths the parser accepts); a
    /// range with `hi < lo` maps nothing.
    fn range_by_increment(&mut self, width: u8, lo: u32, hi: u32, dst: &[u8]) -> Option<()> {
        if dst.len() != 2 && dst.len() != 4 {
            return None;
        }
        let Some(span) = hi.checked_sub(lo) else { return Some(()) };
        let start = code_value(dst)?.1;
        match dst.len() {
            // The parser adds in u16 (u32): an overflow panics in a debug
            // build and wraps in a release one, so it is left alone.
            2 if start + span <= 0xffff => {
                for k in 0..=span {
                    // A single UTF-16 unit: pdf-extract skips lone surrogates.
                    self.map.insert(lo + k, (width, ((start + k) as u16).to_be_bytes().to_vec()));
                }
            }
            4 if start.checked_add(span).is_some() => {
                for k in 0..=span {
                    let dst = (start + k).to_be_bytes().to_vec();
                    check_destination(&dst)?;
                    self.map.insert(lo + k, (width, dst));
                }
            }
            _ => return None,
        }
        Some(())
    }

    /// `<lo> <hi> [<d1> <d2> …]`: one destination per code.
    fn range_by_list(&mut self, width: u8, lo: u32, hi: u32, items: &[Token]) -> Option<()> {
        if hi < lo || items.len() as u64 != u64::from(hi - lo) + 1 {
            return None;
        }
        for (code, item) in (lo..=hi).zip(items) {
            let Token::Str(dst) = item else { return None };
            check_destination(dst)?;
            self.map.insert(code, (width, dst.clone()));
        }
        Some(())
    }
}

/// A map of two-byte code ranges to consecutive characters: each
/// `(lo, hi, first)` maps code `lo + k` to the character `first + k`,
/// written as one `bfrange` entry whose four-byte destination (a UTF-16
/// surrogate pair) the parser adds `k` to, which stays a pair of the same
/// high surrogate while `first + k` does not cross a multiple of 1024.
/// Literal strings and no wrapper, as [`ToUnicode::write`].
pub(crate) fn write_ranges(ranges: &[(u32, u32, u32)]) -> Vec<u8> {
    let lines: Vec<Vec<u8>> = ranges
        .iter()
        .filter_map(|&(lo, hi, first)| {
            let mut units = [0u16; 2];
            let pair = char::from_u32(first)?.encode_utf16(&mut units);
            let dst: Vec<u8> = pair.iter().flat_map(|u| u.to_be_bytes()).collect();
            Some(line(&[&code_bytes(lo, 2), &code_bytes(hi, 2), &dst]))
        })
        .collect();
    let mut out = b"begincmap\n".to_vec();
    push_blocks(&mut out, "bfrange", &lines, 3);
    out.extend_from_slice(b"endcmap\n");
    out
}

/// The count before a `begin…` operator at `at`.
fn block_len(tokens: &[Token], at: usize) -> Option<usize> {
    match tokens.get(at.checked_sub(1)?)? {
        Token::Integer(n) if (0..=MAX_BLOCK).contains(n) => usize::try_from(*n).ok(),
        _ => None,
    }
}

/// The index after the `end…` operator expected at `at`.
fn block_end(tokens: &[Token], at: usize, end: &[u8]) -> Option<usize> {
    matches!(tokens.get(at), Some(Token::Operator(op)) if *op == end).then_some(at + 1)
}

/// A code's byte count and value (1 to 4 bytes, as the parser reads them).
fn code_value(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((bytes.len() as u8, bytes.iter().fold(0u32, |v, &b| (v << 8) | u32::from(b))))
}

/// `Some` when pdf-extract turns these destination bytes into a string
/// without panicking: an even length, and UTF-16 that decodes (a lone
/// surrogate on its own is skipped, not decoded).
fn check_destination(dst: &[u8]) -> Option<()> {
    if !dst.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = dst.chunks(2).map(|u| u16::from_be_bytes([u[0], u[1]])).collect();
    let lone_surrogate = matches!(units.as_slice(), [0xd800..=0xdfff]);
    (lone_surrogate || String::from_utf16(&units).is_ok()).then_some(())
}

/// Strings as literal strings (module docs of [`ToUnicode::write`]),
/// separated by spaces, and a line end.
fn line(strings: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, s) in strings.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.push(b'(');
        for &b in s.iter() {
            if matches!(b, b'\\' | b'(' | b')') {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b')');
    }
    out.push(b'\n');
    out
}

/// Writes `lines` as `n beginNAME … endNAME` blocks of at most 100 lines;
/// returns the tokens written, for lines of `per_line` tokens.
fn push_blocks(out: &mut Vec<u8>, name: &str, lines: &[Vec<u8>], per_line: usize) -> usize {
    for chunk in lines.chunks(100) {
        out.extend_from_slice(format!("{} begin{name}\n", chunk.len()).as_bytes());
        chunk.iter().for_each(|l| out.extend_from_slice(l));
        out.extend_from_slice(format!("end{name}\n").as_bytes());
    }
    lines.len() * per_line + lines.len().div_ceil(100) * 3
}

/// How many entries from the first make a run that one `bfrange` entry
/// gives: consecutive codes of one width whose destinations, of 2 or 4
/// bytes, are consecutive numbers.
fn run_length(entries: &[(u32, u8, &[u8])]) -> usize {
    let Some(&(code, width, dst)) = entries.first() else { return 0 };
    if dst.len() != 2 && dst.len() != 4 {
        return 1;
    }
    let Some((_, start)) = code_value(dst) else { return 1 };
    let follows = |k: usize, &(c, w, d): &(u32, u8, &[u8])| {
        let k = k as u32;
        code.checked_add(k) == Some(c)
            && w == width
            && d.len() == dst.len()
            && code_value(d).map(|v| v.1) == start.checked_add(k)
    };
    1 + entries.iter().enumerate().skip(1).take_while(|(k, e)| follows(*k, e)).count()
}

/// A code as `width` bytes.
fn code_bytes(code: u32, width: u8) -> Vec<u8> {
    code.to_be_bytes()[4 - usize::from(width)..].to_vec()
}

/// The lexer of `adobe-cmap-parser` 0.4.1 (`parse`), for the inputs where
/// it is certain what that lexer returns; `None` elsewhere. Its grammar: at
/// each value, comments each right after the previous one's end of line,
/// then white space (`multispace`: space, tab, CR, LF), then a value
/// followed by white space; it stops without error at the first byte that
/// starts no value, which here is a `None` unless only white space and
/// comments remain. NUL and form feed, white space to some of its rules
/// and not to others, are refused outside strings.
fn lex(bytes: &[u8]) -> Option<Vec<Token<'_>>> {
    let mut lexer = Lexer { bytes, at: 0 };
    let mut tokens = Vec::new();
    loop {
        while lexer.peek() == Some(b'%') {
            if !lexer.comment() {
                return Some(tokens);
            }
        }
        lexer.skip_multispace();
        if lexer.at == bytes.len() {
            return Some(tokens);
        }
        tokens.push(lexer.value()?);
    }
}

struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.at + offset).copied()
    }

    fn skip_while(&mut self, f: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&f) {
            self.at += 1;
        }
    }

    fn skip_multispace(&mut self) {
        self.skip_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    }

    /// `%` to the end of the line, the end of line included; false when the
    /// input ends first (the parser stops there).
    fn comment(&mut self) -> bool {
        let Some(eol) = self.bytes[self.at..].iter().position(|&b| b == b'\r' || b == b'\n') else {
            self.at = self.bytes.len();
            return false;
        };
        self.at += eol;
        let crlf = self.peek() == Some(b'\r') && self.peek_at(1) == Some(b'\n');
        self.at += if crlf { 2 } else { 1 };
        true
    }

    /// One value and the white space after it. The lexer tries `true`,
    /// `false`, integer, number, name, operator, literal string,
    /// dictionary, hex string, array in this order; a byte that starts
    /// none of them, and the forms where the order makes a difference
    /// (`true…`, an integer too large for i64), are `None`.
    fn value(&mut self) -> Option<Token<'a>> {
        let rest = &self.bytes[self.at..];
        if rest.starts_with(b"true") || rest.starts_with(b"false") {
            return None;
        }
        let token = match rest[0] {
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number()?,
            b'/' => {
                self.name()?;
                Token::Other
            }
            b if is_operator_byte(b) => {
                let start = self.at;
                self.skip_while(is_operator_byte);
                Token::Operator(&self.bytes[start..self.at])
            }
            b'(' => match self.literal_string()? {
                Some(bytes) => Token::Str(bytes),
                None => Token::Other,
            },
            b'<' if self.peek_at(1) == Some(b'<') => {
                self.dictionary()?;
                Token::Other
            }
            b'<' => Token::Str(self.hex_string()?),
            b'[' => Token::Array(self.array()?),
            _ => return None,
        };
        self.skip_multispace();
        Some(token)
    }

    /// `[+-]digits` is an integer; `[+-].digits` a number. (`1.5` is read
    /// as the integer 1 and the number .5, as the lexer does.)
    fn number(&mut self) -> Option<Token<'a>> {
        let start = self.at;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.at += 1;
        }
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.skip_while(|b| b.is_ascii_digit());
            // Beyond 18 digits i64 may overflow, and the lexer then reads a
            // number instead.
            if self.at - start > 18 {
                return None;
            }
            let text = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
            return text.parse().ok().map(Token::Integer);
        }
        if self.peek() == Some(b'.') && self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
            self.skip_while(|b| b.is_ascii_digit());
            return Some(Token::Other);
        }
        None
    }

    /// `/` and the name's bytes; `#xx` escapes. Non-ASCII bytes are
    /// refused (a dictionary key that is not UTF-8 panics the parser).
    fn name(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match self.peek() {
                Some(b'#') => {
                    let (Some(h), Some(l)) = (self.peek_at(1), self.peek_at(2)) else { return Some(()) };
                    if !(h.is_ascii_hexdigit() && l.is_ascii_hexdigit()) {
                        return Some(());
                    }
                    self.at += 3;
                }
                Some(b) if b >= 0x80 => return None,
                Some(b) if !b" \t\n\r\x0c()<>[]{}/%".contains(&b) => self.at += 1,
                _ => return Some(()),
            }
        }
    }

    /// `( … )` with nested parentheses and escapes: a backslash escapes a
    /// following `\`, `(` or `)`; before anything else it stands alone (and
    /// what follows may be read as an escape: `\n`, octal digits). The
    /// bytes when there is nothing but such escaped characters and plain
    /// bytes (`Some(None)` otherwise); `None` when unterminated.
    fn literal_string(&mut self) -> Option<Option<Vec<u8>>> {
        self.at += 1;
        let mut depth = 1usize;
        let mut bytes = Some(Vec::new());
        while depth > 0 {
            let b = self.peek()?;
            match b {
                b'\\' if matches!(self.peek_at(1), Some(b'\\' | b'(' | b')')) => {
                    if let (Some(out), Some(c)) = (bytes.as_mut(), self.peek_at(1)) {
                        out.push(c);
                    }
                    self.at += 2;
                    continue;
                }
                b'\\' => bytes = None,
                b'(' => {
                    depth += 1;
                    bytes = None;
                }
                b')' => depth -= 1,
                _ => {}
            }
            if depth > 0 {
                if let Some(out) = bytes.as_mut() {
                    out.push(b);
                }
            }
            self.at += 1;
        }
        Some(bytes)
    }

    /// `<< /Key value … >>`.
    fn dictionary(&mut self) -> Option<()> {
        self.at += 2;
        self.skip_multispace();
        loop {
            match self.peek()? {
                b'>' if self.peek_at(1) == Some(b'>') => {
                    self.at += 2;
                    return Some(());
                }
                b'/' => {
                    self.name()?;
                    self.skip_multispace();
                    self.value()?;
                }
                _ => return None,
            }
        }
    }

    /// `<hex pairs>`, white space allowed between the pairs; an odd number
    /// of digits is `None` (the lexer stops there).
    fn hex_string(&mut self) -> Option<Vec<u8>> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            self.skip_multispace();
            match self.peek()? {
                b'>' => {
                    self.at += 1;
                    return Some(out);
                }
                h => {
                    let l = self.peek_at(1)?;
                    let byte = hex_digit(h)? << 4 | hex_digit(l)?;
                    out.push(byte);
                    self.at += 2;
                }
            }
        }
    }

    /// `[ value … ]`.
    fn array(&mut self) -> Option<Vec<Token<'a>>> {
        self.at += 1;
        self.skip_multispace();
        let mut items = Vec::new();
        loop {
            if self.peek()? == b']' {
                self.at += 1;
                return Some(items);
            }
            items.push(self.value()?);
        }
    }
}

fn is_operator_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'*' | b'\'' | b'"')
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
        /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n";
    const FOOTER: &str = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

    fn cmap(body: &str) -> Option<ToUnicode> {
        ToUnicode::parse(
            format!("{HEADER}1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{body}{FOOTER}").as_bytes(),
        )
    }

    fn entries(c: &ToUnicode) -> Vec<(u32, Vec<u8>)> {
        let mut v: Vec<(u32, Vec<u8>)> = c.map.iter().map(|(&k, (_, d))| (k, d.clone())).collect();
        v.sort();
        v
    }

    #[test]
    fn bfchar_entries_map_codes_to_their_bytes() {
        let c = cmap("2 beginbfchar\n<0003> <4E00>\n<0004> <00660069>\nendbfchar\n").expect("parsed");
        assert_eq!(entries(&c), [(3, vec![0x4e, 0x00]), (4, vec![0, 0x66, 0, 0x69])]);
    }

    #[test]
    fn bfrange_with_a_start_adds_the_offset() {
        let c = cmap("2 beginbfrange\n<0010> <0012> <0041>\n<20> <21> <D835DC00>\nendbfrange\n").expect("parsed");
        assert_eq!(c.get(0x11), Some([0x00, 0x42].as_slice()));
        assert_eq!(c.get(0x12), Some([0x00, 0x43].as_slice()));
        // A surrogate pair: the 4-byte destination is incremented as a number.
        assert_eq!(c.get(0x21), Some([0xd8, 0x35, 0xdc, 0x01].as_slice()));
        assert_eq!(c.len(), 5);
    }

    #[test]
    fn bfrange_with_a_list_maps_each_code() {
        let c = cmap("1 beginbfrange\n<0005> <0007> [<0030> <D83DDE00> <00660066>]\nendbfrange\n").expect("parsed");
        assert_eq!(entries(&c), [(5, vec![0, 0x30]), (6, vec![0xd8, 0x3d, 0xde, 0x00]), (7, vec![0, 0x66, 0, 0x66])]);
    }

    #[test]
    fn later_entries_replace_earlier_ones_by_value() {
        // `<41>` and `<0041>` are the same key to the parser.
        let c =
            cmap("1 beginbfchar\n<41> <0061>\nendbfchar\n1 beginbfchar\n<0041> <0062>\nendbfchar\n").expect("parsed");
        assert_eq!(entries(&c), [(0x41, vec![0, 0x62])]);
    }

    #[test]
    fn comments_names_dictionaries_and_strings_are_lexed() {
        let text = "%!PS-Adobe-3.0 Resource-CMap\n%%EndComments\n/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS\\)) /Supplement 0 >> def /CMapName /A#2dB def \
            1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar < 01 > <0020> endbfchar endcmap\n%%EOF";
        let c = ToUnicode::parse(text.as_bytes()).expect("parsed");
        assert_eq!(entries(&c), [(1, vec![0, 0x20])]);
        assert_eq!(c.codespace, [(vec![0], vec![0xff])]);
    }

    #[test]
    fn what_the_parser_reads_otherwise_or_panics_on_is_refused() {
        let refused = [
            // Count and entries disagree.
            "2 beginbfchar\n<01> <0041>\nendbfchar\n",
            "1 beginbfchar\n<01> <0041>\n<02> <0042>\nendbfchar\n",
            // Odd-length destination, broken UTF-16, odd hex digits.
            "1 beginbfchar\n<01> <004100>\nendbfchar\n",
            "1 beginbfchar\n<01> <DC000041>\nendbfchar\n",
            "1 beginbfchar\n<01> <041>\nendbfchar\n",
            // 3-byte range start; u16 overflow; list of the wrong length.
            "1 beginbfrange\n<01> <02> <000041>\nendbfrange\n",
            "1 beginbfrange\n<02> <01> <000041>\nendbfrange\n",
            "1 beginbfrange\n<01> <02> <FFFF>\nendbfrange\n",
            "1 beginbfrange\n<01> <03> [<0041> <0042>]\nendbfrange\n",
            // Literal strings with other escapes or parentheses inside; a
            // count that is not an integer.
            "1 beginbfchar\n(\\101) <0041>\nendbfchar\n",
            "1 beginbfchar\n(a(b)) <0041>\nendbfchar\n",
            "beginbfchar\n<01> <0041>\nendbfchar\n",
            // A token the lexer stops at, before the entries.
            "{ } 1 beginbfchar\n<01> <0041>\nendbfchar\n",
            "%a\n %b\n1 beginbfchar\n<01> <0041>\nendbfchar\n",
        ];
        for body in refused {
            assert_eq!(cmap(body), None, "{body}");
        }
        assert_eq!(ToUnicode::parse(b"1 beginbfchar <01> <0041> endbfchar \x00"), None);
        assert_eq!(ToUnicode::parse(b"1 beginbfchar <01>\x0c<0041> endbfchar"), None);
    }

    #[test]
    fn literal_strings_with_escaped_parentheses_are_read() {
        let c = cmap("2 beginbfchar\n(a) <0041>\n(\\() (\x00\\)\x00\\\\)\nendbfchar\n").expect("parsed");
        assert_eq!(entries(&c), [(0x28, vec![0, 0x29, 0, 0x5c]), (0x61, vec![0, 0x41])]);
    }

    #[test]
    fn lone_surrogates_and_empty_ranges_are_read_as_the_parser_does() {
        let c = cmap("1 beginbfchar\n<01> <D800>\nendbfchar\n1 beginbfrange\n<05> <04> <0041>\nendbfrange\n")
            .expect("parsed");
        assert_eq!(entries(&c), [(1, vec![0xd8, 0])]);
    }

    #[test]
    fn written_maps_keep_the_codespace_and_the_codes_asked_for() {
        let c = ToUnicode::parse(
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <0020> endbfrange",
        )
        .expect("parsed");
        let (written, tokens) = c.write(&[0x20, 0x41, 0x80]);
        let expected = b"begincmap\n1 begincodespacerange\n(\x00) (\xff)\nendcodespacerange\n\
            2 beginbfchar\n( ) (\x00 )\n(A) (\x00A)\nendbfchar\nendcmap\n";
        assert_eq!(String::from_utf8_lossy(&written), String::from_utf8_lossy(expected));
        let again = ToUnicode::parse(&written).expect("reparsed");
        assert_eq!(again.tokens(), tokens);
        assert_eq!(entries(&again), [(0x20, vec![0, 0x20]), (0x41, vec![0, 0x41])]);
        assert_eq!(again.codespace, c.codespace);
    }

    #[test]
    fn written_strings_escape_backslashes_and_parentheses() {
        let c = cmap("2 beginbfchar\n<0028> <005C>\n<5C29> <0029>\nendbfchar\n").expect("parsed");
        let (written, _) = c.write(&[0x28, 0x5c29]);
        let text = String::from_utf8_lossy(&written);
        assert!(text.contains("2 beginbfchar\n(\x00\\() (\x00\\\\)\n(\\\\\\)) (\x00\\))\nendbfchar"), "{text}");
        assert_eq!(entries(&ToUnicode::parse(&written).expect("reparsed")), entries(&c));
    }

    #[test]
    fn written_blocks_hold_at_most_100_entries() {
        let c = cmap("1 beginbfrange\n<0000> <01FF> <4E00>\nendbfrange\n").expect("parsed");
        let codes: Vec<u32> = (0..250).map(|c| c * 2).collect();
        let (written, tokens) = c.write(&codes);
        let text = String::from_utf8_lossy(&written);
        assert_eq!(text.matches("100 beginbfchar").count(), 2, "{text}");
        assert!(text.contains("50 beginbfchar"), "{text}");
        let again = ToUnicode::parse(&written).expect("reparsed");
        assert_eq!((entries(&again).len(), again.tokens()), (250, tokens));
    }

    #[test]
    fn runs_are_written_as_ranges() {
        let c = cmap("2 beginbfrange\n<0001> <0009> <4E00>\n<0020> <0021> <D835DC00>\nendbfrange\n").expect("parsed");
        let (written, _) = c.write(&[1, 2, 3, 5, 0x20, 0x21]);
        let text = String::from_utf8_lossy(&written);
        assert!(text.contains("1 beginbfchar\n(\x00\x05) (N\x04)\nendbfchar\n"), "{text}");
        let ranges =
            "2 beginbfrange\n(\x00\x01) (\x00\x03) (N\x00)\n(\x00 ) (\x00!) (\u{fffd}5\u{fffd}\x00)\nendbfrange\n";
        assert!(text.contains(ranges), "{text}");
        let again = ToUnicode::parse(&written).expect("reparsed");
        for code in [1, 2, 3, 5, 0x20, 0x21] {
            assert_eq!(again.get(code), c.get(code), "{code:#x}");
        }
        assert_eq!(again.len(), 6);
    }
}
