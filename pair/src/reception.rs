//! The SMTP listener on tokio: drives each connection's [`Conversation`], streams DATA into a spool file
//! under the size cap, and replies 250 only once the file, its directory and its index row are synced.

use crate::smtp::{Conversation, Policy, Reply, SmtpEnvelope, Step};
use crate::spool::{Layout, Names, sync_dir};
use crate::store::NewMessage;
use std::io;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};

/// Longest command line read (RFC 5321 allows 512 octets; extensions add parameters).
const COMMAND_LINE_MAX: u64 = 2048;
/// DATA is read in pieces of at most this many bytes, whatever the line length.
const DATA_PIECE_MAX: u64 = 64 * 1024;
/// A client silent for this long is disconnected.
const IDLE: Duration = Duration::from_secs(300);
/// Past this many bytes over the limit, a refused message is not read to its end: 552 and close.
const DISCARD_FACTOR: u64 = 4;

/// A message to index; the reply carries its row id.
pub(crate) type IndexRequest = (NewMessage, oneshot::Sender<Result<i64, String>>);

/// What every connection shares.
#[derive(Debug)]
pub(crate) struct Reception {
    pub policy: Policy,
    pub layout: Layout,
    pub names: Names,
    pub index: std::sync::Mutex<Sender<IndexRequest>>,
}

/// Accepts connections until `stop` turns true.
pub(crate) async fn serve(listener: TcpListener, reception: Arc<Reception>, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    let reception = Arc::clone(&reception);
                    tokio::spawn(async move {
                        let _ = session(stream, &reception).await;
                    });
                }
            }
            _ = stop.changed() => break,
        }
    }
}

async fn session(stream: TcpStream, reception: &Reception) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut conversation = Conversation::new(reception.policy.clone());
    write.write_all(&conversation.greeting().to_wire()).await?;
    let mut line = Vec::with_capacity(256);
    loop {
        let read = tokio::time::timeout(IDLE, read_piece(&mut reader, COMMAND_LINE_MAX, &mut line)).await;
        let Ok(read) = read else {
            write.write_all(&Reply::new(421, "4.4.2 Idle too long, closing").to_wire()).await?;
            return Ok(());
        };
        if read? == 0 {
            return Ok(());
        }
        if !line.ends_with(b"\n") {
            skip_line(&mut reader).await?;
            write.write_all(&Reply::new(500, "5.5.6 Command line too long").to_wire()).await?;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        match conversation.command(&text) {
            Step::Reply(reply) => write.write_all(&reply.to_wire()).await?,
            Step::Close(reply) => {
                write.write_all(&reply.to_wire()).await?;
                return Ok(());
            }
            Step::Data(go_ahead, smtp_envelope) => {
                write.write_all(&go_ahead.to_wire()).await?;
                let (reply, close) = receive(&mut reader, reception, smtp_envelope).await?;
                write.write_all(&reply.to_wire()).await?;
                if close {
                    return Ok(());
                }
            }
        }
    }
}

/// Reads up to `max` bytes, stopping after a line feed; 0 at end of input.
async fn read_piece<R: AsyncBufRead + Unpin>(reader: &mut R, max: u64, line: &mut Vec<u8>) -> io::Result<usize> {
    line.clear();
    reader.take(max).read_until(b'\n', line).await
}

async fn skip_line<R: AsyncBufRead + Unpin>(reader: &mut R) -> io::Result<()> {
    let mut rest = Vec::new();
    loop {
        if read_piece(reader, COMMAND_LINE_MAX, &mut rest).await? == 0 || rest.ends_with(b"\n") {
            return Ok(());
        }
    }
}

/// A message being spooled.
struct Spooling {
    name: String,
    file: Option<BufWriter<tokio::fs::File>>,
    size: u64,
    over: u64,
}

/// Streams one message (until the lone dot) into the spool; the reply, and whether to close.
async fn receive<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    reception: &Reception,
    smtp_envelope: SmtpEnvelope,
) -> io::Result<(Reply, bool)> {
    let name = reception.names.next();
    let path = reception.layout.spool().join(&name);
    let file = tokio::fs::File::create(&path).await?;
    let mut spooling = Spooling { name, file: Some(BufWriter::with_capacity(64 * 1024, file)), size: 0, over: 0 };
    let limit = reception.policy.max_message_bytes;
    let ended = stream_data(reader, &mut spooling, limit).await;
    let result = match ended {
        Ok(true) if spooling.over == 0 => commit(reception, spooling, smtp_envelope).await,
        Ok(complete) => {
            drop(spooling.file.take());
            tokio::fs::remove_file(&path).await?;
            let reply = Reply::new(
                552,
                format!("5.3.4 Message exceeds the SCOR limit of {limit} bytes (message_max_bytes); not stored"),
            );
            return Ok((reply, !complete));
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(id) => Ok((Reply::new(250, format!("2.0.0 Stored durably as message {id}")), false)),
        Err(error) => {
            let _ = tokio::fs::remove_file(&path).await;
            if error.kind() == io::ErrorKind::UnexpectedEof {
                return Err(error);
            }
            Ok((Reply::new(451, format!("4.3.0 Could not store the message: {error}")), false))
        }
    }
}

/// Copies DATA into the spool file, dot-unstuffed, until the lone dot: `Ok(true)` at the dot, `Ok(false)`
/// when a message over the limit grew so far that it is abandoned. Over the limit, the file stops
/// growing and the rest is read and dropped.
async fn stream_data<R: AsyncBufRead + Unpin>(reader: &mut R, spooling: &mut Spooling, limit: u64) -> io::Result<bool> {
    let mut piece = Vec::with_capacity(1024);
    let mut at_line_start = true;
    loop {
        let read = tokio::time::timeout(IDLE, read_piece(reader, DATA_PIECE_MAX, &mut piece))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "idle during DATA"))??;
        if read == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed during DATA"));
        }
        let mut content = piece.as_slice();
        if at_line_start {
            if content == b".\r\n" || content == b".\n" {
                return Ok(true);
            }
            if content.first() == Some(&b'.') {
                content = &content[1..];
            }
        }
        at_line_start = piece.ends_with(b"\n");
        spooling.size += content.len() as u64;
        if spooling.size > limit {
            spooling.file = None;
            spooling.over = spooling.size - limit;
            if spooling.over > limit.saturating_mul(DISCARD_FACTOR) {
                return Ok(false);
            }
        } else if let Some(file) = spooling.file.as_mut() {
            file.write_all(content).await?;
        }
    }
}

/// Syncs the spool file and its directory, then has the index row written (batched, synced): its id.
async fn commit(reception: &Reception, mut spooling: Spooling, smtp_envelope: SmtpEnvelope) -> io::Result<i64> {
    if let Some(mut file) = spooling.file.take() {
        file.flush().await?;
        file.get_mut().sync_all().await?;
    }
    let spool = reception.layout.spool();
    tokio::task::spawn_blocking(move || sync_dir(&spool)).await.map_err(io::Error::other)??;
    let message = NewMessage {
        spool: spooling.name,
        received_at: crate::process::now(),
        mail_from: smtp_envelope.mail_from,
        rcpt_to: smtp_envelope.rcpt_to,
        size: spooling.size,
    };
    let (reply, answer) = oneshot::channel();
    reception
        .index
        .lock()
        .map_err(|_| io::Error::other("index writer lock poisoned"))?
        .send((message, reply))
        .map_err(|_| io::Error::other("the index writer stopped"))?;
    answer.await.map_err(|_| io::Error::other("the index writer stopped"))?.map_err(io::Error::other)
}
