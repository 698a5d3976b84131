//! The fake Bot API's webhook mode, against small receivers standing in for the bot's replicas:
//! the webhook tests of the bot prove only as much as this delivery is like Telegram's.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;
use serde_json::Value;
use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;
use teloxide::{ApiError, RequestError};
use tokio::sync::oneshot;

use crate::support::fake_telegram::Webhook;
use crate::support::{FakeTelegram, TOKEN};

const SECRET: &str = "rahasia_Replika-01";

fn bot(fake: &FakeTelegram) -> Bot {
    Bot::new(TOKEN).set_api_url(fake.url().parse().unwrap())
}

/// One webhook request a receiver got, and what it answered.
#[derive(Debug, Clone)]
struct Got {
    update_id: i64,
    text: String,
    secret: Option<String>,
    path: String,
    status: u16,
}

#[derive(Default)]
struct Script {
    got: Vec<Got>,
    /// Answer 500 to this many requests first.
    fail_first: usize,
    /// Answer 403 to a request without this secret.
    secret: Option<String>,
}

/// A replica of the bot, as far as the webhook sees one.
struct Receiver {
    url: String,
    script: Arc<Mutex<Script>>,
    stop: oneshot::Sender<()>,
    served: tokio::task::JoinHandle<()>,
}

impl Receiver {
    async fn start(fail_first: usize, secret: Option<&str>) -> Self {
        let script = Arc::new(Mutex::new(Script {
            fail_first,
            secret: secret.map(str::to_owned),
            ..Default::default()
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let app = Router::new()
            .fallback(post(receive))
            .with_state(script.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let served = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        Self {
            url,
            script,
            stop,
            served,
        }
    }

    fn got(&self) -> Vec<Got> {
        self.script.lock().unwrap().got.clone()
    }

    fn accepted(&self) -> Vec<Got> {
        self.got().into_iter().filter(|g| g.status == 200).collect()
    }

    /// Shuts down and returns once the port refuses connections: a killed replica.
    async fn stop(self) {
        let _ = self.stop.send(());
        self.served.await.unwrap();
    }
}

async fn receive(
    State(script): State<Arc<Mutex<Script>>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let update: Value = serde_json::from_slice(&body).unwrap_or_default();
    let secret = headers
        .get("x-telegram-bot-api-secret-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut script = script.lock().unwrap();
    let status = if script.fail_first > 0 {
        script.fail_first -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else if script.secret.is_some() && script.secret != secret {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    script.got.push(Got {
        update_id: update["update_id"].as_i64().unwrap_or_default(),
        text: update["message"]["text"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        secret,
        path: uri.to_string(),
        status: status.as_u16(),
    });
    status
}

fn texts(got: &[Got]) -> Vec<&str> {
    got.iter().map(|g| g.text.as_str()).collect()
}

#[tokio::test]
async fn a_webhook_gets_every_update_in_order_and_retries_failures() {
    let fake = FakeTelegram::start().await;
    let bot = bot(&fake);
    let receiver = Receiver::start(2, Some(SECRET)).await;
    let hook = format!("{}/hook?replica=any", receiver.url);
    bot.set_webhook(hook.parse().unwrap())
        .secret_token(SECRET)
        .max_connections(1)
        .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery])
        .await
        .unwrap();
    assert_eq!(
        fake.webhook(),
        Some(Webhook {
            url: hook.clone(),
            secret_token: Some(SECRET.into()),
            max_connections: 1,
            allowed_updates: vec!["message".into(), "callback_query".into()],
        })
    );

    let user = fake.user(1, "Ani", None);
    let ids: Vec<i64> = ["satu", "dua", "tiga"]
        .iter()
        .map(|t| user.send(t))
        .collect();
    let err = bot.get_updates().await.unwrap_err();
    assert!(
        matches!(&err, RequestError::Api(ApiError::Unknown(d))
            if d.starts_with("Conflict: can't use getUpdates method while webhook is active")),
        "{err:?}"
    );
    fake.wait_until(Duration::from_secs(5), "three webhook deliveries", |f| {
        f.webhook_deliveries() == 3 && f.unconfirmed() == 0
    })
    .await;

    let accepted = receiver.accepted();
    assert_eq!(texts(&accepted), ["satu", "dua", "tiga"]);
    assert_eq!(
        accepted.iter().map(|g| g.update_id).collect::<Vec<_>>(),
        ids
    );
    let got = receiver.got();
    assert!(
        got.iter()
            .all(|g| g.secret.as_deref() == Some(SECRET) && g.path == "/hook?replica=any"),
        "{got:?}"
    );
    // With one connection a failed update is retried before any later one is sent.
    assert_eq!(texts(&got), ["satu", "satu", "satu", "dua", "tiga"]);
    assert_eq!(fake.webhook_failures(), 2);
    assert_eq!(fake.webhook_deliveries_by_target()[&hook], 3);

    let info = bot.get_webhook_info().await.unwrap();
    assert_eq!(info.url.map(String::from), Some(hook.clone()));
    assert_eq!(info.pending_update_count, 0);
    assert_eq!(info.max_connections, Some(1));
    assert_eq!(
        info.allowed_updates,
        Some(vec![AllowedUpdate::Message, AllowedUpdate::CallbackQuery])
    );
    assert!(info.last_error_date.is_some());
    assert_eq!(
        info.last_error_message.as_deref(),
        Some("Wrong response from the webhook: 500 Internal Server Error")
    );

    bot.delete_webhook().await.unwrap();
    assert_eq!(fake.webhook(), None);
    let after = user.send("empat");
    // Back to polling: the update waits there, and the webhook never saw it.
    let polled = bot.get_updates().await.unwrap();
    assert_eq!(
        polled.iter().map(|u| i64::from(u.id.0)).collect::<Vec<_>>(),
        [after]
    );
    assert_eq!(receiver.got().len(), 5);
    assert_eq!(fake.webhook_deliveries(), 3);
    assert!(bot.get_webhook_info().await.unwrap().url.is_none());
    receiver.stop().await;
}

#[tokio::test]
async fn a_load_balancer_spreads_updates_redelivers_and_skips_a_dead_replica() {
    let fake = FakeTelegram::start().await;
    let a = Receiver::start(0, Some(SECRET)).await;
    let b = Receiver::start(0, Some(SECRET)).await;
    // Before setWebhook, so nothing is ever sent to the public URL itself.
    fake.deliver_to(vec![a.url.clone(), b.url.clone()]);
    // As a form, the way a client other than teloxide may call it.
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("url", "https://bot.example.org/tg/hook?k=1")
        .append_pair("secret_token", SECRET)
        .finish();
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let answer = client
        .post(format!("{}/bot{TOKEN}/setWebhook", fake.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&answer).unwrap(),
        serde_json::json!({"ok": true, "result": true})
    );
    let hook = fake.webhook().unwrap();
    assert_eq!(hook.max_connections, 40);
    assert_eq!(hook.secret_token.as_deref(), Some(SECRET));

    let user = fake.user(2, "Budi", None);
    for i in 0..6 {
        user.send(&format!("pesan {i}"));
    }
    fake.wait_until(Duration::from_secs(5), "six deliveries", |f| {
        f.webhook_deliveries() == 6 && f.unconfirmed() == 0
    })
    .await;
    let by_target = fake.webhook_deliveries_by_target();
    assert_eq!((by_target[&a.url], by_target[&b.url]), (3, 3));
    for got in a.got().iter().chain(&b.got()) {
        assert_eq!(got.path, "/tg/hook?k=1");
        assert_eq!(got.status, 200, "{got:?}");
    }

    fake.redeliver(1);
    let twice = user.send("ulang");
    fake.wait_until(Duration::from_secs(5), "a redelivery", |f| {
        f.webhook_redeliveries() == 1 && f.unconfirmed() == 0
    })
    .await;
    let once = user.send("sekali");
    fake.wait_until(Duration::from_secs(5), "one more delivery", |f| {
        f.webhook_deliveries() == 9 && f.unconfirmed() == 0
    })
    .await;
    let copies = |r: &Receiver, id: i64| r.accepted().iter().filter(|g| g.update_id == id).count();
    assert_eq!((copies(&a, twice), copies(&b, twice)), (1, 1));
    assert_eq!(copies(&a, once) + copies(&b, once), 1);
    assert_eq!(fake.webhook_deliveries(), 9);

    b.stop().await;
    let late: Vec<i64> = (0..4).map(|i| user.send(&format!("akhir {i}"))).collect();
    fake.wait_until(
        Duration::from_secs(5),
        "deliveries past a dead replica",
        |f| f.webhook_deliveries() == 13 && f.unconfirmed() == 0,
    )
    .await;
    assert_eq!(
        fake.webhook_failures(),
        0,
        "a refused connection goes on to the next replica"
    );
    for id in late {
        assert_eq!(copies(&a, id), 1);
    }
    a.stop().await;
}
