//! Logging to a file in the state folder, never to the screen. The level comes from
//! `NOTEBENCH_LOG` (for example `debug` or `notebench=trace`); the default is `info`.

use std::fs::OpenOptions;
use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Starts logging to `file`. When the file cannot be opened, nothing is logged.
pub fn init(file: &Path) {
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(out) = OpenOptions::new().create(true).append(true).open(file) else {
        return;
    };
    let filter =
        EnvFilter::try_from_env("NOTEBENCH_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let out = Visible(out);
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(out))
        .try_init();
}

/// Makes control characters in log lines visible, so that `tail -f` on the log never sends a
/// note's or a board file's escape sequences to a terminal.
struct Visible<W>(W);

impl<W: std::io::Write> std::io::Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let lines: Vec<_> = text.split('\n').map(crate::sanitize::visible).collect();
        self.0.write_all(lines.join("\n").as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn log_lines_carry_no_control_bytes() {
        let mut out = super::Visible(Vec::new());
        out.write_all(b"bad name D1\x1b[31m and \x07\nnext line\n")
            .unwrap();
        assert_eq!(
            String::from_utf8(out.0).unwrap(),
            "bad name D1^[[31m and ^G\nnext line\n"
        );
    }
}
