//! What every HTML report shares: escaping, the one inline style sheet (nothing fetched
//! from the network), and a page that prints on A4 or Letter.

/// `text` safe inside HTML.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub const STYLE: &str = "body{font:14px/1.45 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1d2430;max-width:960px;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;border-bottom:2px solid #dfe3ea;padding-bottom:.2rem;margin-top:1.8rem}\
h3{font-size:1rem;margin:1.2rem 0 .3rem}\
.sub{color:#5b6576}table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e6e9ef}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:600;border-top:2px solid #c9ced8}\
th{background:#f4f6f9;font-weight:600}ul{padding-left:1.2rem}li.ok::marker{content:'✔ '}li.todo::marker{content:'☐ '}\
svg{width:100%;height:auto}@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}";

/// A whole page: `title` as its heading, `sub` under it, then `body`.
pub fn page(title: &str, sub: &str, body: &str) -> String {
    let (title, sub) = (esc(title), esc(sub));
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>\
         <h1>{title}</h1><p class=\"sub\">{sub}</p>{body}</body></html>\n"
    )
}
