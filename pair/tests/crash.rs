//! Crash test: a burst of lots while `scor-pair` is killed with SIGKILL at a random moment, restarted,
//! killed again while it recovers, restarted: every lot acknowledged (250) is in the store and gets
//! exactly one ARL; nothing acknowledged is lost.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const CLIENTS: usize = 4;
const LOTS_PER_CLIENT: usize = 15;

/// Sends one message over a fresh connection; true when DATA was answered 250.
fn send(address: SocketAddr, raw: &[u8]) -> std::io::Result<bool> {
    let stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut reply = |writer: &mut TcpStream, line: &[u8]| -> std::io::Result<String> {
        writer.write_all(line)?;
        let mut text = String::new();
        loop {
            let mut l = String::new();
            if reader.read_line(&mut l)? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            text.push_str(&l);
            if l.as_bytes().get(3) != Some(&b'-') {
                return Ok(text);
            }
        }
    };
    reply(&mut writer, b"")?;
    reply(&mut writer, b"EHLO crash.test\r\n")?;
    reply(&mut writer, b"MAIL FROM:<cabinet.exemple@example.test>\r\n")?;
    reply(&mut writer, b"RCPT TO:<01.751@01.scor.rss.fr>\r\n")?;
    reply(&mut writer, b"DATA\r\n")?;
    let mut body = scor_pair::delivery::dot_stuffed(raw);
    body.extend_from_slice(b".\r\n");
    let answer = reply(&mut writer, &body)?;
    let _ = writer.write_all(b"QUIT\r\n");
    Ok(answer.starts_with("250"))
}

/// A pseudo-random number below `bound` from the clock.
fn random_below(bound: u64) -> u64 {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
    u64::from(nanos.wrapping_mul(2_654_435_761)) % bound
}

/// Each client sends its lots one after the other until the server goes away; the serials acknowledged.
fn burst(address: SocketAddr, lots: &Arc<Vec<(u32, Vec<u8>)>>) -> Vec<std::thread::JoinHandle<Vec<u32>>> {
    (0..CLIENTS)
        .map(|client| {
            let lots = Arc::clone(lots);
            std::thread::spawn(move || {
                let mut acknowledged = Vec::new();
                for (serial, raw) in lots.iter().skip(client).step_by(CLIENTS) {
                    match send(address, raw) {
                        Ok(true) => acknowledged.push(*serial),
                        Ok(false) => {}
                        Err(_) => break,
                    }
                }
                acknowledged
            })
        })
        .collect()
}

#[test]
fn every_acknowledged_lot_survives_sigkill_and_gets_exactly_one_arl() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lots: Arc<Vec<(u32, Vec<u8>)>> =
        Arc::new((1..=(CLIENTS * LOTS_PER_CLIENT) as u32).map(|serial| (serial, lot_variant(serial))).collect());
    let identification_of = |serial: u32| {
        let plan = scor_tests::lots::example_plan();
        format!("{}{serial:05}", &plan.identification[..plan.identification.len() - 5])
    };

    // Round 1: SIGKILL during the burst.
    let pair = Pair::start(&data, None);
    let clients = burst(pair.address, &lots);
    let delay = 20 + random_below(180);
    std::thread::sleep(Duration::from_millis(delay));
    pair.kill();
    let acknowledged: BTreeSet<u32> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
    println!("killed after {delay} ms; {} lots acknowledged", acknowledged.len());

    // Round 2: SIGKILL again while the restarted server recovers.
    let pair = Pair::start(&data, None);
    std::thread::sleep(Duration::from_millis(random_below(400)));
    pair.kill();
    let before = scor_pair::status(&data, 0).unwrap();
    println!(
        "second kill: {} stored, {} delivered",
        before.lots.len(),
        before.count(scor_pair::store::State::Delivered)
    );

    // Round 3: let it finish.
    let pair = Pair::start(&data, None);
    let stored = scor_pair::status(&data, 0).unwrap().lots.len();
    assert!(stored >= acknowledged.len(), "{stored} stored < {} acknowledged", acknowledged.len());
    let status = wait_finished(&data, stored, 120);
    pair.stop();

    let in_store: BTreeSet<String> = status.lots.iter().filter_map(|m| m.identification.clone()).collect();
    let mut arls: BTreeMap<String, usize> = BTreeMap::new();
    for (_, _, raw) in delivered(&data.join("outbox")) {
        *arls.entry(return_lot(&raw).expect("an ARL names its lot")).or_default() += 1;
    }
    for serial in &acknowledged {
        let identification = identification_of(*serial);
        assert!(in_store.contains(&identification), "acknowledged lot {identification} is lost");
        assert_eq!(arls.get(&identification), Some(&1), "lot {identification}: exactly one ARL");
    }
    assert!(arls.values().all(|n| *n == 1), "no lot gets two ARLs: {arls:?}");
    assert_eq!(arls.len(), status.lots.len(), "every stored lot is answered once");
    assert!(status.lots.iter().all(|m| m.outcome.as_deref() == Some("accepted")), "{status}");
}
