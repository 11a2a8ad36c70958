//! The system programs some exports need: liblouis for Braille, espeak-ng
//! and lame for audio. planpress builds with cargo alone, so each is looked
//! for when it is needed, and an export whose program is missing is skipped.

use std::io::{self, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use super::tool_cache::{Step, ToolCache};

/// A program and the Debian package that provides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tool {
    pub program: String,
    pub package: &'static str,
}

/// The programs used, by name or path (a test can name one that is absent),
/// and where what they made before is kept, if anywhere.
#[derive(Debug, Clone)]
pub struct Tools {
    pub lou_translate: Tool,
    pub espeak_ng: Tool,
    pub lame: Tool,
    pub cache: Option<Arc<ToolCache>>,
}

impl Default for Tools {
    fn default() -> Self {
        Tools {
            lou_translate: Tool::new("lou_translate", "liblouis-bin"),
            espeak_ng: Tool::new("espeak-ng", "espeak-ng"),
            lame: Tool::new("lame", "lame"),
            cache: None,
        }
    }
}

impl Tools {
    /// `tool` run on `input`, or what it made of the same input before.
    pub fn run(&self, tool: &Tool, args: &[&str], input: &[u8]) -> Result<Vec<u8>, ToolError> {
        match &self.cache {
            Some(cache) => cache.output(&[Step { tool, args }], input, || tool.run(args, input)),
            None => tool.run(args, input),
        }
    }

    /// `first` on `input`, piped into `next`, or what they made of it before.
    pub fn pipe(
        &self,
        (first, args): (&Tool, &[&str]),
        input: &[u8],
        (next, next_args): (&Tool, &[&str]),
    ) -> Result<Vec<u8>, ToolError> {
        let made = || first.pipe(args, input, next, next_args);
        match &self.cache {
            Some(cache) => {
                let steps = [
                    Step { tool: first, args },
                    Step {
                        tool: next,
                        args: next_args,
                    },
                ];
                cache.output(&steps, input, made)
            }
            None => made(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("cannot run {program}: {source}")]
    Spawn {
        program: String,
        #[source]
        source: io::Error,
    },
    #[error("{program} failed ({status}): {stderr}")]
    Failed {
        program: String,
        status: String,
        stderr: String,
    },
    #[error("{program} gave unexpected output: {detail}")]
    Output { program: String, detail: String },
}

impl Tool {
    pub fn new(program: &str, package: &'static str) -> Self {
        Tool {
            program: program.to_string(),
            package,
        }
    }

    /// What `PROGRAM --version` writes, to tell one version from another;
    /// empty if it writes nothing or cannot be run.
    pub fn version(&self) -> Vec<u8> {
        Command::new(&self.program)
            .arg("--version")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default()
    }

    /// Whether the program can be run at all.
    pub fn installed(&self) -> bool {
        Command::new(&self.program)
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    }

    fn spawn(&self, args: &[&str], stdin: Stdio) -> Result<Child, ToolError> {
        Command::new(&self.program)
            .args(args)
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| self.spawn_error(source))
    }

    fn spawn_error(&self, source: io::Error) -> ToolError {
        ToolError::Spawn {
            program: self.program.clone(),
            source,
        }
    }

    /// Runs the program on `input` and returns what it writes.
    pub fn run(&self, args: &[&str], input: &[u8]) -> Result<Vec<u8>, ToolError> {
        let mut child = self.spawn(args, Stdio::piped())?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // Write from another thread: the program's output pipe must be
        // drained while its input is fed, or both can fill and block.
        let output = std::thread::scope(|s| {
            let writer = s.spawn(move || {
                let r = stdin.write_all(input);
                drop(stdin);
                r
            });
            let output = child.wait_with_output();
            (writer.join(), output)
        });
        let (written, output) = output;
        let output = output.map_err(|e| self.spawn_error(e))?;
        self.check(output.status, &output.stderr)?;
        self.written(written, output.stdout)
    }

    /// The tool's output, once the thread that wrote its input has finished well.
    fn written(
        &self,
        written: std::thread::Result<std::io::Result<()>>,
        stdout: Vec<u8>,
    ) -> Result<Vec<u8>, ToolError> {
        match written {
            Ok(Ok(())) => Ok(stdout),
            Ok(Err(e)) => Err(self.spawn_error(e)),
            Err(_) => Err(ToolError::Output {
                program: self.program.clone(),
                detail: "writing its input failed".to_string(),
            }),
        }
    }

    /// Runs `self` on `input` and pipes what it writes into `next`, returning
    /// what `next` writes: `espeak-ng … | lame …`.
    pub fn pipe(
        &self,
        args: &[&str],
        input: &[u8],
        next: &Tool,
        next_args: &[&str],
    ) -> Result<Vec<u8>, ToolError> {
        let mut first = self.spawn(args, Stdio::piped())?;
        let mut stdin = first.stdin.take().expect("stdin is piped");
        let between = first.stdout.take().expect("stdout is piped");
        let mut first_err = first.stderr.take().expect("stderr is piped");
        let second = next.spawn(next_args, Stdio::from(between));
        let second = match second {
            Ok(c) => c,
            Err(e) => {
                let _ = first.kill();
                let _ = first.wait();
                return Err(e);
            }
        };
        let (written, first_stderr, output) = std::thread::scope(|s| {
            let writer = s.spawn(move || {
                let r = stdin.write_all(input);
                drop(stdin);
                r
            });
            let errors = s.spawn(move || {
                let mut text = Vec::new();
                let _ = first_err.read_to_end(&mut text);
                text
            });
            let output = second.wait_with_output();
            (writer.join(), errors.join().unwrap_or_default(), output)
        });
        let status = first.wait().map_err(|e| self.spawn_error(e))?;
        self.check(status, &first_stderr)?;
        let output = output.map_err(|e| next.spawn_error(e))?;
        next.check(output.status, &output.stderr)?;
        self.written(written, output.stdout)
    }

    fn check(&self, status: std::process::ExitStatus, stderr: &[u8]) -> Result<(), ToolError> {
        if status.success() {
            return Ok(());
        }
        Err(ToolError::Failed {
            program: self.program.clone(),
            status: status.to_string(),
            stderr: String::from_utf8_lossy(stderr).trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_not_installed() {
        assert!(!Tool::new("planpress-no-such-program", "none").installed());
    }

    #[test]
    fn programs_run_and_pipe() {
        let cat = Tool::new("cat", "coreutils");
        if !cat.installed() {
            return;
        }
        assert_eq!(cat.run(&[], b"hello").unwrap(), b"hello");
        let big = vec![b'x'; 1 << 20];
        assert_eq!(cat.pipe(&[], &big, &cat, &[]).unwrap().len(), big.len());
        let fail = Tool::new("false", "coreutils");
        assert!(matches!(fail.run(&[], b""), Err(ToolError::Failed { .. })));
    }
}
