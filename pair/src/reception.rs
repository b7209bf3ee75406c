//! The SMTP listener on tokio: feeds what each connection reads to its [`Session`], streams DATA into a
//! spool file, and replies 250 only once the file, its directory and its index row are synced.

use crate::session::{Event, Session};
use crate::smtp::{Conversation, Policy, Reply, SmtpEnvelope};
use crate::spool::{Layout, Names, sync_dir};
use crate::store::NewMessage;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};

/// Bytes read from the socket at a time (DATA is streamed in pieces of at most this, whatever the
/// line length).
const READ_BUFFER: usize = 64 * 1024;
/// A client silent for this long is disconnected.
const IDLE: Duration = Duration::from_secs(300);
/// After an abandoned message, what is still read and dropped before closing, at most.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 1 << 20;

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

/// Runs one connection: bytes read go through the [`Session`]; its events are answered here. A spool
/// file left by a connection that ended in DATA is removed.
async fn session(stream: TcpStream, reception: &Reception) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let (read, write) = stream.into_split();
    let mut reader = BufReader::with_capacity(READ_BUFFER, read);
    let mut connection = Connection { write, spooling: None };
    let mut session = Session::new(Conversation::new(reception.policy.clone()), reception.policy.max_message_bytes);
    connection.send(&session.greeting()).await?;
    let result = connection.run(&mut reader, &mut session, reception).await;
    if let Some(spooling) = connection.spooling.take() {
        spooling.discard().await;
    }
    result
}

/// The writing half of a connection and the message being spooled.
struct Connection {
    write: tokio::net::tcp::OwnedWriteHalf,
    spooling: Option<Spooling>,
}

impl Connection {
    async fn send(&mut self, reply: &Reply) -> io::Result<()> {
        self.write.write_all(&reply.to_wire()).await
    }

    async fn discard(&mut self) {
        if let Some(spooling) = self.spooling.take() {
            spooling.discard().await;
        }
    }

    /// Reads and answers until the session closes or the client leaves.
    async fn run(
        &mut self,
        reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
        session: &mut Session,
        reception: &Reception,
    ) -> io::Result<()> {
        let mut content = Vec::with_capacity(READ_BUFFER);
        loop {
            let Ok(read) = tokio::time::timeout(IDLE, reader.fill_buf()).await else {
                return self.send(&Reply::new(421, "4.4.2 Idle too long, closing")).await;
            };
            let input = read?;
            if input.is_empty() {
                return Ok(());
            }
            let (used, event) = session.feed(input, &mut content);
            reader.consume(used);
            if let Some(spooling) = self.spooling.as_mut() {
                spooling.write(&content).await;
            }
            content.clear();
            let abandoned = matches!(event, Some(Event::Abandoned(_)));
            if let Some(event) = event
                && !self.handle(event, reception).await?
            {
                if abandoned {
                    linger(reader).await;
                }
                return Ok(());
            }
        }
    }

    /// Answers one event; false when the connection is to be closed.
    async fn handle(&mut self, event: Event, reception: &Reception) -> io::Result<bool> {
        match event {
            Event::Reply(reply) => self.send(&reply).await?,
            Event::Close(reply) => {
                self.send(&reply).await?;
                return Ok(false);
            }
            Event::DataStart(go_ahead) => {
                self.spooling = Some(Spooling::create(reception).await);
                self.send(&go_ahead).await?;
            }
            Event::Message(smtp_envelope, size) => {
                let reply = match self.spooling.take() {
                    Some(spooling) => spooling.keep(reception, smtp_envelope, size).await,
                    None => Reply::new(451, "4.3.0 Could not store the message: no spool file"),
                };
                self.send(&reply).await?;
            }
            Event::Refused(reply) => {
                self.discard().await;
                self.send(&reply).await?;
            }
            Event::Abandoned(reply) => {
                self.discard().await;
                self.send(&reply).await?;
                self.write.shutdown().await?;
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// After the 552 of an abandoned message (sent, then FIN): reads and drops what the client still sends,
/// for a while, so that closing does not reset the connection before the client has read the 552.
async fn linger<R: tokio::io::AsyncBufRead + Unpin>(reader: &mut R) {
    let drain = async {
        let mut dropped = 0;
        while dropped < LINGER_BYTES {
            match reader.fill_buf().await {
                Ok([]) | Err(_) => break,
                Ok(input) => {
                    let n = input.len();
                    reader.consume(n);
                    dropped += n;
                }
            }
        }
    };
    let _ = tokio::time::timeout(LINGER, drain).await;
}

/// A message being spooled; a write error is kept and answered 451 at the end.
struct Spooling {
    name: String,
    path: PathBuf,
    file: Option<BufWriter<tokio::fs::File>>,
    error: Option<io::Error>,
}

impl Spooling {
    async fn create(reception: &Reception) -> Self {
        let name = reception.names.next();
        let path = reception.layout.spool().join(&name);
        match tokio::fs::File::create(&path).await {
            Ok(file) => Self { name, path, file: Some(BufWriter::with_capacity(READ_BUFFER, file)), error: None },
            Err(error) => Self { name, path, file: None, error: Some(error) },
        }
    }

    async fn write(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if let Some(file) = self.file.as_mut()
            && let Err(error) = file.write_all(bytes).await
        {
            self.file = None;
            self.error = Some(error);
        }
    }

    async fn discard(mut self) {
        drop(self.file.take());
        let _ = tokio::fs::remove_file(&self.path).await;
    }

    /// Commits the message (and its copy for the postmaster): the reply to the final dot.
    async fn keep(mut self, reception: &Reception, smtp_envelope: SmtpEnvelope, size: u64) -> Reply {
        let result = match self.error.take() {
            Some(error) => Err(error),
            None => self.commit(reception, smtp_envelope, size).await,
        };
        match result {
            Ok(reply) => reply,
            Err(error) => {
                self.discard().await;
                Reply::new(451, format!("4.3.0 Could not store the message: {error}"))
            }
        }
    }

    async fn commit(&mut self, reception: &Reception, smtp_envelope: SmtpEnvelope, size: u64) -> io::Result<Reply> {
        self.sync().await?;
        if smtp_envelope.postmaster {
            keep_for_postmaster(&reception.layout, &self.path, &self.name).await?;
            eprintln!("scor-pair: a message for the postmaster is kept as postmaster/{}", self.name);
        }
        if smtp_envelope.rcpt_to.is_empty() {
            let _ = tokio::fs::remove_file(&self.path).await;
            return Ok(Reply::new(250, format!("2.0.0 Kept for the postmaster as {}; not a lot", self.name)));
        }
        let message = NewMessage {
            spool: self.name.clone(),
            received_at: crate::store::now(),
            mail_from: smtp_envelope.mail_from,
            rcpt_to: smtp_envelope.rcpt_to,
            size,
        };
        let id = index(reception, message).await?;
        Ok(Reply::new(250, format!("2.0.0 Stored durably as message {id}")))
    }

    /// Syncs the spool file and its directory.
    async fn sync(&mut self) -> io::Result<()> {
        if let Some(mut file) = self.file.take() {
            file.flush().await?;
            file.get_mut().sync_all().await?;
        }
        let spool = self.path.parent().map(PathBuf::from).unwrap_or_default();
        tokio::task::spawn_blocking(move || sync_dir(&spool)).await.map_err(io::Error::other)?
    }
}

/// A durable copy of the synced spool file `path` in `postmaster/` (a hard link, its directory synced).
async fn keep_for_postmaster(layout: &Layout, path: &std::path::Path, name: &str) -> io::Result<()> {
    let (path, dir) = (path.to_path_buf(), layout.postmaster());
    let copy = dir.join(name);
    tokio::task::spawn_blocking(move || {
        std::fs::hard_link(&path, &copy)?;
        sync_dir(&dir)
    })
    .await
    .map_err(io::Error::other)?
}

/// Has the index row written (batched, synced): its id.
async fn index(reception: &Reception, message: NewMessage) -> io::Result<i64> {
    let (reply, answer) = oneshot::channel();
    reception
        .index
        .lock()
        .map_err(|_| io::Error::other("index writer lock poisoned"))?
        .send((message, reply))
        .map_err(|_| io::Error::other("the index writer stopped"))?;
    answer.await.map_err(|_| io::Error::other("the index writer stopped"))?.map_err(io::Error::other)
}
