//! Charts as inline SVG for the HTML reports: lines over periods (a dashed one for a
//! target) and grouped bars, each with its legend, three labelled levels and the
//! periods' names beneath. Drawn from numbers alone: nothing is fetched to draw them.

use std::fmt::Write;

use super::html::esc;

/// A series of a chart: its name in the legend, its colour, and a value per period
/// (None: no figure that period).
pub struct Series {
    pub name: String,
    pub color: &'static str,
    /// Drawn dashed: a target, not a figure.
    pub dashed: bool,
    pub values: Vec<Option<f64>>,
}

impl Series {
    pub fn new(name: impl Into<String>, color: &'static str, values: Vec<Option<f64>>) -> Self {
        Series {
            name: name.into(),
            color,
            dashed: false,
            values,
        }
    }

    pub fn dashed(mut self) -> Self {
        self.dashed = true;
        self
    }
}

const W: f64 = 900.0;
const H: f64 = 240.0;
/// Room on the left for the levels' labels, and at the top for the legend.
const LEFT: f64 = 64.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 28.0;
const RIGHT: f64 = 12.0;

/// The range the chart's y axis spans: from zero (or just under the lowest value, if
/// `from_zero` is false) to just over the highest.
fn span(series: &[Series], from_zero: bool) -> (f64, f64) {
    let values = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied());
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return (0.0, 1.0);
    }
    let lo = if from_zero { lo.min(0.0) } else { lo };
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.01).max(1e-9);
    (if from_zero { lo } else { lo - pad }, hi + pad)
}

fn y_of(v: f64, (lo, hi): (f64, f64)) -> f64 {
    H - BOTTOM - (H - TOP - BOTTOM) * (v - lo) / (hi - lo)
}

/// The legend, three levels with their labels, and the periods' names (as many as fit).
fn frame(
    aria: &str,
    labels: &[String],
    series: &[Series],
    range: (f64, f64),
    fmt: &dyn Fn(f64) -> String,
    x_of: &dyn Fn(usize) -> f64,
) -> String {
    let mut svg = format!(
        "<svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        esc(aria)
    );
    let mut x = LEFT;
    for s in series {
        let dash = if s.dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<line x1=\"{x}\" y1=\"14\" x2=\"{}\" y2=\"14\" stroke=\"{}\" stroke-width=\"3\"{dash}/>\
             <text x=\"{}\" y=\"18\" font-size=\"12\" fill=\"#1d2430\">{}</text>",
            x + 18.0,
            s.color,
            x + 24.0,
            esc(&s.name)
        );
        x += 34.0 + 7.0 * s.name.chars().count() as f64;
    }
    let (lo, hi) = range;
    for level in [lo, (lo + hi) / 2.0, hi] {
        let y = y_of(level, range);
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"#e6e9ef\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" fill=\"#5b6576\" text-anchor=\"end\">{}</text>",
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            esc(&fmt(level))
        );
    }
    // Every name if they fit, else every few.
    let every = (labels.len() as f64 * 48.0 / (W - LEFT - RIGHT))
        .ceil()
        .max(1.0) as usize;
    for (i, label) in labels.iter().enumerate() {
        if i % every == 0 || i + 1 == labels.len() {
            // The last one ends at its point, so that it stays inside the picture.
            let anchor = if i + 1 == labels.len() && labels.len() > 1 {
                "end"
            } else {
                "middle"
            };
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" fill=\"#5b6576\" text-anchor=\"{anchor}\">{}</text>",
                x_of(i),
                H - 8.0,
                esc(label)
            );
        }
    }
    svg
}

/// Lines over `labels.len()` periods, the y axis labelled by `fmt`.
pub fn lines(
    aria: &str,
    labels: &[String],
    series: &[Series],
    from_zero: bool,
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let range = span(series, from_zero);
    let n = labels.len().max(2) as f64 - 1.0;
    let x_of = |i: usize| LEFT + 10.0 + (W - LEFT - RIGHT - 20.0) * i as f64 / n;
    let mut svg = frame(aria, labels, series, range, fmt, &x_of);
    for s in series {
        let mut d = String::new();
        let mut pen_up = true;
        for (i, v) in s.values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{:.1},{:.1} ",
                        if pen_up { "M" } else { "L" },
                        x_of(i),
                        y_of(*v, range)
                    );
                    pen_up = false;
                }
                None => pen_up = true,
            }
        }
        let dash = if s.dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
            d.trim_end(),
            s.color,
            if s.dashed { 1.5 } else { 2.5 }
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Bars side by side for each period, one per series.
pub fn bars(
    aria: &str,
    labels: &[String],
    series: &[Series],
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let range = span(series, true);
    let slot = (W - LEFT - RIGHT) / labels.len().max(1) as f64;
    let x_of = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let mut svg = frame(aria, labels, series, range, fmt, &x_of);
    let per = series.len().max(1) as f64;
    let width = (slot * 0.8 / per).max(1.0);
    for (k, s) in series.iter().enumerate() {
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let (top, base) = (y_of(v.max(0.0), range), y_of(0.0, range));
            let x = LEFT + slot * i as f64 + slot * 0.1 + width * k as f64;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                (base - top).max(0.0),
                s.color,
                esc(&format!(
                    "{} {}",
                    labels.get(i).map_or("", |l| l.as_str()),
                    s.name
                )),
                esc(&fmt(*v))
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_value_breaks_the_line_and_a_target_is_dashed() {
        let labels: Vec<String> = ["Q1", "Q2", "Q3"].map(String::from).to_vec();
        let svg = lines(
            "GRR",
            &labels,
            &[
                Series::new("GRR", "#2f6fde", vec![Some(90.0), None, Some(95.0)]),
                Series::new("target", "#999", vec![Some(92.0); 3]).dashed(),
            ],
            false,
            &|v| format!("{v:.0}%"),
        );
        // Two separate moves for the GRR line: it does not run through the missing Q2.
        let grr = svg.split("<path d=\"").nth(1).unwrap();
        assert_eq!(grr.split('"').next().unwrap().matches('M').count(), 2);
        assert!(svg.contains("stroke-dasharray=\"6 4\"/>"));
        assert!(svg.contains(">Q2</text>"));
    }

    #[test]
    fn bars_stand_on_zero_and_say_their_value() {
        let labels: Vec<String> = ["01", "02"].map(String::from).to_vec();
        let svg = bars(
            "forecast",
            &labels,
            &[Series::new(
                "forecast",
                "#2f6fde",
                vec![Some(10.0), Some(20.0)],
            )],
            &|v| format!("${v:.0}K"),
        );
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<title>02 forecast: $20K</title>"));
    }
}
