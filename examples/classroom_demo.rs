//! Try the classroom SSH server by hand with the demo lobby.
//!
//! ```text
//! cargo run --example classroom_demo -- [PORT] [HOST_KEY_FILE]
//! ssh -p 2222 dprk@127.0.0.1        # then type the join code printed here
//! ```
//!
//! Listens on 127.0.0.1 only (pass a full address such as `0.0.0.0:2222`
//! as PORT to let other machines in). The screens show the seat, the
//! terminal size, the last key and a tick counter that advances every
//! second through the `Notifier`. Press Enter here to stop the server.

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::Duration;

use flashpoint::classroom::demo::DemoLobby;
use flashpoint::classroom::{Classroom, ClassroomConfig, HostKey, JoinCodes};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let listen: SocketAddr = match args.next() {
        Some(a) if a.contains(':') => a.parse()?,
        Some(port) => SocketAddr::from(([127, 0, 0, 1], port.parse()?)),
        None => SocketAddr::from(([127, 0, 0, 1], 2222)),
    };
    let key_path = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/classroom-demo/host_key"));
    let host_key = HostKey::load_or_create(&key_path)?;
    let codes = JoinCodes::generate(&["dprk", "usa", "projector"])?;
    let lobby = DemoLobby::default();
    let ticks = lobby.ticks.clone();
    let classroom = Classroom::start(ClassroomConfig::new(listen, host_key, codes.clone()), lobby)?;

    println!("Flashpoint classroom demo on {}", classroom.local_addr());
    println!(
        "Host key {} ({})",
        classroom.fingerprint(),
        key_path.display()
    );
    for (seat, code) in codes.iter() {
        println!(
            "  ssh -p {} {seat}@{}    join code: {code}",
            classroom.local_addr().port(),
            classroom.local_addr().ip()
        );
    }
    println!("Press Enter to stop.");

    let (stop_tx, stop_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = std::io::stdin().lock().lines().next();
        let _ = stop_tx.send(());
    });
    let notifier = classroom.notifier();
    while let Err(mpsc::RecvTimeoutError::Timeout) = stop_rx.recv_timeout(Duration::from_secs(1)) {
        ticks.fetch_add(1, Ordering::Relaxed);
        notifier.redraw_all();
        for entry in classroom.drain_log() {
            println!("  {}", entry.event);
        }
    }
    classroom.shutdown();
    Ok(())
}
