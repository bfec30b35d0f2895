//! The HTML around the pages: escaping, the style, the few lines of script.

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A number of points with one decimal, as SVG takes it.
pub(crate) fn pt(x: f32) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

const STYLE: &str = "\
body{margin:0;font-family:sans-serif;font-size:13px;display:flex;color:#222;height:100vh;overflow:hidden}
#side{width:330px;flex:none;height:100vh;overflow:auto;padding:8px;box-sizing:border-box;border-right:1px solid #ccc;background:#fafafa}
#main{flex:1;padding:8px 8px 40px;min-width:0;height:100vh;overflow:auto;box-sizing:border-box}
h1{font-size:15px;margin:4px 0}h2{font-size:14px;margin:10px 0 4px}
ul{padding-left:16px;margin:2px 0}li{margin:2px 0;overflow-wrap:anywhere}
.page{margin:0 0 16px}.page h3{font-size:13px;margin:4px 0;color:#555}
svg.pg{width:100%;max-width:1100px;border:1px solid #bbb;background:#fff;display:block}
svg text{font-family:sans-serif;fill:#000;white-space:pre}svg text.o{fill:#aaa}svg text.fm{fill:#08707a}
svg .r{stroke:#888;stroke-width:.5;fill:none}
svg rect{fill:transparent;stroke-width:.8;cursor:pointer}
svg rect.h{stroke:#6a3d9a}svg rect.l{stroke:#1f78b4}svg rect.a{stroke:#33a02c}
svg rect.u{stroke:#f0a000;fill:rgba(255,190,0,.25);stroke-width:1}
svg rect.f{stroke:#e00000;fill:rgba(255,0,0,.35);stroke-width:2}
svg rect.lf{stroke:#e00000;fill:rgba(255,0,0,.2);stroke-width:2}
svg rect:target,.tl span:target{outline:3px solid #e00000;stroke:#000;stroke-width:3}
svg rect:hover{stroke-width:2.5}
[id^=c]{scroll-margin-top:35vh}
.tl{font-family:monospace;white-space:pre-wrap;border:1px solid #bbb;background:#fff;padding:4px}
.tl div.ln{padding:1px 0;border-bottom:1px dotted #eee}.tl div.o{color:#aaa}
.tl .rows{color:#1f78b4;margin-left:2em;font-size:12px}
.tl span.f{background:rgba(255,0,0,.35);border:1px solid #e00000}.tl span.u{background:rgba(255,190,0,.3)}
.tl span.a{border-bottom:1px solid #33a02c}
.key span{display:inline-block;width:10px;height:10px;border:2px solid;margin:0 3px 0 8px;vertical-align:middle}
#info{position:fixed;bottom:0;left:330px;right:0;background:#ffd;border-top:1px solid #cc9;padding:4px 8px;min-height:1em}
.fail{color:#c00}.warn{color:#a60}
table.ix{border-collapse:collapse}table.ix td,table.ix th{border:1px solid #ccc;padding:2px 6px;text-align:left}
";

const SCRIPT: &str = "\
document.addEventListener('click',function(e){var t=e.target.closest('[data-t]');\
if(t){document.getElementById('info').textContent=t.getAttribute('data-t');}});";

const LEGEND: &str = "<p class=\"key\">\
<span style=\"border-color:#6a3d9a\"></span>header\
<span style=\"border-color:#1f78b4\"></span>label\
<span style=\"border-color:#33a02c\"></span>amount, checked\
<span style=\"border-color:#f0a000;background:rgba(255,190,0,.25)\"></span>amount in no passing check\
<span style=\"border-color:#e00000;background:rgba(255,0,0,.35)\"></span>failed check\
<span style=\"border-color:#aaa\"></span><span style=\"border:0;width:auto;color:#aaa\">grey text: in no table</span>\
<span style=\"border-color:#08707a\"></span><span style=\"border:0;width:auto;color:#08707a\">teal text: on a page read as a performance form \
(indicators.csv, forms.csv; not outlined cell by cell)</span></p>";

/// The whole document: the side list beside the pages.
pub(crate) fn shell(title: &str, side: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>review: {t}</title>\
<style>{STYLE}</style></head><body><nav id=\"side\">{side}</nav><main id=\"main\"><h1>{t}</h1>{LEGEND}{body}\
<div id=\"info\">Hover over a cell for its table, row, column and value; click to keep it here.</div></main>\
<script>{SCRIPT}</script></body></html>\n",
        t = esc(title)
    )
}

/// A plain page around some content (the index).
pub(crate) fn plain(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{t}</title>\
<style>{STYLE}</style></head><body><main id=\"main\"><h1>{t}</h1>{body}</main></body></html>\n",
        t = esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_points_are_written_safely_and_short() {
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(pt(12.0), "12");
        assert_eq!(pt(12.34), "12.3");
        assert_eq!(pt(-0.04), "0");
    }
}
