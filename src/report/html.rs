//! The review as one self-contained web page for a sales meeting: inline
//! SVG charts, no scripts, no outside files, print styles. Every text from
//! the book is escaped; the markup is also well-formed XML (every element
//! closed, attributes quoted), so a strict parser reads it.

use std::fmt::Write;

use super::table::{money, sparkline};
use super::{Bar, Report};
use crate::domain::text::sanitize_line;

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let clean = sanitize_line(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#111;max-width:60em}\
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}\
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.15em .7em;text-align:left}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
svg{display:block;margin:.5em 0}.bar{fill:#3465a4}.brief{fill:none;stroke:#c00;stroke-width:2}\
.line{fill:none;stroke:#3465a4;stroke-width:2}.note{color:#444}\
@media print{body{margin:0;max-width:none}h2{break-after:avoid}section{break-inside:avoid}}";

/// A horizontal bar chart of `bars` (share of the total), with the brief's
/// share marked, and the numbers written beside each bar.
fn bar_chart(out: &mut String, title: &str, bars: &[Bar]) {
    let row = 22;
    let (label_w, chart_w) = (190, 300);
    let height = row * bars.len() + 4;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        w = label_w + chart_w + 190,
        t = escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i * row + 2;
        let w = (b.percent as usize * chart_w) / 100;
        let brief = b
            .brief_percent
            .map_or(String::new(), |p| format!(" (brief {p}%)"));
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{ty}\" font-size=\"13\">{label}</text>\
             <rect class=\"bar\" x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"16\"/>",
            ty = y + 13,
            label = escape(&b.label),
        );
        if let Some(p) = b.brief_percent {
            let bx = label_w + (p as usize * chart_w) / 100;
            let _ = write!(
                out,
                "<line class=\"brief\" x1=\"{bx}\" x2=\"{bx}\" y1=\"{y}\" y2=\"{y2}\"/>",
                y2 = y + 16
            );
        }
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{ty}\" font-size=\"13\">{n} · {pc}%{brief}</text>",
            x = label_w + chart_w + 8,
            ty = y + 13,
            n = b.count,
            pc = b.percent,
        );
    }
    out.push_str("</svg>");
}

/// A table of bars: the same numbers as the chart, for reading and print.
fn bar_table(out: &mut String, head: &str, bars: &[Bar]) {
    let _ = write!(
        out,
        "<table><tr><th>{}</th><th class=\"n\">count</th><th class=\"n\">share</th><th class=\"n\">brief</th></tr>",
        escape(head)
    );
    for b in bars {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}%</td><td class=\"n\">{}</td></tr>",
            escape(&b.label),
            b.count,
            b.percent,
            b.brief_percent.map_or("–".into(), |p| format!("{p}%"))
        );
    }
    out.push_str("</table>");
}

/// A line chart of the weighted pipeline, week by week.
fn line_chart(out: &mut String, values: &[i64]) {
    let (w, h, pad) = (600i64, 120i64, 6i64);
    let hi = values.iter().copied().max().unwrap_or(0).max(1);
    let n = values.len().max(2) as i64 - 1;
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = pad + i as i64 * (w - 2 * pad) / n;
            let y = h - pad - v * (h - 2 * pad) / hi;
            format!("{x},{y}")
        })
        .collect();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"weighted pipeline by week\">\
         <title>weighted pipeline by week</title>\
         <polyline class=\"line\" points=\"{}\"/></svg>",
        points.join(" ")
    );
}

fn cell(text: &str, numeric: bool) -> String {
    if numeric {
        format!("<td class=\"n\">{}</td>", escape(text))
    } else {
        format!("<td>{}</td>", escape(text))
    }
}

/// The whole review as one page.
pub fn render(r: &Report) -> String {
    render_with(r, "")
}

/// The review as one page with `extra` (already escaped markup) as its
/// last section.
pub fn render_with(r: &Report, extra: &str) -> String {
    let mut out = String::new();
    let title = super::title(r);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>\
         <title>{t}</title><style>{STYLE}</style></head><body><h1>{t}</h1>\
         <p class=\"note\">From {} to {}.</p>",
        escape(&r.period.from),
        escape(&r.period.to),
        t = escape(&title),
    );

    let o = &r.outcomes;
    out.push_str("<section><h2>Won and lost</h2><table><tr><th></th><th class=\"n\">count</th><th class=\"n\">value</th></tr>");
    for (name, t) in [
        ("won", &o.won),
        ("lost", &o.lost),
        ("closed out", &o.closed_out),
    ] {
        let _ = write!(
            out,
            "<tr>{}{}{}</tr>",
            cell(name, false),
            cell(&t.count.to_string(), true),
            cell(&money(t.value_cents), true)
        );
    }
    out.push_str("</table>");
    if !o.lost_reasons.is_empty() {
        out.push_str("<table><tr><th>lost because</th><th class=\"n\">count</th><th class=\"n\">value</th></tr>");
        for x in &o.lost_reasons {
            let _ = write!(
                out,
                "<tr>{}{}{}</tr>",
                cell(x.reason.as_deref().unwrap_or("(no reason given)"), false),
                cell(&x.count.to_string(), true),
                cell(&money(x.value_cents), true)
            );
        }
        out.push_str("</table>");
    }
    if !o.finished.is_empty() {
        out.push_str("<table><tr><th>name</th><th>status</th><th class=\"n\">contacts</th><th class=\"n\">value</th><th>reason</th></tr>");
        for f in &o.finished {
            let _ = write!(
                out,
                "<tr>{}{}{}{}{}</tr>",
                cell(&f.name, false),
                cell(&f.status, false),
                cell(&f.contacts.to_string(), true),
                cell(&f.value_cents.map(money).unwrap_or_default(), true),
                cell(f.lost_reason.as_deref().unwrap_or_default(), false)
            );
        }
        out.push_str("</table>");
    }
    out.push_str("</section>");

    let c = &r.contacts_to_win;
    let _ = write!(out, "<section><h2>Contacts to win ({} wins)</h2>", c.wins);
    bar_chart(&mut out, "contacts per win, next to the brief", &c.bars);
    bar_table(&mut out, "contact", &c.bars);
    out.push_str("<p class=\"note\">The brief: 2% of sales close on the 1st contact, 3% on the 2nd, 5% on the 3rd, 10% on the 4th, 80% on the 5th to 12th.</p></section>");

    let s = &r.stopped;
    let _ = write!(
        out,
        "<section><h2>Where follow-up stopped ({} lost or closed out)</h2>",
        s.finished
    );
    bar_chart(&mut out, "contacts made before stopping", &s.bars);
    bar_table(&mut out, "contacts made", &s.bars);
    let _ = write!(
        out,
        "<p>At the end of the period: {} active; abandoned rather than finished: {} with no next step, {} gone quiet; {} overdue.</p>\
         <p class=\"note\">The brief: 48% of salespeople never follow up, 25% stop after a second contact, only 12% make more than three.</p></section>",
        s.active_at_end, s.no_next_step, s.gone_quiet, s.overdue
    );

    let sp = &r.speed;
    let _ = write!(
        out,
        "<section><h2>Speed: quote to first follow-up ({} quoted)</h2>",
        sp.quoted
    );
    bar_chart(&mut out, "days from quote to first follow-up", &sp.bars);
    bar_table(&mut out, "days", &sp.bars);
    let _ = write!(
        out,
        "<p>Next steps done: {}; on time {} ({}%), late {}; rescheduled {}.</p>\
         <p class=\"note\">The brief: call back 2–4 days after the quote; every day after lowers the odds.</p></section>",
        sp.steps_done, sp.on_time, sp.on_time_percent, sp.late, sp.rescheduled
    );

    let p = &r.pipeline;
    let values: Vec<i64> = p.weeks.iter().map(|w| w.weighted_cents).collect();
    let _ = write!(
        out,
        "<section><h2>Pipeline, weighted by probability</h2><p>{}</p>",
        sparkline(&values)
    );
    line_chart(&mut out, &values);
    out.push_str("<table><tr><th>at</th><th class=\"n\">weighted</th></tr>");
    for w in &p.weeks {
        let _ = write!(
            out,
            "<tr>{}{}</tr>",
            cell(&w.at.get(..16).unwrap_or(&w.at).replace('T', " "), false),
            cell(&money(w.weighted_cents), true)
        );
    }
    out.push_str("</table><table><tr><th>this period</th><th class=\"n\">count</th><th class=\"n\">value</th></tr>");
    for (name, t) in [
        ("entered", &p.entered),
        ("reopened", &p.reopened),
        ("won", &p.won),
        ("lost", &p.lost),
        ("closed out", &p.closed_out),
    ] {
        let _ = write!(
            out,
            "<tr>{}{}{}</tr>",
            cell(name, false),
            cell(&t.count.to_string(), true),
            cell(&money(t.value_cents), true)
        );
    }
    out.push_str("</table></section>");

    out.push_str("<section><h2>The series: answered after each step</h2>");
    if r.series.is_empty() {
        out.push_str("<p>No series step was performed in the period.</p>");
    } else {
        out.push_str("<table><tr><th>series</th><th class=\"n\">step</th><th>label</th><th class=\"n\">done</th><th class=\"n\">answered</th><th class=\"n\">not</th><th class=\"n\">waiting</th><th class=\"n\">rate</th></tr>");
        for s in &r.series {
            let _ = write!(
                out,
                "<tr>{}{}{}{}{}{}{}{}</tr>",
                cell(&s.series, false),
                cell(&s.step.to_string(), true),
                cell(&s.label, false),
                cell(&s.performed.to_string(), true),
                cell(&s.answered.to_string(), true),
                cell(&s.unanswered.to_string(), true),
                cell(&s.waiting.to_string(), true),
                cell(&format!("{}%", s.answered_percent), true)
            );
        }
        out.push_str("</table>");
    }
    out.push_str("</section>");
    out.push_str(extra);
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn book_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"Co\"\u{1b}[31m"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;[31m"
        );
    }

    #[test]
    fn a_chart_writes_its_numbers_beside_its_bars() {
        let mut out = String::new();
        let shares = crate::report::bars(&[("1st", 1, Some(2)), ("2nd", 3, None)]);
        bar_chart(&mut out, "t <b>", &shares);
        assert!(out.contains("<title>t &lt;b&gt;</title>"), "{out}");
        assert!(out.contains("1 · 25% (brief 2%)"), "{out}");
        assert!(out.contains("3 · 75%</text>"), "{out}");
        assert_eq!(out.matches("<rect").count(), 2);
    }
}
