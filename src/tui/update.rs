//! The update step: the only place the app's state changes. It returns effects (I/O the loop
//! performs: spawning jobs, the editor, the clipboard) instead of doing them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use super::app::{App, Focus, Level};
use super::event::Msg;
use super::prompt::Edit;
use super::reader::Reader;
use super::view::{Areas, LIST_ITEM_HEIGHT, inner};
use crate::keymap::{Action, Scope};
use crate::notes::{self, discover::Found};

/// Work for the loop to do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Highlight the open note's code blocks off the UI thread.
    Highlight,
    /// Open `$EDITOR` on a file at a line.
    Edit {
        /// The file.
        path: std::path::PathBuf,
        /// The 1-based line.
        line: usize,
    },
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Capture the mouse, or give it back.
    Mouse(bool),
    /// Walk the notes source again, as this generation.
    Reindex(u64),
    /// Run a benchmark the Bench panel started.
    Bench(super::bench::BenchJob),
    /// Run a job the Manifest panel started.
    Manifest(super::manifest::ManifestJob),
}

/// Applies one message. Returns the effects to perform.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => key_pressed(app, key),
        Msg::Mouse(mouse) => mouse_event(app, mouse),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            relayout(app);
            clamp_list(app);
            Vec::new()
        }
        Msg::Index(generation, found) if generation == app.index_generation => indexed(app, found),
        Msg::Index(..) => Vec::new(),
        Msg::JobFailed { job, message } => {
            app.status = Some((format!("the {job} job failed: {message}"), Level::Warning));
            if let Some(b) = app.bench.as_mut() {
                b.cancel();
            }
            if let Some(m) = app.manifest.as_mut() {
                m.cancel_job();
            }
            Vec::new()
        }
        Msg::Bench(msg) => {
            if let Some(panel) = app.bench.as_mut() {
                panel.apply(msg);
            }
            Vec::new()
        }
        Msg::Manifest(msg) => {
            if let Some(panel) = app.manifest.as_mut() {
                panel.apply(msg);
            }
            Vec::new()
        }
        Msg::InputClosed(error) => {
            tracing::error!("terminal input failed: {error}");
            app.quit = true;
            Vec::new()
        }
        Msg::Edited(error) => {
            let effects = reload(app);
            if let Some(e) = error {
                app.status = Some((e, Level::Warning));
            }
            effects
        }
        Msg::Highlighted {
            origin,
            theme,
            blocks,
        } => {
            let current = app.theme().code_theme.label();
            if let Some(reader) = app
                .reader
                .as_mut()
                .filter(|r| r.origin == origin && theme == current)
            {
                reader.set_highlights(blocks.clone());
            }
            app.highlight_cache.insert((origin, theme), blocks);
            Vec::new()
        }
    }
}

fn indexed(app: &mut App, found: Found) -> Vec<Effect> {
    match found {
        Found::Notes(batch) => {
            app.notes.extend(batch);
            notes::sort(&mut app.notes);
            app.refilter();
            clamp_list(app);
            let effects = resume(app);
            if app.reader.is_none() {
                return open_selected(app);
            }
            return effects;
        }
        Found::Warning(w) => {
            tracing::warn!("{w}");
            app.warnings.push(w);
        }
        Found::Done { count, elapsed } => {
            app.indexing = false;
            tracing::info!(
                "indexed {count} notes from {} in {elapsed:?}",
                app.source.describe()
            );
            if !app.warnings.is_empty() {
                let n = app.warnings.len();
                let last = app.warnings.last().cloned().unwrap_or_default();
                app.status = Some((format!("{n} warning(s); last: {last}"), Level::Warning));
            }
        }
    }
    Vec::new()
}

/// Reads the notes again (after `r` or `$EDITOR`), coming back to the same note and place.
/// Highlighting is dropped too: a code block may have changed.
pub(super) fn reload(app: &mut App) -> Vec<Effect> {
    if let Some(reader) = app.reader.as_ref() {
        app.resume = Some(super::app::Resume {
            path: reader.path.clone(),
            scroll: reader.scroll,
        });
    }
    app.notes.clear();
    app.visible.clear();
    app.reader = None;
    app.highlight_cache.clear();
    app.indexing = true;
    app.index_generation += 1;
    app.status = Some(("reloading notes".into(), Level::Info));
    vec![Effect::Reindex(app.index_generation)]
}

/// Selects and scrolls to the note remembered in `app.resume` once it has been found.
fn resume(app: &mut App) -> Vec<Effect> {
    let Some(wanted) = app.resume.clone() else {
        return Vec::new();
    };
    let Some(pos) = app
        .visible
        .iter()
        .position(|&i| app.notes[i].path == wanted.path)
    else {
        return Vec::new();
    };
    app.resume = None;
    app.selected = pos;
    app.reader = None;
    clamp_list(app);
    let effects = open_selected(app);
    let height = reader_height(app);
    if let Some(reader) = app.reader.as_mut() {
        reader.scroll = wanted.scroll.min(reader.max_scroll(height));
    }
    effects
}

fn key_pressed(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    app.status = None;
    let scope = app.scope();
    if scope == Scope::Prompt {
        return prompt_key(app, key);
    }
    let action = app.keymap.action(scope, &key).or_else(|| match scope {
        Scope::Help => app
            .keymap
            .action(Scope::Global, &key)
            .filter(|a| matches!(a, crate::keymap::Action::Quit | crate::keymap::Action::Help)),
        _ => app.keymap.action(Scope::Global, &key),
    });
    match action {
        Some(action) => act(app, scope, action),
        None => Vec::new(),
    }
}

fn prompt_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        app.quit = true;
        return Vec::new();
    }
    match app.tab {
        super::app::Tab::Pins => return super::pins_update::prompt_key(app, key),
        super::app::Tab::Manifest => return super::manifest_update::prompt_key(app, key),
        super::app::Tab::Bench => return super::bench_update::prompt_key(app, key),
        super::app::Tab::Notes => {}
    }
    match super::prompt::edit(&mut app.filter, &app.keymap, &key) {
        Edit::Accepted => app.prompt = false,
        Edit::Cancelled => {
            app.prompt = false;
            app.filter.clear();
        }
        Edit::Changed => {}
        Edit::Ignored => return Vec::new(),
    }
    app.refilter();
    app.list_offset = 0;
    clamp_list(app);
    open_selected(app)
}

fn act(app: &mut App, scope: Scope, action: Action) -> Vec<Effect> {
    match (scope, action) {
        (_, Action::Quit) => app.quit = true,
        (_, Action::Help) => app.help = if app.help.is_some() { None } else { Some(0) },
        (Scope::Help, Action::Down) => {
            let last = super::view::help_row_count(app).saturating_sub(1);
            app.help = app.help.map(|s| (s + 1).min(last));
        }
        (Scope::Help, Action::Up) => app.help = app.help.map(|s| s.saturating_sub(1)),
        (Scope::Help, Action::PageDown) => {
            let last = super::view::help_row_count(app).saturating_sub(1);
            let page = usize::from(app.size.1.saturating_sub(4)).max(1);
            app.help = app.help.map(|s| (s + page).min(last));
        }
        (Scope::Help, Action::PageUp) => {
            let page = usize::from(app.size.1.saturating_sub(4)).max(1);
            app.help = app.help.map(|s| s.saturating_sub(page));
        }
        (Scope::Help, Action::Top) => app.help = Some(0),
        (Scope::Help, Action::Back) => app.help = None,
        (_, Action::Tab(n)) => {
            if let Some(&tab) = app.tabs().get(usize::from(n).saturating_sub(1)) {
                app.tab = tab;
            }
        }
        (_, Action::CycleTheme) => return cycle_theme(app),
        (_, Action::ToggleMouse) => {
            app.mouse = !app.mouse;
            let state = if app.mouse {
                "captured: wheel and clicks work"
            } else {
                "released to the terminal"
            };
            app.status = Some((format!("mouse {state}"), Level::Info));
            return vec![Effect::Mouse(app.mouse)];
        }
        (_, Action::SwitchFocus) => {
            app.focus = match app.focus {
                Focus::List if app.reader.is_some() => Focus::Reader,
                _ => Focus::List,
            }
        }
        (Scope::List, action) => return list_action(app, action),
        (Scope::Reader, action) => return super::reader_update::action(app, action),
        (Scope::Bench, action) => return super::bench_update::action(app, action),
        (Scope::Pins, action) => return super::pins_update::action(app, action),
        (Scope::Manifest, action) => return super::manifest_update::action(app, action),
        _ => {}
    }
    Vec::new()
}

fn list_action(app: &mut App, action: Action) -> Vec<Effect> {
    let last = app.visible.len().saturating_sub(1);
    let page = (Areas::new(app.size.0, app.size.1, app).list_rows() / LIST_ITEM_HEIGHT).max(1);
    let before = app.selected;
    match action {
        Action::Down => app.selected = (app.selected + 1).min(last),
        Action::Up => app.selected = app.selected.saturating_sub(1),
        Action::Top => app.selected = 0,
        Action::Bottom => app.selected = last,
        Action::PageDown => app.selected = (app.selected + page).min(last),
        Action::PageUp => app.selected = app.selected.saturating_sub(page),
        Action::Filter => {
            app.prompt = true;
            return Vec::new();
        }
        Action::Back => {
            app.filter.clear();
            app.refilter();
        }
        Action::Open => {
            let effects = open_selected(app);
            if app.reader.is_some() {
                app.focus = Focus::Reader;
            }
            return effects;
        }
        _ => return Vec::new(),
    }
    clamp_list(app);
    if app.selected != before || action == Action::Back {
        open_selected(app)
    } else {
        Vec::new()
    }
}

fn cycle_theme(app: &mut App) -> Vec<Effect> {
    app.theme = (app.theme + 1) % app.themes.len().max(1);
    let name = app.theme().name.clone();
    app.status = Some((format!("theme: {name}"), Level::Info));
    apply_cached_highlights(app)
}

/// Uses cached highlighting for the open note and theme, or asks for a job.
pub fn apply_cached_highlights(app: &mut App) -> Vec<Effect> {
    let label = app.theme().code_theme.label();
    let Some(reader) = app.reader.as_mut() else {
        return Vec::new();
    };
    if reader.blocks.is_empty() {
        return Vec::new();
    }
    match app.highlight_cache.get(&(reader.origin.clone(), label)) {
        Some(blocks) => {
            reader.set_highlights(blocks.clone());
            Vec::new()
        }
        // The old colours stay until the new ones arrive: no flash of plain code.
        None => vec![Effect::Highlight],
    }
}

/// Opens the selected note in the reader (the reader previews the selection).
pub fn open_selected(app: &mut App) -> Vec<Effect> {
    let Some(meta) = app.selected_note().cloned() else {
        app.reader = None;
        return Vec::new();
    };
    if app.reader.as_ref().is_some_and(|r| r.origin == meta.origin) {
        return Vec::new();
    }
    let width = reader_width(app);
    // Known shortcoming: the note's file is read here, on the UI thread (notes are small; a
    // slow network folder would stall the list).
    match notes::read(&meta.origin, &meta.path) {
        Ok(text) => {
            let label = app.theme().code_theme.label();
            let cached = app
                .highlight_cache
                .get(&(meta.origin.clone(), label))
                .cloned();
            let reader = Reader::new(&meta, text, width, app.wrap_code, cached.clone());
            let wants_job = cached.is_none() && !reader.blocks.is_empty();
            app.reader = Some(reader);
            if wants_job {
                vec![Effect::Highlight]
            } else {
                Vec::new()
            }
        }
        Err(e) => {
            app.status = Some((e, Level::Warning));
            Vec::new()
        }
    }
}

/// The reader's text width for the current size and state.
pub fn reader_width(app: &App) -> usize {
    let mut probe = Areas::new(app.size.0, app.size.1, app);
    if probe.reader.is_none() && !probe.too_small {
        // In a narrow window the reader replaces the list; size it as it will be shown.
        probe.reader = probe.list;
    }
    probe
        .reader_text()
        .map_or(usize::from(app.size.0.max(1)), |r| {
            usize::from(r.width).max(1)
        })
}

pub(super) fn reader_height(app: &App) -> usize {
    let warnings = app.reader.as_ref().map_or(0, |r| r.warnings.len());
    Areas::new(app.size.0, app.size.1, app)
        .reader_text()
        .map_or(1, |r| usize::from(r.height).saturating_sub(warnings).max(1))
}

fn relayout(app: &mut App) {
    let width = reader_width(app);
    let height = reader_height(app);
    if let Some(reader) = app.reader.as_mut() {
        if reader.width != width {
            reader.relayout(width);
        }
        reader.scroll = reader.scroll.min(reader.max_scroll(height));
    }
}

/// Keeps the selection inside the list's visible rows.
fn clamp_list(app: &mut App) {
    app.selected = app.selected.min(app.visible.len().saturating_sub(1));
    let rows = Areas::new(app.size.0, app.size.1, app).list_rows();
    let prompt = usize::from(app.prompt || !app.filter.is_empty());
    let fits = (rows.saturating_sub(prompt) / LIST_ITEM_HEIGHT).max(1);
    if app.selected < app.list_offset {
        app.list_offset = app.selected;
    } else if app.selected >= app.list_offset + fits {
        app.list_offset = app.selected + 1 - fits;
    }
}

fn mouse_event(app: &mut App, mouse: MouseEvent) -> Vec<Effect> {
    let areas = Areas::new(app.size.0, app.size.1, app);
    let inside = |r: Option<ratatui::layout::Rect>| {
        r.is_some_and(|r| r.contains(ratatui::layout::Position::new(mouse.column, mouse.row)))
    };
    let over_reader = inside(areas.reader);
    let height = reader_height(app);
    if let (MouseEventKind::Down(_), true) = (mouse.kind, inside(areas.tabs)) {
        let hit = super::view::tabs::labels(app)
            .into_iter()
            .find(|(_, _, cols)| cols.contains(&mouse.column));
        if let Some((tab, _, _)) = hit {
            app.tab = tab;
        }
        return Vec::new();
    }
    match mouse.kind {
        MouseEventKind::ScrollDown if over_reader => {
            if let Some(r) = app.reader.as_mut() {
                r.scroll_by(3, height);
            }
        }
        MouseEventKind::ScrollUp if over_reader => {
            if let Some(r) = app.reader.as_mut() {
                r.scroll_by(-3, height);
            }
        }
        MouseEventKind::ScrollDown if inside(areas.list) => return list_action(app, Action::Down),
        MouseEventKind::ScrollUp if inside(areas.list) => return list_action(app, Action::Up),
        MouseEventKind::Down(_) if inside(areas.list) => {
            let top = areas.list.map_or(0, |r| inner(r).y);
            let row = usize::from(mouse.row.saturating_sub(top)) / LIST_ITEM_HEIGHT;
            let target = app.list_offset + row;
            app.focus = Focus::List;
            if target < app.visible.len() {
                app.selected = target;
                clamp_list(app);
                return open_selected(app);
            }
        }
        MouseEventKind::Down(_) if over_reader => app.focus = Focus::Reader,
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
