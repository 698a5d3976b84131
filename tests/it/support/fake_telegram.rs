//! A fake Telegram Bot API on 127.0.0.1 (port chosen by the OS). The bot under test talks to it
//! over HTTP exactly as to Telegram; tests act as users (type, tap a button by its label, upload
//! a document) and read what the bot sent to each chat, in order. Faults can be scripted: 429
//! with `retry_after`, 403 "bot was blocked by the user", 500, or a stall.
//!
//! Closer to Telegram when a test asks: flood limits enforced as token buckets (`enforce_limits`),
//! so a bot that sends too fast meets the same 429s it would in production; a lean mode that only
//! counts messages, so a broadcast to 100,000 chats fits in memory (`lean`); and HTML `parse_mode`
//! checked and rendered, so bad markup fails here as it would there.
//!
//! Updates reach the bot by long polling (getUpdates) or, once it calls setWebhook, by webhook:
//! POSTed to its URL, or spread over its replicas as a load balancer would (`deliver_to`), with
//! retries on failure and, when a test asks, a second delivery of the same update (`redeliver`).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

pub const BOT_ID: i64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "kinerja_test_bot";
/// Shaped like a real token; the fake accepts any.
pub const TOKEN: &str = "7000000001:AAF7-g0gYncWnm5IyfZlpPRqRRv6kNAGlao";

/// What a scripted fault answers.
#[derive(Debug, Clone)]
pub enum Fault {
    TooManyRequests {
        retry_after: u32,
    },
    Blocked,
    ServerError,
    /// 400 with this description (e.g. "Bad Request: message is too long").
    BadRequest(String),
    Stall(Duration),
    /// Answers normally, but only after this long: a slow Bot API.
    Delay(Duration),
}

#[derive(Debug, Clone)]
struct FaultRule {
    method: Option<String>,
    chat: Option<i64>,
    remaining: usize,
    fault: Fault,
}

/// A message the bot sent, as the user sees it now (edits applied).
#[derive(Debug, Clone)]
pub struct Sent {
    pub message_id: i64,
    pub chat_id: i64,
    pub method: String,
    /// The visible text: under HTML parse mode tags are stripped and entities decoded.
    pub text: String,
    /// The markup as the bot sent it, when it asked for `parse_mode` HTML; `None` otherwise.
    pub html: Option<String>,
    /// Rows of (label, callback_data).
    pub buttons: Vec<Vec<(String, String)>>,
    pub edits: usize,
    pub file_name: Option<String>,
    pub file: Option<Vec<u8>>,
    /// The full message JSON, as returned to the bot.
    json: Value,
}

impl Sent {
    /// A message the bot sent to `chat_id` long ago (one the fake did not record): what a button
    /// from an old reminder or a broadcast sits on.
    pub fn blank(chat_id: i64) -> Self {
        let json = json!({
            "message_id": 1, "date": 1_700_000_000,
            "chat": {"id": chat_id, "type": "private", "first_name": "User"},
            "from": {"id": BOT_ID, "is_bot": true, "first_name": "Kinerja", "username": BOT_USERNAME},
            "text": "…",
        });
        Self {
            message_id: 1,
            chat_id,
            method: "sendMessage".into(),
            text: "…".into(),
            html: None,
            buttons: Vec::new(),
            edits: 0,
            file_name: None,
            file: None,
            json,
        }
    }

    pub fn labels(&self) -> Vec<String> {
        self.buttons
            .iter()
            .flatten()
            .map(|(l, _)| l.clone())
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub first_name: String,
    pub language_code: Option<String>,
}

#[derive(Default)]
struct Inner {
    next_update_id: i64,
    next_message_id: i64,
    /// Unconfirmed updates; confirmed ones are dropped when the bot asks with a higher offset.
    updates: VecDeque<(i64, Value)>,
    sent: Vec<Sent>,
    callback_answers: Vec<(String, Option<String>)>,
    commands: HashMap<String, Vec<(String, String)>>,
    faults: Vec<FaultRule>,
    blocked: HashSet<i64>,
    /// Calls per method: counts, not a log, so a lean run of 100,000 sends stays small.
    calls: HashMap<String, usize>,
    responses_429: usize,
    /// When each sendMessage was answered 429, and when each delivery happened (not in lean
    /// mode), to check that a 429 froze all sending.
    times_429: Vec<std::time::Instant>,
    delivery_times: Vec<std::time::Instant>,
    limits: Option<Limits>,
    /// Only count sendMessage deliveries, keep no `Sent` for them.
    lean: bool,
    /// Successful sends per chat, in both modes.
    deliveries: HashMap<i64, usize>,
    total_deliveries: usize,
    users: HashMap<i64, User>,
    /// Documents users uploaded, by file_id.
    files: HashMap<String, Vec<u8>>,
    /// While set, a getUpdates that would confirm updates hangs instead (`hold_confirmations`).
    hold_confirmations: bool,
    /// The size getFile reports instead of the real one (`report_file_size`).
    reported_file_size: Option<u64>,
    /// Files downloaded from the file endpoint.
    downloads: usize,
    webhook: WebhookState,
}

struct Shared {
    inner: Mutex<Inner>,
    changed: Notify,
}

#[derive(Clone)]
pub struct FakeTelegram {
    shared: Arc<Shared>,
    addr: std::net::SocketAddr,
}

impl FakeTelegram {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::serve(listener)
    }

    /// Serves on a listener the test already bound (e.g. to come up on a known port late).
    pub fn serve(listener: tokio::net::TcpListener) -> Self {
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner {
                next_update_id: 1000,
                next_message_id: 1,
                ..Default::default()
            }),
            changed: Notify::new(),
        });
        let app = Router::new()
            .route("/{token}/{method}", post(handle))
            .route("/file/{token}/{*path}", axum::routing::get(download))
            .with_state(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { shared, addr }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.shared.inner.lock().unwrap()
    }

    pub fn user(&self, id: i64, first_name: &str, language_code: Option<&str>) -> TestUser {
        let user = User {
            id,
            first_name: first_name.to_owned(),
            language_code: language_code.map(str::to_owned),
        };
        self.lock().users.insert(id, user.clone());
        TestUser {
            fake: self.clone(),
            user,
        }
    }

    fn push_update(&self, body: Value) -> i64 {
        let id = {
            let mut inner = self.lock();
            inner.next_update_id += 1;
            let id = inner.next_update_id;
            let mut body = body;
            body["update_id"] = json!(id);
            inner.updates.push_back((id, body));
            id
        };
        self.shared.changed.notify_waiters();
        id
    }

    /// Scripts `count` answers of `fault` for `method` (any method if `None`) to `chat` (any
    /// chat if `None`).
    pub fn inject(&self, method: Option<&str>, chat: Option<i64>, count: usize, fault: Fault) {
        self.lock().faults.push(FaultRule {
            method: method.map(str::to_owned),
            chat,
            remaining: count,
            fault,
        });
    }

    /// From now on every send to `chat` answers 403 "bot was blocked by the user".
    pub fn block(&self, chat: i64) {
        self.lock().blocked.insert(chat);
    }

    /// From now on sends (sendMessage, sendDocument, sendPhoto) meet Telegram's flood limits:
    /// `per_second` overall, with one second of burst, and `per_chat_per_second` to each chat,
    /// where short bursts (3 messages) pass. Over a limit the call answers 429 with the seconds
    /// until it would pass, and nothing is delivered. Buckets start full.
    pub fn enforce_limits(&self, per_second: u32, per_chat_per_second: f64) {
        assert!(
            per_second > 0 && per_chat_per_second > 0.0,
            "limits must let something through"
        );
        let now = Instant::now();
        self.lock().limits = Some(Limits {
            per_second: f64::from(per_second),
            per_chat_per_second,
            global: Bucket {
                tokens: f64::from(per_second),
                at: now,
            },
            chats: HashMap::new(),
        });
    }

    /// From now on sendMessage deliveries are only counted (`deliveries`, `total_deliveries`):
    /// they do not appear in `sent_to`/`all_sent` and cannot be edited or tapped. For benchmarks
    /// with 100,000 recipients, where keeping every message would dwarf what is measured.
    pub fn lean(&self) {
        self.lock().lean = true;
    }

    /// Messages (sendMessage, sendDocument, sendPhoto) delivered to `chat`, in either mode.
    pub fn deliveries(&self, chat: i64) -> usize {
        self.lock().deliveries.get(&chat).copied().unwrap_or(0)
    }

    pub fn total_deliveries(&self) -> usize {
        self.lock().total_deliveries
    }

    pub fn delivery_counts(&self) -> HashMap<i64, usize> {
        self.lock().deliveries.clone()
    }

    pub fn sent_to(&self, chat: i64) -> Vec<Sent> {
        self.lock()
            .sent
            .iter()
            .filter(|s| s.chat_id == chat)
            .cloned()
            .collect()
    }

    pub fn all_sent(&self) -> Vec<Sent> {
        self.lock().sent.clone()
    }

    pub fn callback_answers(&self) -> Vec<(String, Option<String>)> {
        self.lock().callback_answers.clone()
    }

    pub fn commands(&self, scope_language: &str) -> Vec<(String, String)> {
        self.lock()
            .commands
            .get(scope_language)
            .cloned()
            .unwrap_or_default()
    }

    pub fn calls(&self, method: &str) -> usize {
        self.lock().calls.get(method).copied().unwrap_or(0)
    }

    /// When 429s were answered, and when messages were delivered.
    pub fn timeline(&self) -> (Vec<std::time::Instant>, Vec<std::time::Instant>) {
        let inner = self.lock();
        (inner.times_429.clone(), inner.delivery_times.clone())
    }

    /// While `hold`, a getUpdates whose offset would confirm updates hangs without confirming
    /// them: the bot has stored the batch but Telegram has not heard so. Releasing it lets the
    /// held calls go on.
    pub fn hold_confirmations(&self, hold: bool) {
        self.lock().hold_confirmations = hold;
        self.shared.changed.notify_waiters();
    }

    /// From now on getFile reports every file as this large, as a self-hosted Bot API would for
    /// a file of up to 2 GB.
    pub fn report_file_size(&self, bytes: u64) {
        self.lock().reported_file_size = Some(bytes);
    }

    /// Files the bot downloaded.
    pub fn downloads(&self) -> usize {
        self.lock().downloads
    }

    pub fn unblock(&self, chat: i64) {
        self.lock().blocked.remove(&chat);
    }

    pub fn responses_429(&self) -> usize {
        self.lock().responses_429
    }

    /// Updates not yet confirmed by the bot: by offset when polling, by a 2xx answer to their
    /// webhook delivery otherwise.
    pub fn unconfirmed(&self) -> usize {
        self.lock().updates.len()
    }

    /// The webhook the bot registered with setWebhook, while one is set.
    pub fn webhook(&self) -> Option<Webhook> {
        self.lock().webhook.hook.clone()
    }

    /// Webhook deliveries from now on go to these base URLs (`http://127.0.0.1:4567`, the bot's
    /// replicas) instead of the registered URL's host, each to the registered URL's path and
    /// query, round-robin. A replica that refuses the connection is passed over for the next at
    /// once and skipped for a second, as a load balancer's health check would. An empty list
    /// delivers to the registered URL again.
    pub fn deliver_to(&self, targets: Vec<String>) {
        let mut inner = self.lock();
        inner.webhook.targets = targets;
        inner.webhook.next_target = 0;
        inner.webhook.refused_until.clear();
    }

    /// The next `n` updates delivered by webhook are each delivered once more after the first
    /// 2xx, to another target when there are several: Telegram resends an update whose delivery
    /// it thinks timed out. Such an update counts as unconfirmed until the second copy is
    /// answered 2xx too.
    pub fn redeliver(&self, n: usize) {
        self.lock().webhook.redeliver += n;
        self.shared.changed.notify_waiters();
    }

    /// Webhook deliveries answered 2xx, second copies included.
    pub fn webhook_deliveries(&self) -> usize {
        self.lock().webhook.deliveries
    }

    /// Webhook deliveries that failed (non-2xx, refused by every target, timed out); each is
    /// retried.
    pub fn webhook_failures(&self) -> usize {
        self.lock().webhook.failures
    }

    /// Second copies delivered (answered 2xx) on behalf of `redeliver`.
    pub fn webhook_redeliveries(&self) -> usize {
        self.lock().webhook.redeliveries
    }

    /// Deliveries answered 2xx per target: the base URL as given to `deliver_to`, or the
    /// registered URL without it.
    pub fn webhook_deliveries_by_target(&self) -> HashMap<String, usize> {
        self.lock().webhook.by_target.clone()
    }

    /// Waits (at most `within`) until `cond` holds; on timeout panics with what was sent.
    pub async fn wait_until<F>(&self, within: Duration, what: &str, mut cond: F)
    where
        F: FnMut(&FakeTelegram) -> bool,
    {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let notified = self.shared.changed.notified();
            if cond(self) {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                if cond(self) {
                    return;
                }
                let transcript: Vec<String> = self
                    .all_sent()
                    .iter()
                    .map(|s| format!("{} -> {}: {:?}", s.method, s.chat_id, s.text))
                    .collect();
                panic!(
                    "timed out waiting for {what}; bot sent:\n{}",
                    transcript.join("\n")
                );
            }
        }
    }

    /// Waits until `chat` has at least `n` messages and returns them all, in order.
    pub async fn wait_for_messages(&self, chat: i64, n: usize) -> Vec<Sent> {
        let what = format!("{n} messages to chat {chat}");
        self.wait_until(Duration::from_secs(20), &what, |f| {
            f.sent_to(chat).len() >= n
        })
        .await;
        self.sent_to(chat)
    }
}

/// A person using Telegram.
#[derive(Clone)]
pub struct TestUser {
    fake: FakeTelegram,
    pub user: User,
}

impl TestUser {
    pub fn id(&self) -> i64 {
        self.user.id
    }

    fn sender_json(&self) -> Value {
        json!({
            "id": self.user.id, "is_bot": false, "first_name": self.user.first_name,
            "language_code": self.user.language_code,
        })
    }

    fn chat_json(&self) -> Value {
        json!({"id": self.user.id, "type": "private", "first_name": self.user.first_name})
    }

    /// Types a message (commands included); returns its update id.
    pub fn send(&self, text: &str) -> i64 {
        let message_id = self.fake.lock().next_message_id_bump();
        let mut message = json!({
            "message_id": message_id, "date": 1_800_000_000, "chat": self.chat_json(),
            "from": self.sender_json(), "text": text,
        });
        if text.starts_with('/') {
            let len = text
                .split_whitespace()
                .next()
                .unwrap_or("")
                .encode_utf16()
                .count();
            message["entities"] = json!([{"type": "bot_command", "offset": 0, "length": len}]);
        }
        self.fake.push_update(json!({ "message": message }))
    }

    pub fn upload(&self, file_name: &str, bytes: &[u8]) -> i64 {
        let message_id = self.fake.lock().next_message_id_bump();
        let file_id = format!("doc-{message_id}");
        self.fake
            .lock()
            .files
            .insert(file_id.clone(), bytes.to_vec());
        let message = json!({
            "message_id": message_id, "date": 1_800_000_000, "chat": self.chat_json(),
            "from": self.sender_json(),
            "document": {"file_id": file_id, "file_unique_id": file_id,
                         "file_name": file_name, "file_size": bytes.len()},
        });
        self.fake.push_update(json!({ "message": message }))
    }

    /// Sends `text` and waits for the bot's next message to this chat; returns its text.
    pub async fn say(&self, text: &str) -> String {
        let n = self.fake.sent_to(self.user.id).len();
        self.send(text);
        self.fake.wait_for_messages(self.user.id, n + 1).await[n]
            .text
            .clone()
    }

    /// Taps the button labelled `label` and waits for the bot's next message to this chat.
    pub async fn tap_and_read(&self, label: &str) -> String {
        let n = self.fake.sent_to(self.user.id).len();
        self.tap(label);
        self.fake.wait_for_messages(self.user.id, n + 1).await[n]
            .text
            .clone()
    }

    /// Taps the button labelled `label` on the newest message that has one.
    pub fn tap(&self, label: &str) -> i64 {
        let found = self
            .fake
            .sent_to(self.user.id)
            .into_iter()
            .rev()
            .find_map(|s| {
                let data = s
                    .buttons
                    .iter()
                    .flatten()
                    .find(|(l, _)| l == label)?
                    .1
                    .clone();
                Some((s, data))
            });
        let (message, data) = found.unwrap_or_else(|| panic!("no button labelled {label:?}"));
        self.press(&message, &data)
    }

    /// Presses a button with arbitrary data on `message`: how a forged callback arrives.
    pub fn press(&self, message: &Sent, data: &str) -> i64 {
        let id = format!("cbq-{}-{}", self.user.id, message.message_id);
        self.fake.push_update(json!({ "callback_query": {
            "id": id, "from": self.sender_json(), "message": message.json,
            "chat_instance": "ci", "data": data,
        }}))
    }
}

impl Inner {
    fn next_message_id_bump(&mut self) -> i64 {
        self.next_message_id += 1;
        self.next_message_id
    }

    /// The fault scripted for this call, if any (consumed).
    fn take_fault(&mut self, method: &str, chat: Option<i64>) -> Option<Fault> {
        let rule = self.faults.iter_mut().find(|r| {
            r.remaining > 0
                && r.method.as_deref().is_none_or(|m| m == method)
                && (r.chat.is_none() || r.chat == chat)
        })?;
        rule.remaining -= 1;
        Some(rule.fault.clone())
    }

    /// The 429 Telegram would answer to this send now, if over a limit; otherwise the send
    /// takes its tokens.
    fn throttle(&mut self, method: &str, chat: Option<i64>) -> Option<Fault> {
        if !SENDS.contains(&method) {
            return None;
        }
        let retry_after = self.limits.as_mut()?.admit(chat, Instant::now()).err()?;
        Some(Fault::TooManyRequests { retry_after })
    }
}

/// The methods that deliver a message: the ones flood limits and delivery counts apply to.
const SENDS: &[&str] = &["sendMessage", "sendDocument", "sendPhoto"];

/// A short burst to one chat passes; a steady stream above the chat's rate does not.
const PER_CHAT_BURST: f64 = 3.0;

/// Telegram's flood limits as token buckets: one overall, one per chat.
struct Limits {
    per_second: f64,
    per_chat_per_second: f64,
    global: Bucket,
    chats: HashMap<i64, Bucket>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn refill(&mut self, capacity: f64, rate: f64, now: Instant) {
        let earned = now.saturating_duration_since(self.at).as_secs_f64() * rate;
        self.tokens = (self.tokens + earned).min(capacity);
        self.at = now;
    }

    /// Seconds until a whole token is there (0 if one is).
    fn wait(&self, rate: f64) -> f64 {
        ((1.0 - self.tokens) / rate).max(0.0)
    }
}

impl Limits {
    /// Takes a token from the overall bucket and the chat's, or, if either is empty, takes none
    /// and says how many whole seconds to wait (at least 1, as Telegram never says 0).
    fn admit(&mut self, chat: Option<i64>, now: Instant) -> Result<(), u32> {
        let (rate, chat_rate) = (self.per_second, self.per_chat_per_second);
        self.global.refill(rate, rate, now);
        let mut chat_bucket = chat.map(|c| {
            self.chats.entry(c).or_insert(Bucket {
                tokens: PER_CHAT_BURST,
                at: now,
            })
        });
        if let Some(b) = chat_bucket.as_mut() {
            b.refill(PER_CHAT_BURST, chat_rate, now);
        }
        let wait = chat_bucket
            .as_ref()
            .map_or(0.0, |b| b.wait(chat_rate))
            .max(self.global.wait(rate));
        if wait > 0.0 {
            return Err((wait.ceil().min(f64::from(u32::MAX)) as u32).max(1));
        }
        self.global.tokens -= 1.0;
        if let Some(b) = chat_bucket {
            b.tokens -= 1.0;
        }
        Ok(())
    }
}

/// A webhook as the bot registered it with setWebhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub url: String,
    pub secret_token: Option<String>,
    pub max_connections: u32,
    /// Empty: every kind of update.
    pub allowed_updates: Vec<String>,
}

/// What Telegram answers getUpdates while a webhook is set.
const WEBHOOK_CONFLICT: &str = "Conflict: can't use getUpdates method while webhook is active; \
                                use deleteWebhook to delete the webhook first";
const SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";
/// How long a delivery may take before it counts as failed, as Telegram's.
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);
/// Before a failed delivery is tried again: short, so tests of retries stay quick.
const RETRY_PAUSE: Duration = Duration::from_millis(150);
/// How long a target that refused a connection is passed over.
const REFUSED_SKIP: Duration = Duration::from_secs(1);

#[derive(Default)]
struct WebhookState {
    hook: Option<Webhook>,
    has_certificate: bool,
    /// Bumped by every setWebhook and deleteWebhook: the delivery loop of an older one stops.
    generation: u64,
    /// Updates being delivered now: not handed out again until that delivery ends.
    in_flight: HashSet<i64>,
    /// Updates delivered once that `redeliver` sends again, with the target the first went to.
    second_copy: HashMap<i64, String>,
    /// How many of the next updates delivered get a second copy.
    redeliver: usize,
    targets: Vec<String>,
    next_target: usize,
    refused_until: HashMap<String, Instant>,
    deliveries: usize,
    failures: usize,
    redeliveries: usize,
    by_target: HashMap<String, usize>,
    /// Unix time and message of the last failed delivery, for getWebhookInfo.
    last_error: Option<(u64, String)>,
}

impl WebhookState {
    /// Where to try a delivery now, in order: (key for `by_target`, URL to POST to). With
    /// `deliver_to`, every target from the round-robin position on, those that refused lately
    /// last (a load balancer with no healthy backend still tries), and `avoid` (where the first
    /// copy went) last of all.
    fn route(&mut self, hook_url: &str, avoid: Option<&str>) -> Vec<(String, String)> {
        if self.targets.is_empty() {
            return vec![(hook_url.to_owned(), hook_url.to_owned())];
        }
        let path = url::Url::parse(hook_url)
            .map(|u| match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_owned(),
            })
            .unwrap_or_else(|_| "/".to_owned());
        let n = self.targets.len();
        let start = self.next_target % n;
        self.next_target = self.next_target.wrapping_add(1);
        let now = Instant::now();
        let mut order: Vec<&String> = (0..n).map(|k| &self.targets[(start + k) % n]).collect();
        order.sort_by_key(|t| {
            let refused = self.refused_until.get(*t).is_some_and(|u| *u > now);
            (Some(t.as_str()) == avoid, refused)
        });
        order
            .into_iter()
            .map(|t| (t.clone(), format!("{}{path}", t.trim_end_matches('/'))))
            .collect()
    }
}

/// One update handed to a delivery task.
struct Delivery {
    update_id: i64,
    body: Vec<u8>,
    hook_url: String,
    secret: Option<String>,
    /// Set for a second copy: the target the first went to.
    avoid: Option<String>,
}

enum Next {
    Deliver(Delivery),
    Idle,
    Stop,
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn as_bool(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true") || s == "1",
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    }
}

/// A parameter that is text: form and multipart fields arrive parsed, so digits may be a number.
fn as_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The kind of an update (`message`, `callback_query`, …): its one field besides `update_id`.
fn update_kind(update: &Value) -> Option<&str> {
    update
        .as_object()?
        .keys()
        .find(|k| *k != "update_id")
        .map(String::as_str)
}

fn set_webhook(shared: &Arc<Shared>, p: &Value, has_certificate: bool) -> Response {
    let url = as_text(p.get("url")).unwrap_or_default();
    if url.is_empty() {
        // Telegram: an empty URL removes the webhook.
        return delete_webhook(shared, p);
    }
    if url::Url::parse(&url).is_err() {
        return error(400, "Bad Request: invalid webhook URL specified");
    }
    let secret_token = as_text(p.get("secret_token")).filter(|s| !s.is_empty());
    if let Some(s) = &secret_token {
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if s.len() > 256 || !s.chars().all(allowed) {
            return error(
                400,
                "Bad Request: secret token contains unallowed characters",
            );
        }
    }
    let max_connections = p
        .get("max_connections")
        .and_then(as_i64)
        .unwrap_or(40)
        .clamp(1, 100) as u32;
    let allowed_updates = p.get("allowed_updates").map(|v| {
        let list = match v {
            Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
            v => v.clone(),
        };
        list.as_array()
            .into_iter()
            .flatten()
            .filter_map(|u| u.as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    });
    let (generation, max) = {
        let mut inner = shared.inner.lock().unwrap();
        if as_bool(p.get("drop_pending_updates")) {
            inner.updates.clear();
            inner.webhook.second_copy.clear();
        }
        let w = &mut inner.webhook;
        // Telegram: without allowed_updates the previous setting stays.
        let allowed_updates = allowed_updates
            .or_else(|| w.hook.as_ref().map(|h| h.allowed_updates.clone()))
            .unwrap_or_default();
        w.hook = Some(Webhook {
            url,
            secret_token,
            max_connections,
            allowed_updates,
        });
        w.has_certificate = has_certificate;
        w.last_error = None;
        w.generation += 1;
        (w.generation, max_connections)
    };
    tokio::spawn(deliver_updates(shared.clone(), generation, max as usize));
    ok(json!(true))
}

fn delete_webhook(shared: &Shared, p: &Value) -> Response {
    let mut inner = shared.inner.lock().unwrap();
    if as_bool(p.get("drop_pending_updates")) {
        inner.updates.clear();
        inner.webhook.second_copy.clear();
    }
    let w = &mut inner.webhook;
    if w.hook.take().is_some() {
        w.generation += 1;
        w.has_certificate = false;
        w.last_error = None;
    }
    ok(json!(true))
}

fn webhook_info(shared: &Shared) -> Response {
    let inner = shared.inner.lock().unwrap();
    let pending = inner.updates.len();
    let w = &inner.webhook;
    let Some(hook) = &w.hook else {
        return ok(json!({"url": "", "has_custom_certificate": false,
            "pending_update_count": pending}));
    };
    let mut info = json!({
        "url": hook.url, "has_custom_certificate": w.has_certificate,
        "pending_update_count": pending, "max_connections": hook.max_connections,
        "ip_address": "127.0.0.1",
    });
    if !hook.allowed_updates.is_empty() {
        info["allowed_updates"] = json!(hook.allowed_updates);
    }
    if let Some((date, message)) = &w.last_error {
        info["last_error_date"] = json!(date);
        info["last_error_message"] = json!(message);
    }
    ok(info)
}

/// Hands the queue's updates, oldest first, to at most `max_connections` deliveries at once,
/// until the webhook of `generation` is deleted or replaced.
async fn deliver_updates(shared: Arc<Shared>, generation: u64, max_connections: usize) {
    let client = reqwest::Client::builder()
        .timeout(WEBHOOK_TIMEOUT)
        // A fresh connection per delivery: a killed replica then refuses at once, rather than
        // failing a request on a pooled connection it had left open.
        .pool_max_idle_per_host(0)
        .no_proxy()
        .build()
        .expect("webhook client");
    let slots = Arc::new(Semaphore::new(max_connections));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let delivery = loop {
            let notified = shared.changed.notified();
            match next_delivery(&shared, generation) {
                Next::Deliver(d) => break d,
                Next::Stop => return,
                // Every new update, finished delivery and API call notifies; the timeout is
                // only a safety net.
                Next::Idle => {
                    let _ = tokio::time::timeout(Duration::from_millis(500), notified).await;
                }
            }
        };
        tokio::spawn(deliver(shared.clone(), client.clone(), delivery, slot));
    }
}

fn next_delivery(shared: &Shared, generation: u64) -> Next {
    let mut dropped = false;
    let next = {
        let mut guard = shared.inner.lock().unwrap();
        let inner = &mut *guard;
        let w = &mut inner.webhook;
        let Some(hook) = w.hook.clone().filter(|_| w.generation == generation) else {
            return Next::Stop;
        };
        // Telegram never delivers a kind of update the bot did not ask for.
        if !hook.allowed_updates.is_empty() {
            let before = inner.updates.len();
            inner.updates.retain(|(id, u)| {
                w.in_flight.contains(id)
                    || update_kind(u).is_some_and(|k| hook.allowed_updates.iter().any(|a| a == k))
            });
            dropped = inner.updates.len() != before;
        }
        // Like Telegram's Bot API server, one update per chat at a time (it queues updates by
        // chat and waits for each answer): a chat's next update goes only when the one before
        // it was answered.
        let mut busy_chats = HashSet::new();
        let next = inner.updates.iter().find(|(id, update)| {
            let chat = update_chat(update);
            if w.in_flight.contains(id) || busy_chats.contains(&chat) {
                busy_chats.insert(chat);
                return false;
            }
            busy_chats.insert(chat);
            true
        });
        match next {
            None => Next::Idle,
            Some((id, update)) => {
                w.in_flight.insert(*id);
                Next::Deliver(Delivery {
                    update_id: *id,
                    body: serde_json::to_vec(update).expect("update JSON"),
                    hook_url: hook.url,
                    secret: hook.secret_token,
                    avoid: w.second_copy.get(id).cloned(),
                })
            }
        }
    };
    if dropped {
        shared.changed.notify_waiters();
    }
    next
}

/// The chat an update belongs to, as Telegram queues webhook deliveries.
fn update_chat(update: &Value) -> i64 {
    let chat = |m: &Value| m["chat"]["id"].as_i64();
    update
        .get("message")
        .and_then(chat)
        .or_else(|| update["callback_query"].get("message").and_then(chat))
        .or_else(|| update["callback_query"]["from"]["id"].as_i64())
        .unwrap_or_default()
}

/// Delivers one update, then takes it off the queue (answered 2xx) or, after a pause, lets it
/// be tried again.
async fn deliver(
    shared: Arc<Shared>,
    client: reqwest::Client,
    d: Delivery,
    _slot: OwnedSemaphorePermit,
) {
    let route = shared
        .inner
        .lock()
        .unwrap()
        .webhook
        .route(&d.hook_url, d.avoid.as_deref());
    let mut outcome = Err("Connection refused".to_owned());
    for (target, url) in route {
        let mut request = client
            .post(&url)
            .header("content-type", "application/json")
            .body(d.body.clone());
        if let Some(secret) = &d.secret {
            request = request.header(SECRET_HEADER, secret);
        }
        outcome = match request.send().await {
            Ok(resp) if resp.status().is_success() => Ok(target),
            Ok(resp) => Err(format!(
                "Wrong response from the webhook: {}",
                resp.status()
            )),
            Err(e) if e.is_connect() => {
                // A load balancer sends the request on to the next backend right away.
                let until = Instant::now() + REFUSED_SKIP;
                let mut inner = shared.inner.lock().unwrap();
                inner.webhook.refused_until.insert(target, until);
                continue;
            }
            Err(e) if e.is_timeout() => Err("Read timeout expired".to_owned()),
            Err(e) => Err(format!("Connection failed: {e}")),
        };
        break;
    }
    let failed = {
        let mut guard = shared.inner.lock().unwrap();
        let inner = &mut *guard;
        let w = &mut inner.webhook;
        match outcome {
            Ok(target) => {
                w.deliveries += 1;
                *w.by_target.entry(target.clone()).or_default() += 1;
                let queued = inner.updates.iter().any(|(id, _)| *id == d.update_id);
                let done = if w.second_copy.remove(&d.update_id).is_some() {
                    w.redeliveries += 1;
                    true
                } else if w.redeliver > 0 && queued {
                    w.redeliver -= 1;
                    w.second_copy.insert(d.update_id, target);
                    false
                } else {
                    true
                };
                if done {
                    inner.updates.retain(|(id, _)| *id != d.update_id);
                }
                w.in_flight.remove(&d.update_id);
                false
            }
            Err(message) => {
                w.failures += 1;
                w.last_error = Some((now_unix(), message));
                true
            }
        }
    };
    shared.changed.notify_waiters();
    if failed {
        // Held in flight (and holding its connection slot) through the pause, so with one
        // connection the same update is retried before any later one.
        tokio::time::sleep(RETRY_PAUSE).await;
        shared
            .inner
            .lock()
            .unwrap()
            .webhook
            .in_flight
            .remove(&d.update_id);
        shared.changed.notify_waiters();
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    Path((_token, method)): Path<(String, String)>,
    req: Request,
) -> Response {
    // Bot API method names are case-insensitive (teloxide sends "SendMessage").
    let method = canonical(&method);
    let is_multipart = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/"));
    let is_form = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (params, file) = if is_multipart {
        match read_multipart(req).await {
            Some(p) => p,
            None => return error(400, "Bad Request: bad multipart"),
        }
    } else {
        let body = match Bytes::from_request(req, &()).await {
            Ok(b) => b,
            Err(_) => return error(400, "Bad Request: unreadable body"),
        };
        let params: Value = if body.is_empty() {
            json!({})
        } else if is_form {
            let fields = url::form_urlencoded::parse(&body)
                .map(|(k, v)| (k.into_owned(), field_value(v.into_owned())))
                .collect();
            Value::Object(fields)
        } else {
            serde_json::from_slice(&body).unwrap_or(json!({}))
        };
        (params, None)
    };
    if method == "getUpdates" {
        let fault = shared.inner.lock().unwrap().take_fault("getUpdates", None);
        if let Some(f) = fault {
            return fault_response(f).await;
        }
        return get_updates(&shared, &params).await;
    }
    let chat = params.get("chat_id").and_then(as_i64);
    let fault = {
        let mut inner = shared.inner.lock().unwrap();
        *inner.calls.entry(method.clone()).or_default() += 1;
        let fault = inner.take_fault(&method, chat);
        // A scripted fault wins; a merely delayed call still counts against the limits.
        let throttled = match fault {
            None | Some(Fault::Delay(_)) => inner.throttle(&method, chat),
            _ => None,
        };
        let fault = throttled.or(fault);
        let blocked =
            chat.is_some_and(|c| inner.blocked.contains(&c)) && method != "answerCallbackQuery";
        if matches!(fault, Some(Fault::TooManyRequests { .. })) {
            inner.responses_429 += 1;
            inner.times_429.push(std::time::Instant::now());
        }
        fault.or(blocked.then_some(Fault::Blocked))
    };
    if let Some(Fault::Delay(d)) = fault {
        tokio::time::sleep(d).await;
    } else if let Some(f) = fault {
        let resp = fault_response(f).await;
        shared.changed.notify_waiters();
        return resp;
    }
    let result = match method.as_str() {
        "setWebhook" => set_webhook(&shared, &params, file.is_some()),
        "deleteWebhook" => delete_webhook(&shared, &params),
        "getWebhookInfo" => webhook_info(&shared),
        _ => apply(&shared, &method, &params, file),
    };
    shared.changed.notify_waiters();
    result
}

async fn fault_response(fault: Fault) -> Response {
    match fault {
        Fault::TooManyRequests { retry_after } => (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(json!({"ok": false, "error_code": 429,
                "description": format!("Too Many Requests: retry after {retry_after}"),
                "parameters": {"retry_after": retry_after}})),
        )
            .into_response(),
        Fault::Blocked => error(403, "Forbidden: bot was blocked by the user"),
        Fault::ServerError => error(500, "Internal Server Error"),
        Fault::BadRequest(d) => error(400, &d),
        Fault::Delay(_) => error(500, "Internal Server Error"),
        Fault::Stall(d) => {
            tokio::time::sleep(d).await;
            error(500, "Internal Server Error")
        }
    }
}

fn error(code: u16, description: &str) -> Response {
    (
        StatusCode::from_u16(code).unwrap(),
        axum::Json(json!({"ok": false, "error_code": code, "description": description})),
    )
        .into_response()
}

fn ok(result: Value) -> Response {
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

const METHODS: &[&str] = &[
    "getFile",
    "getMe",
    "getUpdates",
    "setMyCommands",
    "deleteWebhook",
    "setWebhook",
    "getWebhookInfo",
    "deleteMessage",
    "answerCallbackQuery",
    "sendMessage",
    "sendDocument",
    "sendPhoto",
    "editMessageText",
    "editMessageReplyMarkup",
];

fn canonical(method: &str) -> String {
    METHODS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .map(|m| (*m).to_owned())
        .unwrap_or_else(|| method.to_owned())
}

fn as_i64(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str()?.parse().ok())
}

async fn read_multipart(req: Request) -> Option<(Value, Option<(String, Vec<u8>)>)> {
    let mut mp = Multipart::from_request(req, &()).await.ok()?;
    let mut params = serde_json::Map::new();
    let mut file = None;
    while let Some(field) = mp.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(fname) = field.file_name().map(str::to_owned) {
            let bytes = field.bytes().await.ok()?.to_vec();
            file = Some((fname, bytes));
        } else {
            let text = field.text().await.ok()?;
            params.insert(name, field_value(text));
        }
    }
    Some((Value::Object(params), file))
}

/// A multipart or form field: JSON where it is (numbers, booleans, arrays), the text otherwise.
/// A number that would not print back as sent (`1e5`, `1.50`) stays text, so a secret token or
/// a caption made of digits keeps its exact characters.
fn field_value(text: String) -> Value {
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Number(n)) if n.to_string() != text => Value::String(text),
        Ok(v) => v,
        Err(_) => Value::String(text),
    }
}

async fn get_updates(shared: &Shared, params: &Value) -> Response {
    let offset = params.get("offset").and_then(as_i64);
    let limit = params
        .get("limit")
        .and_then(as_i64)
        .unwrap_or(100)
        .clamp(1, 100) as usize;
    let timeout = params.get("timeout").and_then(as_i64).unwrap_or(0).max(0) as u64;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    loop {
        let notified = shared.changed.notified();
        let held = {
            let mut inner = shared.inner.lock().unwrap();
            *inner.calls.entry("getUpdates".into()).or_default() += 1;
            // Also checked inside a long poll: a webhook set meanwhile ends it as Telegram does.
            if inner.webhook.hook.is_some() {
                return error(409, WEBHOOK_CONFLICT);
            }
            offset.is_some_and(|o| {
                inner.hold_confirmations && inner.updates.iter().any(|(id, _)| *id < o)
            })
        };
        if held {
            let _ = tokio::time::timeout(Duration::from_millis(100), notified).await;
            continue;
        }
        {
            let mut inner = shared.inner.lock().unwrap();
            if let Some(o) = offset {
                // An offset confirms every update below it, for good.
                inner.updates.retain(|(id, _)| *id >= o);
            }
            let batch: Vec<Value> = inner
                .updates
                .iter()
                .take(limit)
                .map(|(_, u)| u.clone())
                .collect();
            if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                return ok(Value::Array(batch));
            }
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

async fn download(
    State(shared): State<Arc<Shared>>,
    Path((_token, path)): Path<(String, String)>,
) -> Response {
    let id = path.trim_start_matches("documents/");
    let mut inner = shared.inner.lock().unwrap();
    inner.downloads += 1;
    match inner.files.get(id) {
        Some(bytes) => bytes.clone().into_response(),
        None => error(404, "Not Found"),
    }
}

fn buttons_of(markup: Option<&Value>) -> Vec<Vec<(String, String)>> {
    let Some(rows) = markup
        .and_then(|m| m.get("inline_keyboard"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    rows.iter()
        .map(|row| {
            row.as_array()
                .into_iter()
                .flatten()
                .map(|b| {
                    let label = b["text"].as_str().unwrap_or_default().to_owned();
                    let data = b["callback_data"].as_str().unwrap_or_default().to_owned();
                    (label, data)
                })
                .collect()
        })
        .collect()
}

fn apply(shared: &Shared, method: &str, p: &Value, file: Option<(String, Vec<u8>)>) -> Response {
    let mut inner = shared.inner.lock().unwrap();
    match method {
        "getMe" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "Kinerja", "username": BOT_USERNAME,
            "can_join_groups": false, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false,
        })),
        "setMyCommands" => {
            let lang = p["language_code"].as_str().unwrap_or("").to_owned();
            let cmds = p["commands"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    let cmd = c["command"].as_str().unwrap_or_default().to_owned();
                    let desc = c["description"].as_str().unwrap_or_default().to_owned();
                    (cmd, desc)
                })
                .collect();
            inner.commands.insert(lang, cmds);
            ok(json!(true))
        }
        "deleteMessage" => ok(json!(true)),
        "getFile" => {
            let id = p["file_id"].as_str().unwrap_or_default().to_owned();
            let reported = inner.reported_file_size;
            match inner.files.get(&id) {
                Some(bytes) => ok(json!({"file_id": id, "file_unique_id": id,
                    "file_size": reported.unwrap_or(bytes.len() as u64),
                    "file_path": format!("documents/{id}")})),
                None => error(400, "Bad Request: invalid file_id"),
            }
        }
        "answerCallbackQuery" => {
            let id = p["callback_query_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let text = p["text"].as_str().map(str::to_owned);
            inner.callback_answers.push((id, text));
            ok(json!(true))
        }
        "sendMessage" | "sendDocument" | "sendPhoto" => {
            let Some(chat_id) = p.get("chat_id").and_then(as_i64) else {
                return error(400, "Bad Request: chat not found");
            };
            let raw = p["text"].as_str().or(p["caption"].as_str()).unwrap_or("");
            let (text, html) = match formatted(p, raw) {
                Ok(f) => f,
                Err(resp) => return *resp,
            };
            if method == "sendMessage" && text.is_empty() {
                return error(400, "Bad Request: message text is empty");
            }
            if text.chars().count() > 4096 {
                return error(400, "Bad Request: message is too long");
            }
            let message_id = inner.next_message_id_bump();
            let mut json = json!({
                "message_id": message_id, "date": 1_800_000_000,
                "chat": {"id": chat_id, "type": "private", "first_name": "User"},
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "Kinerja", "username": BOT_USERNAME},
                "text": text,
            });
            if let Some(m) = p.get("reply_markup") {
                json["reply_markup"] = m.clone();
            }
            *inner.deliveries.entry(chat_id).or_default() += 1;
            inner.total_deliveries += 1;
            if !inner.lean {
                inner.delivery_times.push(std::time::Instant::now());
            }
            if inner.lean && method == "sendMessage" {
                return ok(json);
            }
            let (file_name, bytes) = match file {
                Some((n, b)) => (Some(n), Some(b)),
                None => (None, None),
            };
            inner.sent.push(Sent {
                message_id,
                chat_id,
                method: method.to_owned(),
                text,
                html,
                buttons: buttons_of(p.get("reply_markup")),
                edits: 0,
                file_name,
                file: bytes,
                json: json.clone(),
            });
            ok(json)
        }
        "editMessageText" | "editMessageReplyMarkup" => {
            let chat_id = p.get("chat_id").and_then(as_i64);
            let message_id = p.get("message_id").and_then(as_i64);
            let edited = if method == "editMessageText" {
                let raw = p["text"].as_str().unwrap_or_default();
                match formatted(p, raw) {
                    Ok(f) => Some(f),
                    Err(resp) => return *resp,
                }
            } else {
                None
            };
            let Some(msg) = inner
                .sent
                .iter_mut()
                .find(|s| Some(s.chat_id) == chat_id && Some(s.message_id) == message_id)
            else {
                return error(400, "Bad Request: message to edit not found");
            };
            if let Some((text, html)) = edited {
                msg.json["text"] = json!(text);
                msg.text = text;
                msg.html = html;
            }
            msg.buttons = buttons_of(p.get("reply_markup"));
            match p.get("reply_markup") {
                Some(m) => msg.json["reply_markup"] = m.clone(),
                None => {
                    if let Some(o) = msg.json.as_object_mut() {
                        o.remove("reply_markup");
                    }
                }
            }
            msg.edits += 1;
            ok(msg.json.clone())
        }
        _ => error(404, "Not Found: method not found"),
    }
}

/// The text a user sees and, under HTML parse mode, the markup as sent; or the 400 Telegram
/// answers to markup it cannot parse.
fn formatted(p: &Value, raw: &str) -> Result<(String, Option<String>), Box<Response>> {
    let html = p["parse_mode"]
        .as_str()
        .is_some_and(|m| m.eq_ignore_ascii_case("html"));
    if !html {
        return Ok((raw.to_owned(), None));
    }
    match visible_html(raw) {
        Ok(text) => Ok((text, Some(raw.to_owned()))),
        Err(reason) => Err(Box::new(error(
            400,
            &format!("Bad Request: can't parse entities: {reason}"),
        ))),
    }
}

/// Telegram's HTML parse mode, minimally: only its tags, properly nested and closed, and only
/// the entities it decodes. Kept apart from the bot's own escaping so a bug there shows here.
fn visible_html(s: &str) -> Result<String, String> {
    const TAGS: &[&str] = &[
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    ];
    let mut out = String::with_capacity(s.len());
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        match c {
            '<' => {
                let rest = &s[i + 1..];
                let Some(end) = tag_end(rest) else {
                    return Err(format!("Unclosed start tag at byte offset {i}"));
                };
                let tag = &rest[..end];
                if let Some(name) = tag.strip_prefix('/') {
                    let name = name.trim().to_ascii_lowercase();
                    match open.pop() {
                        None => return Err(format!("Unexpected end tag at byte offset {i}")),
                        Some(o) if o != name => {
                            return Err(format!(
                                "Unmatched end tag at byte offset {i}, expected \"</{o}>\", \
                                 found \"</{name}>\""
                            ));
                        }
                        Some(_) => {}
                    }
                } else {
                    let len = tag
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .unwrap_or(tag.len());
                    let name = tag[..len].to_ascii_lowercase();
                    if !TAGS.contains(&name.as_str()) {
                        return Err(format!(
                            "Unsupported start tag \"{name}\" at byte offset {i}"
                        ));
                    }
                    open.push(name);
                }
                i += 1 + end + 1;
            }
            '&' => {
                let Some((decoded, len)) = entity(&s[i..]) else {
                    return Err(format!("Unsupported character entity at byte offset {i}"));
                };
                out.push(decoded);
                i += len;
            }
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    match open.last() {
        Some(o) => Err(format!(
            "Can't find end tag corresponding to start tag \"{o}\""
        )),
        None => Ok(out),
    }
}

/// Where the tag that `rest` continues ends: the first `>` outside a quoted attribute value.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (k, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(k),
            _ => {}
        }
    }
    None
}

/// The character the entity at the start of `s` stands for, and the entity's length in bytes.
fn entity(s: &str) -> Option<(char, usize)> {
    for (name, c) in [
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&amp;", '&'),
        ("&quot;", '"'),
    ] {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    let body = s.strip_prefix("&#")?;
    let end = body.find(';')?;
    let (digits, radix) = match body[..end].strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (&body[..end], 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    Some((char::from_u32(code)?, 2 + end + 1))
}

/// For latency benchmarks (`benches/updates.rs`): waiting for the fake's next change, and reading
/// only what is new since an earlier look, so replies can be timed as they come in without
/// copying everything the bot ever sent.
#[allow(dead_code)] // the integration tests use none of it
impl FakeTelegram {
    /// Completes at the first update given or call answered after it was created, even if it
    /// was not yet awaited: create it, look at the fake, then await it, and nothing is missed.
    pub fn next_change(&self) -> tokio::sync::futures::Notified<'_> {
        self.shared.changed.notified()
    }

    /// Deliveries (sendMessage, sendDocument, sendPhoto) from the `from`-th on, counting from 0
    /// as `total_deliveries` does: to which chat, and when. Empty in lean mode, which keeps
    /// neither.
    pub fn deliveries_since(&self, from: usize) -> Vec<(i64, Instant)> {
        let inner = self.lock();
        if inner.lean {
            return Vec::new();
        }
        let sent = inner.sent.get(from..).unwrap_or_default();
        let times = inner.delivery_times.get(from..).unwrap_or_default();
        sent.iter()
            .zip(times)
            .map(|(s, t)| (s.chat_id, *t))
            .collect()
    }

    /// Callback answers from the `from`-th on, as `callback_answers` gives them.
    pub fn callback_answers_since(&self, from: usize) -> Vec<(String, Option<String>)> {
        let inner = self.lock();
        inner
            .callback_answers
            .get(from..)
            .unwrap_or_default()
            .to_vec()
    }

    /// How often each message, by its delivery index as in `deliveries_since`, has been edited
    /// (0 for one not delivered). Not in lean mode.
    pub fn edits_at(&self, indices: &[usize]) -> Vec<usize> {
        let inner = self.lock();
        indices
            .iter()
            .map(|i| inner.sent.get(*i).map_or(0, |s| s.edits))
            .collect()
    }
}
