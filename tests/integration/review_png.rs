//! Just enough of PNG to read a browser's screenshot: 8-bit RGB or RGBA,
//! not interlaced.

use std::io::Read;

/// An image as RGB pixels.
pub struct Image {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<[u8; 3]>,
}

impl Image {
    /// The number of distinct colours.
    pub fn colours(&self) -> usize {
        self.pixels.iter().collect::<std::collections::HashSet<_>>().len()
    }

    /// The pixels in columns `xs` and rows `ys` that `pick` accepts.
    pub fn count(&self, xs: (usize, usize), ys: (usize, usize), pick: impl Fn([u8; 3]) -> bool) -> usize {
        (ys.0..ys.1.min(self.height))
            .flat_map(|y| (xs.0..xs.1.min(self.width)).map(move |x| (x, y)))
            .filter(|&(x, y)| pick(self.pixels[y * self.width + x]))
            .count()
    }
}

/// Decodes a PNG; panics on anything else (a test helper).
pub fn decode(bytes: &[u8]) -> Image {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut width, mut height, mut channels) = (0, 0, 0);
    let mut data = Vec::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
        let kind = &bytes[at + 4..at + 8];
        let body = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().expect("4")) as usize;
                height = u32::from_be_bytes(body[4..8].try_into().expect("4")) as usize;
                assert_eq!((body[8], body[12]), (8, 0), "8-bit, not interlaced");
                channels = match body[9] {
                    2 => 3,
                    6 => 4,
                    t => panic!("colour type {t}"),
                };
            }
            b"IDAT" => data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(data.as_slice()).read_to_end(&mut raw).expect("zlib");
    let stride = width * channels;
    let mut prev = vec![0u8; stride];
    let mut pixels = Vec::with_capacity(width * height);
    for y in 0..height {
        let line = &raw[y * (stride + 1)..(y + 1) * (stride + 1)];
        let mut cur = line[1..].to_vec();
        unfilter(line[0], &mut cur, &prev, channels);
        pixels.extend(cur.chunks(channels).map(|p| [p[0], p[1], p[2]]));
        prev = cur;
    }
    Image { width, height, pixels }
}

fn unfilter(filter: u8, cur: &mut [u8], prev: &[u8], bpp: usize) {
    for i in 0..cur.len() {
        let a = if i >= bpp { cur[i - bpp] } else { 0 };
        let b = prev[i];
        let c = if i >= bpp { prev[i - bpp] } else { 0 };
        let add = match filter {
            0 => 0,
            1 => a,
            2 => b,
            3 => ((a as u16 + b as u16) / 2) as u8,
            4 => paeth(a, b, c),
            f => panic!("filter {f}"),
        };
        cur[i] = cur[i].wrapping_add(add);
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}
