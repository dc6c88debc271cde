//! Tables sized to the pane: columns share the width so that narrow columns keep their natural
//! width and wide ones share the rest; no column ever gets less than one cell, cells wrap, and
//! short rows are padded with empty cells.

use pulldown_cmark::Alignment;

use super::wrap::{self, Piece, Row};
use super::{Role, Span, Style};

pub(super) struct TableBuilder {
    aligns: Vec<Alignment>,
    rows: Vec<(Vec<Vec<Piece>>, usize)>,
    empty: Vec<Piece>,
}

impl TableBuilder {
    pub(super) fn new(aligns: Vec<Alignment>) -> Self {
        TableBuilder {
            aligns,
            rows: Vec::new(),
            empty: Vec::new(),
        }
    }

    pub(super) fn start_row(&mut self, source: usize) {
        self.rows.push((Vec::new(), source));
    }

    pub(super) fn start_cell(&mut self) {
        if self.rows.is_empty() {
            self.rows.push((Vec::new(), 0));
        }
        if let Some((cells, _)) = self.rows.last_mut() {
            cells.push(Vec::new());
        }
    }

    pub(super) fn cell_mut(&mut self) -> &mut Vec<Piece> {
        match self.rows.last_mut().and_then(|(cells, _)| cells.last_mut()) {
            Some(cell) => cell,
            None => &mut self.empty,
        }
    }

    pub(super) fn current_cell(&self) -> &[Piece] {
        self.rows
            .last()
            .and_then(|(cells, _)| cells.last())
            .map_or(&[], Vec::as_slice)
    }

    /// Lays the table out in `width` cells: rows of spans with the source line of each.
    pub(super) fn layout(self, width: usize) -> Vec<(Vec<Span>, usize)> {
        let columns = self
            .rows
            .iter()
            .map(|(c, _)| c.len())
            .max()
            .unwrap_or(0)
            .max(self.aligns.len());
        if columns == 0 {
            return Vec::new();
        }
        let natural: Vec<usize> = (0..columns)
            .map(|col| {
                let cells = self.rows.iter().filter_map(|(cells, _)| cells.get(col));
                cells.map(|c| natural_width(c)).max().unwrap_or(0).max(1)
            })
            .collect();
        // Each column costs its content plus "│ " before it and " " after; one "│" closes.
        let overhead = 3 * columns + 1;
        let widths = share(&natural, width.saturating_sub(overhead));
        let border = |l: &str, m: &str, r: &str| -> Vec<Span> {
            let inner: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
            vec![border_span(&format!("{l}{}{r}", inner.join(m)))]
        };
        let mut out = Vec::new();
        let first_source = self.rows.first().map_or(0, |(_, s)| *s);
        out.push((border("┌", "┬", "┐"), first_source));
        for (index, (cells, source)) in self.rows.iter().enumerate() {
            let wrapped: Vec<Vec<Row>> = (0..columns)
                .map(|col| wrap::wrap(cells.get(col).map_or(&[][..], Vec::as_slice), widths[col]))
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            for line in 0..height {
                let mut spans = Vec::new();
                for (col, rows) in wrapped.iter().enumerate() {
                    spans.push(border_span("│ "));
                    let row = rows.get(line);
                    let used = row.map_or(0, |r| r.width);
                    let (left, right) = pad(self.aligns.get(col), widths[col].saturating_sub(used));
                    spans.push(plain(&" ".repeat(left)));
                    spans.extend(row.map(|r| r.spans.clone()).unwrap_or_default());
                    spans.push(plain(&" ".repeat(right + 1)));
                }
                spans.push(border_span("│"));
                spans.retain(|s| !s.text.is_empty());
                out.push((spans, *source));
            }
            if index == 0 && self.rows.len() > 1 {
                out.push((border("├", "┼", "┤"), *source));
            }
        }
        let last_source = self.rows.last().map_or(0, |(_, s)| *s);
        out.push((border("└", "┴", "┘"), last_source));
        out
    }
}

/// The width a cell would like: its widest line when nothing wraps.
fn natural_width(cell: &[Piece]) -> usize {
    wrap::wrap(cell, usize::MAX / 2)
        .iter()
        .map(|r| r.width)
        .max()
        .unwrap_or(0)
}

/// Shares `room` among columns: narrow ones keep their natural width, the rest split what is
/// left evenly. Every column gets at least one cell, even when that overflows `room`.
pub(super) fn share(natural: &[usize], room: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= room {
        return natural.to_vec();
    }
    let mut widths = vec![0; natural.len()];
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut left = room;
    for (done, &i) in order.iter().enumerate() {
        let fair = left / (natural.len() - done);
        widths[i] = natural[i].min(fair).max(1);
        left = left.saturating_sub(widths[i]);
    }
    widths
}

fn pad(align: Option<&Alignment>, spare: usize) -> (usize, usize) {
    match align {
        Some(Alignment::Right) => (spare, 0),
        Some(Alignment::Center) => (spare / 2, spare - spare / 2),
        _ => (0, spare),
    }
}

fn border_span(text: &str) -> Span {
    Span {
        text: text.to_string(),
        style: Style::of(Role::Border),
        link: None,
    }
}

fn plain(text: &str) -> Span {
    Span {
        text: text.to_string(),
        style: Style::default(),
        link: None,
    }
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn sharing_keeps_narrow_columns_and_never_gives_zero() {
        assert_eq!(share(&[3, 4], 20), vec![3, 4]);
        assert_eq!(share(&[3, 40, 40], 23), vec![3, 10, 10]);
        assert_eq!(share(&[5, 5, 5], 0), vec![1, 1, 1]);
        assert!(share(&[50, 1, 70], 10).iter().all(|&w| w >= 1));
    }
}
