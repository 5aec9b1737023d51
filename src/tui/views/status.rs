//! The status bar: the note of what just happened, then the keys that matter where the
//! keyboard is, read from that context's bindings, or the line being typed.

use ratatui::text::{Line, Span};

use crate::tui::app::{App, Layer};

pub fn line(app: &App) -> Line<'static> {
    let cx = &app.cx;
    let t = &cx.theme;
    let key = |k: String| Span::styled(k, t.key());
    let word = |w: &str| Span::raw(format!(" {w}  "));
    let mut spans = vec![Span::raw(" ")];
    let typing_form = matches!(app.stack.last(), Some(Layer::Form(_)));
    if let Some(team) = &cx.team {
        spans.extend(team_spans(team, t));
    }
    if !typing_form {
        if let Some(note) = &cx.message {
            spans.push(Span::styled(format!("{note}   "), t.header()));
        } else if cx.recomputing {
            spans.push(Span::styled("recomputing health…   ", t.dim()));
        }
    }
    match app.stack.last() {
        Some(Layer::Narrow) => {
            let (text, shown) = app.top_room().narrowed().unwrap_or_default();
            spans.push(Span::styled("Filter: ", t.header()));
            spans.push(Span::raw(text));
            spans.push(Span::styled("▏", t.key()));
            spans.push(Span::raw(format!("  {shown} shown   ")));
            spans.extend([
                key("Enter".into()),
                word("keep"),
                key("Esc".into()),
                word("clear"),
                key("Ctrl-u".into()),
                word("erase"),
            ]);
        }
        Some(Layer::Help) => spans.extend([key("any key".into()), word("close help")]),
        Some(Layer::Conflicts(_)) => spans.extend([
            key("m".into()),
            word("keep yours"),
            key("t".into()),
            word("put theirs back"),
            key("Esc".into()),
            word("close"),
        ]),
        Some(Layer::Palette(_)) => spans.extend([
            key("type".into()),
            word("to find"),
            key("↑/↓".into()),
            word("choose"),
            key("Enter".into()),
            word("go"),
            key("Esc".into()),
            word("close"),
        ]),
        Some(Layer::Form(form)) => {
            spans.push(Span::styled(format!("{} ", form.question()), t.header()));
            spans.push(Span::raw(form.input.clone()));
            spans.push(Span::styled("▏", t.key()));
            if let Some(why) = &form.error {
                spans.push(Span::styled(format!("  {why}"), t.bad()));
            } else {
                spans.extend([
                    key("  Enter".into()),
                    word("next"),
                    key("Esc".into()),
                    word("cancel"),
                ]);
            }
        }
        _ => {
            let context = app.top_room().context();
            for (keys, what) in cx.keys.hints(context) {
                spans.push(key(keys));
                spans.push(word(what));
            }
        }
    }
    Line::from(spans)
}

/// Where the team book stands: when it last synced (or that it is out of reach), what
/// waits to be pushed, and the conflicts waiting for a choice.
fn team_spans(
    team: &crate::tui::team_sync::TeamState,
    t: &crate::tui::widgets::theme::Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    match (&team.offline, &team.synced_at) {
        (Some(_), Some(at)) => spans.push(Span::styled(
            format!("team book offline, last synced {at}"),
            t.warn(),
        )),
        (Some(_), None) => spans.push(Span::styled("team book offline", t.warn())),
        (None, Some(at)) => spans.push(Span::styled(format!("synced {at}"), t.dim())),
        (None, None) => spans.push(Span::styled("syncing…", t.dim())),
    }
    if team.pending > 0 {
        spans.push(Span::styled(
            format!(" · {} to push", team.pending),
            t.dim(),
        ));
    }
    if team.conflicts > 0 {
        spans.push(Span::styled(
            format!(" · Conflicts ({}): C", team.conflicts),
            t.bad(),
        ));
    }
    spans.push(Span::raw("   "));
    spans
}
