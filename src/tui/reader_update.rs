//! Key handling of the reader pane (part of the update step).

use super::app::{App, Focus, Level};
use super::update::{Effect, reader_height, reload};
use crate::keymap::{Action, Scope};
use crate::notes::Origin;

/// Applies a Reader-scope action.
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let height = reader_height(app);
    let page = height.saturating_sub(2).max(1) as isize;
    let Some(reader) = app.reader.as_mut() else {
        if action == Action::Back {
            app.focus = Focus::List;
        }
        return Vec::new();
    };
    match action {
        Action::Down => reader.scroll_by(1, height),
        Action::Up => reader.scroll_by(-1, height),
        Action::PageDown => reader.scroll_by(page, height),
        Action::PageUp => reader.scroll_by(-page, height),
        Action::Top => reader.scroll = 0,
        Action::Bottom => reader.scroll = reader.max_scroll(height),
        Action::Left => reader.hscroll = reader.hscroll.saturating_sub(4),
        Action::Right => {
            // Stop once the widest line's end is in view.
            let room = reader.width.saturating_sub(2).max(1);
            reader.hscroll = (reader.hscroll + 4).min(reader.widest_code().saturating_sub(room))
        }
        Action::ToggleWrap => {
            app.wrap_code = !app.wrap_code;
            reader.wrap_code = app.wrap_code;
            reader.hscroll = 0;
            reader.relayout(reader.width);
        }
        Action::ToggleSource => {
            reader.source_view = !reader.source_view;
            reader.relayout(reader.width);
        }
        Action::Back => app.focus = Focus::List,
        Action::Filter => {
            app.focus = Focus::List;
            app.prompt = true;
        }
        Action::Copy => return copy_block(app, height),
        Action::Edit => return edit(app),
        Action::Reload => return reload(app),
        Action::OpenPanel => return open_panel(app, height),
        _ => {}
    }
    Vec::new()
}

/// Opens the panel that fits what the reader shows: a code block in view that a panel reads
/// (a manifest list), else the note's board.
fn open_panel(app: &mut App, height: usize) -> Vec<Effect> {
    let Some(reader) = app.reader.as_ref() else {
        return Vec::new();
    };
    let in_view = reader.block_in_view(height).map(|i| &reader.blocks[i]);
    if let Some(block) = in_view.filter(|b| b.lang.eq_ignore_ascii_case("http"))
        && let Some(panel) = app.bench.as_mut()
    {
        let stem = crate::notes::file_stem(&reader.path);
        let name = format!("{stem}:{}", block.source_line + 1);
        panel.add_input(crate::bench::Input::from_text(&name, block.text.as_bytes()));
        app.tab = super::app::Tab::Bench;
        app.status = Some((
            format!(
                "loaded the request from {}: {} runs it",
                reader.path,
                app.key(Scope::Bench, Action::Start)
            ),
            Level::Info,
        ));
        return Vec::new();
    }
    if let Some(block) = in_view.filter(|b| b.lang.eq_ignore_ascii_case("json"))
        && super::manifest::looks_like_index(&block.text)
        && app.manifest.is_some()
    {
        let name = format!("{}:{}", reader.path, block.source_line + 1);
        let bytes = block.text.clone().into_bytes();
        app.tab = super::app::Tab::Manifest;
        let job = app.manifest.as_mut().map(|m| m.begin_document(name, bytes));
        return job.map(Effect::Manifest).into_iter().collect();
    }
    if let (Some(board), Some(pins)) = (reader.fields.get("board").cloned(), app.pins.as_mut()) {
        let panel = reader.fields.get("panel").cloned();
        match pins.open(&board, panel.as_deref()) {
            Ok(()) => {
                pins.reason = format!("opened from the note {}", reader.path);
                app.tab = super::app::Tab::Pins;
            }
            Err(e) => app.status = Some((format!("{}: board: {e}", reader.path), Level::Warning)),
        }
        return Vec::new();
    }
    app.status = Some(("nothing in view opens a panel".into(), Level::Info));
    Vec::new()
}

fn copy_block(app: &mut App, height: usize) -> Vec<Effect> {
    let Some(reader) = app.reader.as_ref() else {
        return Vec::new();
    };
    match reader.block_in_view(height) {
        Some(i) => {
            let text = reader.blocks[i].text.clone();
            let lines = text.lines().count();
            app.status = Some((
                format!("copied code block {} ({lines} lines) with OSC 52", i + 1),
                Level::Info,
            ));
            vec![Effect::Copy(text)]
        }
        None => {
            app.status = Some(("no code block in view".into(), Level::Info));
            Vec::new()
        }
    }
}

fn edit(app: &mut App) -> Vec<Effect> {
    let Some(reader) = app.reader.as_ref() else {
        return Vec::new();
    };
    match &reader.origin {
        Origin::File(path) => vec![Effect::Edit {
            path: path.clone(),
            line: reader.top_source_line(),
        }],
        Origin::Bundled(_) => {
            let message = "bundled notes are read-only: copy notes/ to a folder and open that";
            app.status = Some((message.into(), Level::Warning));
            Vec::new()
        }
    }
}
