//! The help overlay: every documented key, grouped, generated from the
//! keymap so it never lies.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::fit::{pad, width, wrap};
use super::theme::Theme;
use crate::ui::action::Action;
use crate::ui::keymap::{KeyMode, help_entries, keys_for};

/// One group of keys: heading and (keys, description) lines.
struct Group {
    heading: &'static str,
    entries: Vec<(String, &'static str)>,
}

fn groups() -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (heading, keys, description) in help_entries() {
        match groups.last_mut() {
            Some(g) if g.heading == heading => g.entries.push((keys, description)),
            _ => groups.push(Group {
                heading,
                entries: vec![(keys, description)],
            }),
        }
    }
    groups
}

/// Lines of a run of groups in `room` columns, a blank line between
/// groups; descriptions that do not fit wrap under themselves.
fn lines<'a>(groups: &[Group], key_w: usize, room: usize, theme: &Theme) -> Vec<Line<'a>> {
    lines_spaced(groups, key_w, room, theme, true)
}

/// [`lines`], with a blank line between groups when `spaced` (without
/// them, two columns hold a few more keys on the smallest terminal).
fn lines_spaced<'a>(
    groups: &[Group],
    key_w: usize,
    room: usize,
    theme: &Theme,
    spaced: bool,
) -> Vec<Line<'a>> {
    let desc_room = room.saturating_sub(INDENT + key_w + GAP).max(8);
    let mut out = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if i > 0 && spaced {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(g.heading, theme.title())));
        for (keys, description) in &g.entries {
            for (j, piece) in wrap(description, desc_room).into_iter().enumerate() {
                let keys = if j == 0 { keys.as_str() } else { "" };
                out.push(Line::from(vec![
                    Span::raw(" ".repeat(INDENT)),
                    Span::styled(pad(keys, key_w + GAP), theme.title()),
                    Span::raw(piece),
                ]));
            }
        }
    }
    out
}

/// Spaces before a key.
const INDENT: usize = 1;
/// Spaces between the keys and their description.
const GAP: usize = 2;

/// "Esc, ? or q" from "Esc/?/q".
fn or_list(keys: &str) -> String {
    let keys: Vec<&str> = keys.split('/').collect();
    match keys.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => keys.join(""),
    }
}

/// Draws the overlay centred in `area`, clearing what is beneath: one
/// column when it fits, else two split at the most even group boundary;
/// on a terminal too small even for two, scrolled down `scroll` lines
/// (clamped to what there is), saying how to scroll.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, scroll: u16) {
    let groups = groups();
    let entries = || groups.iter().flat_map(|g| g.entries.iter());
    let key_w = entries().map(|(k, _)| width(k)).max().unwrap_or(0);
    let desc_w = entries().map(|(_, d)| width(d)).max().unwrap_or(0);
    let natural = INDENT + key_w + GAP + desc_w;
    // Inner size available: borders and a margin of one on each side.
    let max_w = usize::from(area.width.saturating_sub(4 + 2));
    let max_h = usize::from(area.height.saturating_sub(2 + 2));

    let one_room = natural.min(max_w);
    let one = lines(&groups, key_w, one_room, theme);
    let (inner_w, columns) = if one.len() <= max_h {
        (one_room, vec![one])
    } else {
        let room = natural.min(max_w.saturating_sub(COLUMN_GAP) / 2);
        let split = (1..groups.len())
            .min_by_key(|k| {
                let left = lines(&groups[..*k], key_w, room, theme).len();
                left.max(lines(&groups[*k..], key_w, room, theme).len())
            })
            .unwrap_or(groups.len());
        let mut left = lines(&groups[..split], key_w, room, theme);
        let mut right = lines(&groups[split..], key_w, room, theme);
        if left.len().max(right.len()) > max_h {
            left = lines_spaced(&groups[..split], key_w, room, theme, false);
            right = lines_spaced(&groups[split..], key_w, room, theme, false);
        }
        (room * 2 + COLUMN_GAP, vec![left, right])
    };
    let inner_h = columns.iter().map(Vec::len).max().unwrap_or(0);
    let w = u16::try_from(inner_w + 4)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let h = u16::try_from(inner_h + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = area.centered(Constraint::Length(w), Constraint::Length(h));
    let shown = h.saturating_sub(2);
    let overflow = u16::try_from(inner_h)
        .unwrap_or(u16::MAX)
        .saturating_sub(shown);
    let offset = scroll.min(overflow);
    let closes = or_list(&keys_for(Action::Help, KeyMode::Help));
    let close = if overflow == 0 {
        format!(" {closes} closes ")
    } else {
        let more = match (offset > 0, offset < overflow) {
            (true, true) => "↑↓ more",
            (false, _) => "↓ more",
            (true, false) => "↑ more",
        };
        format!(
            " {more} · {} {} scroll · {closes} closes ",
            keys_for(Action::MoveDown, KeyMode::Help),
            keys_for(Action::MoveUp, KeyMode::Help)
        )
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focus_border())
        .title(Span::styled(" Keys ", theme.title()))
        .title_bottom(Line::from(Span::styled(close, theme.muted())).right_aligned());
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let gap = u16::try_from(COLUMN_GAP).unwrap_or(0);
    let constraints: Vec<Constraint> = match columns.len() {
        1 => vec![Constraint::Fill(1)],
        _ => vec![
            Constraint::Fill(1),
            Constraint::Length(gap),
            Constraint::Fill(1),
        ],
    };
    let areas = Layout::horizontal(constraints).split(inner);
    for (column, target) in columns.into_iter().zip(areas.iter().step_by(2)) {
        frame.render_widget(Paragraph::new(column).scroll((offset, 0)), *target);
    }
}

/// Columns between the two halves.
const COLUMN_GAP: usize = 3;
