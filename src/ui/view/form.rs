//! Popups that take the keyboard: a form or prompt with its fields, and the
//! yes/no question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::fit::{clean, pad, width, wrap};
use super::status::key;
use super::theme::Theme;
use crate::domain::text::sanitize_line;
use crate::ui::action::Action;
use crate::ui::form::{FieldKey, FieldText, Form};
use crate::ui::keymap::{KeyMode, keys_for};
use crate::ui::state::{App, Question};

/// Widest a form popup grows.
const FORM_WIDTH: u16 = 76;

fn popup_block<'a>(title: &str, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {title} "), theme.title()))
}

/// `lines` wrapped to `room`, each wrapped piece keeping the line's style.
fn wrapped<'a>(lines: Vec<(String, Style)>, room: usize) -> Vec<Line<'a>> {
    lines
        .into_iter()
        .flat_map(|(text, style)| {
            wrap(&text, room)
                .into_iter()
                .map(move |piece| Line::from(Span::styled(piece, style)))
        })
        .collect()
}

/// Draws a form centred in `area`, with the terminal cursor in the focused
/// field.
pub fn draw(frame: &mut Frame, app: &App, form: &Form, theme: &Theme, area: Rect) {
    let width_out = FORM_WIDTH.min(area.width.saturating_sub(4));
    let room = usize::from(width_out.saturating_sub(4));
    let label_w = form
        .fields
        .iter()
        .map(|f| width(f.label))
        .max()
        .unwrap_or(0);
    let value_w = room.saturating_sub(2 + label_w + 2).max(1);

    let mut notes: Vec<(String, Style)> = Vec::new();
    if let Some(field) = form.fields.get(form.focus)
        && !field.hint.is_empty()
    {
        notes.push((field.hint.clone(), theme.muted()));
    }
    match form.when_preview(&app.ctx, &app.now) {
        Some(Ok(text)) => notes.push((format!("→ {}", clean(&text)), theme.ok())),
        Some(Err(text)) => notes.push((format!("✗ {}", clean(&text)), theme.error())),
        None if form.fields.iter().any(|f| f.key == FieldKey::When) => {
            notes.push((String::new(), Style::new()));
        }
        None => {}
    }
    if let Some(error) = &form.error {
        notes.push((format!("✗ {}", clean(error)), theme.error()));
    }
    let footer = footer(form);
    let mut below = wrapped(notes, room);
    below.push(Line::default());
    below.push(Line::from(Span::styled(footer, theme.muted())));

    let room_h = usize::from(area.height.saturating_sub(4));
    let rows = field_rows(form, value_w, room_h.saturating_sub(1 + below.len()));
    let inner_h = rows.iter().sum::<usize>() + 1 + below.len();
    let height = u16::try_from(inner_h + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    let popup = area.centered(Constraint::Length(width_out), Constraint::Length(height));
    let block = popup_block(&clean(&form.title), theme);
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);

    let mut lines = Vec::new();
    let mut cursor = None;
    // Long texts are drawn over their rows afterwards: (field, first row, rows).
    let mut long = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let (marker, label_style, value_style) = if focused {
            ("> ", theme.title(), theme.field())
        } else {
            ("  ", theme.muted(), Style::new())
        };
        let shown = match &field.text {
            FieldText::Line(input) => {
                let value = clean_value(input.value());
                let scroll = if focused {
                    input.visual_scroll(value_w.saturating_sub(1))
                } else {
                    0
                };
                if focused {
                    let x = 2 + label_w + 2 + input.visual_cursor().saturating_sub(scroll);
                    cursor = Some((x.min(room.saturating_sub(1)), lines.len()));
                }
                skip_columns(&value, scroll, value_w)
            }
            FieldText::Lines(_) => {
                long.push((i, lines.len(), rows[i], value_style));
                String::new()
            }
        };
        lines.push(Line::from(vec![
            Span::styled(marker, label_style),
            Span::styled(pad(field.label, label_w), label_style),
            Span::raw("  "),
            Span::styled(pad(&shown, value_w), value_style),
        ]));
        for _ in 1..rows[i] {
            lines.push(Line::default());
        }
    }
    lines.push(Line::default());
    lines.extend(below);
    frame.render_widget(Paragraph::new(lines), inner);
    for (i, top, rows, style) in long {
        let FieldText::Lines(text) = &form.fields[i].text else {
            continue;
        };
        let x = u16::try_from(2 + label_w + 2).unwrap_or(u16::MAX);
        let y = u16::try_from(top).unwrap_or(u16::MAX);
        let rect = Rect::new(
            inner.x.saturating_add(x),
            inner.y.saturating_add(y),
            u16::try_from(value_w).unwrap_or(0),
            u16::try_from(rows).unwrap_or(0),
        )
        .intersection(inner);
        if !rect.is_empty() {
            frame.render_widget(text.widget(), rect);
            frame.buffer_mut().set_style(rect, style);
        }
    }
    if let Some((x, y)) = cursor {
        let y = u16::try_from(y).unwrap_or(u16::MAX);
        if y < inner.height {
            let x = inner.x + u16::try_from(x).unwrap_or(0);
            frame.set_cursor_position((x, inner.y + y));
        }
    }
}

/// Rows a focused long text gets (it scrolls inside them).
const LONG_ROWS: usize = 5;
/// Most rows an unfocused long text shows of itself.
const LONG_ROWS_AT_REST: usize = 3;

/// The rows each field takes: one for a one-line field; a long text gets
/// [`LONG_ROWS`] while focused and what it holds (up to
/// [`LONG_ROWS_AT_REST`]) otherwise, fewer when `room` is short.
fn field_rows(form: &Form, value_w: usize, room: usize) -> Vec<usize> {
    let mut rows: Vec<usize> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, field)| match &field.text {
            FieldText::Line(_) => 1,
            FieldText::Lines(_) if i == form.focus => LONG_ROWS,
            FieldText::Lines(text) => text
                .lines()
                .iter()
                .map(|l| wrap(&clean(l), value_w).len().max(1))
                .sum::<usize>()
                .clamp(1, LONG_ROWS_AT_REST),
        })
        .collect();
    // Too tall: the fields at rest give up rows first, then the focused
    // one, down to two rows.
    for (at_rest, floor) in [(true, 1), (false, 2)] {
        for i in 0..rows.len() {
            while rows.iter().sum::<usize>() > room
                && rows[i] > floor
                && form.fields[i].is_long()
                && (i != form.focus) == at_rest
            {
                rows[i] -= 1;
            }
        }
    }
    rows
}

/// The keys of the form, from the keymap: a long text has its own (Enter
/// breaks the line there).
fn footer(form: &Form) -> String {
    if form.focused_is_long() {
        format!(
            "{} save · {} new line · {} editor · {} next · {} cancel",
            key(Action::Submit, KeyMode::Text),
            key(Action::NewLine, KeyMode::Text),
            key(Action::OpenEditor, KeyMode::Text),
            key(Action::NextField, KeyMode::Text),
            key(Action::Back, KeyMode::Text)
        )
    } else {
        format!(
            "{} save · {} next field · {} cancel",
            key(Action::Submit, KeyMode::Form),
            keys_for(Action::NextField, KeyMode::Form),
            key(Action::Back, KeyMode::Form)
        )
    }
}

/// What is typed, safe to draw (control characters become spaces so the
/// cursor still lines up).
fn clean_value(text: &str) -> String {
    text.chars()
        .map(|c| {
            let one = c.to_string();
            if sanitize_line(&one) == one { c } else { ' ' }
        })
        .collect()
}

/// The part of `text` after its first `skip` columns, at most `max` wide.
fn skip_columns(text: &str, skip: usize, max: usize) -> String {
    let mut out = String::new();
    let (mut at, mut used) = (0, 0);
    for c in text.chars() {
        let w = width(&c.to_string());
        if at >= skip {
            if used + w > max {
                break;
            }
            out.push(c);
            used += w;
        }
        at += w;
    }
    out
}

/// Draws a yes/no question centred in `area`.
pub fn confirm(frame: &mut Frame, question: &Question, theme: &Theme, area: Rect) {
    ask(frame, &question.text, theme, area);
}

/// Draws a yes/no question centred in `area`.
pub fn ask(frame: &mut Frame, question: &str, theme: &Theme, area: Rect) {
    let text = clean(question);
    let max_w = usize::from(area.width.saturating_sub(8)).min(60);
    let room = width(&text).clamp(30, max_w.max(1));
    let lines = wrapped(
        vec![(
            text,
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        )],
        room,
    );
    let w = u16::try_from(room + 4).unwrap_or(u16::MAX);
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    let block = popup_block("Confirm", theme);
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), inner);
}
