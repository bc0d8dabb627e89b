//! The server's host key: made once, kept, and shown as a fingerprint.
//!
//! Students' SSH clients remember the host key on first connection and warn
//! loudly if it changes, so the key must survive restarts (a resumed game, a
//! second lesson). It lives in a file the caller names, readable by its owner
//! only (as OpenSSH insists for private keys), and is refused if anyone else
//! could read it. Its fingerprint, in the form OpenSSH prints
//! (`SHA256:…`), goes on the instructor console so students can check that
//! they reached the teacher's machine and not an impostor.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::ssh_key::{HashAlg, LineEnding, PrivateKey};

/// Why the host key could not be loaded or created.
#[derive(Debug, thiserror::Error)]
pub enum HostKeyError {
    /// Reading, writing or creating a folder failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is not an OpenSSH private key this server can use.
    #[error(
        "{path}: not a usable OpenSSH Ed25519 private key ({reason}); move it away and a new key will be made (students will see a host-key warning once)"
    )]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// Others can read the key file.
    #[error(
        "{path}: the host key can be read by other users (mode {mode:o}); run `chmod 600 {path}` (and consider it leaked if this is a shared machine)"
    )]
    Unprotected {
        /// The file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The OS random source failed.
    #[error("cannot read the operating system's random source: {0}")]
    Random(String),
}

/// A loaded host key and its fingerprint.
#[derive(Clone)]
pub struct HostKey {
    key: PrivateKey,
    fingerprint: String,
}

impl std::fmt::Debug for HostKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostKey")
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

impl HostKey {
    /// Loads the key at `path`, or makes a new Ed25519 key there if the file
    /// does not exist (creating its folder with mode 0700 if needed).
    pub fn load_or_create(path: &Path) -> Result<Self, HostKeyError> {
        use crate::files::{ReadError, read_capped};
        match read_capped(path, 64 << 10) {
            Ok(bytes) => {
                check_private(path)?;
                let key = PrivateKey::from_openssh(&bytes).map_err(|e| HostKeyError::Invalid {
                    path: path.to_owned(),
                    reason: e.to_string(),
                })?;
                if key.algorithm() != russh::keys::Algorithm::Ed25519 {
                    return Err(HostKeyError::Invalid {
                        path: path.to_owned(),
                        reason: format!("it is a {} key", key.algorithm()),
                    });
                }
                Ok(Self::from_key(key))
            }
            Err(ReadError::Open(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                Self::create(path)
            }
            Err(ReadError::Open(source) | ReadError::Read(source)) => Err(HostKeyError::Io {
                path: path.to_owned(),
                source,
            }),
            // A folder, a FIFO, a device or a huge file where the key
            // should be: refused, never read or replaced.
            Err(e) => Err(HostKeyError::Invalid {
                path: path.to_owned(),
                reason: e.to_string(),
            }),
        }
    }

    /// A key that lives in memory only (tests, throw-away demos).
    pub fn ephemeral() -> Result<Self, HostKeyError> {
        Ok(Self::from_key(new_key()?))
    }

    fn from_key(key: PrivateKey) -> Self {
        let fingerprint = key.public_key().fingerprint(HashAlg::Sha256).to_string();
        Self { key, fingerprint }
    }

    fn create(path: &Path) -> Result<Self, HostKeyError> {
        let io = |p: &Path| {
            let p = p.to_owned();
            move |source| HostKeyError::Io { path: p, source }
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            create_private_dir(dir).map_err(io(dir))?;
        }
        let key = new_key()?;
        let text = key
            .to_openssh(LineEnding::LF)
            .map_err(|e| HostKeyError::Invalid {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        // Write a private temporary file, then rename it into place, so a
        // crash never leaves half a key behind.
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        {
            let mut file = create_private_file(&tmp).map_err(io(&tmp))?;
            file.write_all(text.as_bytes()).map_err(io(&tmp))?;
            file.sync_all().map_err(io(&tmp))?;
        }
        fs::rename(&tmp, path).map_err(io(path))?;
        Ok(Self::from_key(key))
    }

    /// The fingerprint as OpenSSH prints it, e.g. `SHA256:3Nf…`: what a
    /// student's `ssh` shows on first connection.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The public half in `authorized_keys` / `known_hosts` form, for a
    /// teacher who wants to hand out a `known_hosts` line in advance.
    pub fn public_openssh(&self) -> String {
        self.key.public_key().to_openssh().unwrap_or_default()
    }

    pub(crate) fn private_key(&self) -> &PrivateKey {
        &self.key
    }
}

fn new_key() -> Result<PrivateKey, HostKeyError> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::fill(seed.as_mut()).map_err(|e| HostKeyError::Random(e.to_string()))?;
    let mut key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    key.set_comment("flashpoint classroom host key");
    Ok(key)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), HostKeyError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path)
        .map_err(|source| HostKeyError::Io {
            path: path.to_owned(),
            source,
        })?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(HostKeyError::Unprotected {
            path: path.to_owned(),
            mode: mode & 0o777,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), HostKeyError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_then_reused_with_private_permissions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("saves").join("host_key");
        let first = HostKey::load_or_create(&path).expect("create");
        assert!(first.fingerprint().starts_with("SHA256:"));
        assert_eq!(first.fingerprint().len(), "SHA256:".len() + 43);
        let second = HostKey::load_or_create(&path).expect("reload");
        assert_eq!(first.fingerprint(), second.fingerprint());
        assert!(second.public_openssh().starts_with("ssh-ed25519 "));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(path.parent().expect("dir")), 0o700);
        }
        let leftovers: Vec<_> = fs::read_dir(path.parent().expect("dir"))
            .expect("list")
            .collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_readable_key_is_refused_with_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("host_key");
        HostKey::load_or_create(&path).expect("create");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = HostKey::load_or_create(&path).expect_err("unprotected");
        assert!(err.to_string().contains("chmod 600"), "{err}");
    }

    #[test]
    fn a_corrupt_key_is_reported_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("host_key");
        create_private_file(&path)
            .and_then(|mut f| f.write_all(b"not a key"))
            .expect("write");
        let err = HostKey::load_or_create(&path).expect_err("corrupt");
        assert!(err.to_string().contains("move it away"), "{err}");
        assert_eq!(fs::read(&path).expect("still there"), b"not a key");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_where_the_key_should_be_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("host_key");
        let ok = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("run mkfifo")
            .success();
        assert!(ok, "mkfifo");
        let err = HostKey::load_or_create(&path).expect_err("a FIFO is no key");
        assert!(err.to_string().contains("named pipe"), "{err}");
    }
}
