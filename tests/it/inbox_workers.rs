//! The inbox's per-chat workers when a handler panics: the chat goes on with its next update,
//! other chats are not held up, and nothing is left counted as queued.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use kinerja_bot::clock::SystemClock;
use kinerja_bot::inbox::{Handled, Handler, Job, Workers};
use kinerja_bot::storage::inbox::Kind;
use teloxide::types::Update;
use tokio_util::sync::CancellationToken;

/// Panics on the updates it is told to, records the others.
struct Flaky {
    panic_on: Vec<i64>,
    handled: Mutex<Vec<i64>>,
}

impl Handler for Flaky {
    fn handle(&self, update: Update, _: Kind) -> BoxFuture<'_, Handled> {
        Box::pin(async move {
            let id = i64::from(update.id.0);
            if self.panic_on.contains(&id) {
                panic!("handler bug on update {id}");
            }
            self.handled.lock().unwrap().push(id);
            Handled::Done
        })
    }
}

fn job(update_id: i64, chat: i64) -> Job {
    let update: Update = serde_json::from_value(serde_json::json!({
        "update_id": update_id,
        "message": {
            "message_id": update_id, "date": 1_800_000_000,
            "chat": {"id": chat, "type": "private", "first_name": "tg"},
            "from": {"id": chat, "is_bot": false, "first_name": "tg"},
            "text": "/help"
        }
    }))
    .unwrap();
    Job {
        update_id,
        chat_id: chat,
        kind: Kind::Update,
        update,
    }
}

on_both_backends!(
    a_panicking_handler_does_not_stop_its_chat_or_any_other,
    |db: TestDb| async move {
        let handler = Arc::new(Flaky {
            panic_on: vec![2],
            handled: Mutex::new(Vec::new()),
        });
        let workers = Workers::new(
            db.connect().await,
            Arc::new(SystemClock),
            handler.clone(),
            4,
            CancellationToken::new(),
        );
        workers.submit(vec![job(1, 10), job(2, 10), job(3, 10), job(4, 20)]);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while workers.queued() > 0 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "updates left queued: {}",
                workers.queued()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // Chat 10 goes on after the panic, in order; a later update of it is handled too.
        workers.submit(vec![job(5, 10)]);
        while workers.queued() > 0 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "update 5 left queued"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let mut handled = handler.handled.lock().unwrap().clone();
        let chat_10: Vec<i64> = handled.iter().copied().filter(|id| *id != 4).collect();
        assert_eq!(chat_10, [1, 3, 5]);
        handled.sort();
        assert_eq!(handled, [1, 3, 4, 5]);
        workers.finish().await;
    }
);
