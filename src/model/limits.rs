//! The limits on what an editor may write, each stated once. Past one, a
//! build stops with a message that gives the number, never a crash, a hang
//! or a silent page of a million rows. `content/README.md` lists them.

/// The largest content file read, in bytes (8 MiB): far above any plan's
/// text or figures, far below what would exhaust a build machine.
pub const FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How deep lists and `key: value` blocks may be nested in a YAML file:
/// content files need five or six levels.
pub const YAML_NESTING: usize = 32;

/// How deep quotes, lists and emphasis may be nested inside each other in
/// Markdown. Published plans use two or three levels; each renderer walks
/// the nesting, so an unbounded depth would exhaust its stack.
pub const MARKDOWN_NESTING: usize = 16;

/// The longest word (a run of characters without a space) in prose. The
/// Braille translator refuses longer ones; real words, addresses and
/// reference numbers are far shorter.
pub const WORD_CHARS: usize = 500;

/// How many figures one measure may hold: forty years of monthly figures
/// and more.
pub const FIGURES_PER_MEASURE: usize = 1000;

/// The largest size of a figure or target, of any unit: a thousand million
/// million. Larger numbers are not figures a council publishes, and charts
/// cannot scale to them.
pub const FIGURE_MAGNITUDE: f64 = 1e15;
