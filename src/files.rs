//! Reading a file that may be hostile: never blocks, never reads more
//! than a fixed number of bytes.
//!
//! Saves, scenarios, orders files and shard files are files a person can
//! rename, link or replace, and some are read on the title screen in raw
//! mode, where a hang cannot be interrupted. So every file a user names is
//! read only if it is a regular file, and only up to a cap, whatever its
//! size claims to be:
//!
//! * the path is first checked with `stat` (following symlinks): anything
//!   but a regular file (a FIFO, a device such as `/dev/zero`, a socket, a
//!   folder) is refused without being opened — opening some devices has
//!   effects of its own;
//! * it is then opened with `O_NONBLOCK` (and `O_NOCTTY`), so that if it was
//!   swapped for a FIFO after the check the open still returns at once, and
//!   the opened handle is checked again with `fstat`: that is the file that
//!   will be read, so there is no window between check and read;
//! * the content is read through a reader that stops one byte past the
//!   cap, so a file that grows while it is read (or lies about its size)
//!   costs at most the cap in memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// `stat` or `open` failed (missing file, no permission, …).
    Open(io::Error),
    /// Reading the opened file failed.
    Read(io::Error),
    /// A folder.
    Dir,
    /// Not a regular file: a FIFO, a device, a socket. `kind` says which.
    NotRegular { kind: &'static str },
    /// More than the cap; `size` is at least `max + 1`.
    TooLarge { size: u64 },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Open(e) => write!(f, "cannot open the file: {e}"),
            ReadError::Read(e) => write!(f, "cannot read the file: {e}"),
            ReadError::Dir => f.write_str("this is a folder, not a file"),
            ReadError::NotRegular { kind } => {
                write!(f, "this is {kind}, not a regular file; it was not read")
            }
            ReadError::TooLarge { size } => {
                write!(f, "the file is too large ({size} bytes or more)")
            }
        }
    }
}

/// [`read_capped`] as UTF-8 text; invalid UTF-8 is a [`ReadError::Read`]
/// of kind `InvalidData`.
pub fn read_text_capped(path: &Path, max: u64) -> Result<String, ReadError> {
    let bytes = read_capped(path, max)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Read(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the file is not valid UTF-8 ({e})"),
        ))
    })
}

/// The whole content of the regular file at `path`, if it holds at most
/// `max` bytes. Never blocks on a FIFO or device; see the module docs.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Open)?;
    check_kind(&meta)?;
    if meta.len() > max {
        return Err(ReadError::TooLarge { size: meta.len() });
    }
    let file = open_nonblocking(path).map_err(ReadError::Open)?;
    // The handle is what will be read: check it, not the path.
    let meta = file.metadata().map_err(ReadError::Open)?;
    check_kind(&meta)?;
    if meta.len() > max {
        return Err(ReadError::TooLarge { size: meta.len() });
    }
    let mut buf = Vec::with_capacity(meta.len().min(max) as usize + 1);
    file.take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(ReadError::Read)?;
    if buf.len() as u64 > max {
        return Err(ReadError::TooLarge {
            size: buf.len() as u64,
        });
    }
    Ok(buf)
}

/// Refuses everything but a regular file.
fn check_kind(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(ReadError::Dir);
    }
    if ft.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular {
        kind: kind_name(&ft),
    })
}

/// What a non-regular file is, in words.
fn kind_name(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    let _ = ft;
    "not a regular file"
}

/// Opens for reading without blocking on a FIFO and without making a
/// terminal the controlling one.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read_capped(&p, 5).unwrap(), b"12345");
        assert!(matches!(
            read_capped(&p, 4),
            Err(ReadError::TooLarge { size: 5 })
        ));
        assert!(matches!(read_capped(dir.path(), 4), Err(ReadError::Dir)));
        assert!(matches!(
            read_capped(&dir.path().join("missing"), 4),
            Err(ReadError::Open(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        for dev in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            if Path::new(dev).exists() {
                assert!(
                    matches!(
                        read_capped(Path::new(dev), 10),
                        Err(ReadError::NotRegular { .. })
                    ),
                    "{dev}"
                );
            }
        }
    }
}
