//! `/healthz`, `/readyz` and `/metrics` of the real binary, scraped over plain HTTP.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{BotProcess, FakeTelegram, Fault, free_addr};

/// One GET with `Connection: close`: the status code and the body, or `None` while nothing
/// listens yet.
async fn get(addr: &str, path: &str) -> Option<(u16, String)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned())?;
    Some((status, body))
}

/// Asks `path` until `ok` holds for the answer, for at most 20 s; returns that answer.
async fn get_until(
    addr: &str,
    path: &str,
    ok: impl Fn(u16, &str) -> bool,
    bot: &BotProcess,
) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = None;
    loop {
        if let Some((status, body)) = get(addr, path).await {
            if ok(status, &body) {
                return (status, body);
            }
            last = Some((status, body));
        }
        assert!(
            Instant::now() < deadline,
            "{path} never as expected; last answer {last:?}; log:\n{}",
            bot.stderr()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The value of the sample whose line starts with `series ` (name and labels exactly).
fn sample(metrics: &str, series: &str) -> Option<f64> {
    metrics.lines().find_map(|l| {
        l.strip_prefix(series)?
            .strip_prefix(' ')?
            .trim()
            .parse()
            .ok()
    })
}

on_both_backends!(
    the_endpoints_report_liveness_readiness_and_counts,
    |db: TestDb| async move {
        let fake = FakeTelegram::start().await;
        let addr = free_addr();
        let bot =
            BotProcess::start_with_config(&fake, &db, &format!("[health]\nlisten = \"{addr}\"\n"));
        let (status, body) = get_until(&addr, "/healthz", |_, _| true, &bot).await;
        assert_eq!((status, body.as_str()), (200, "ok"));

        // Several people at once, each answered.
        let users: Vec<_> = (0..5)
            .map(|i| fake.user(1300 + i, "Rina", Some("id")))
            .collect();
        for user in &users {
            user.send("/help");
        }
        for user in &users {
            fake.wait_for_messages(user.id(), 1).await;
        }

        let (_, body) = get_until(&addr, "/readyz", |s, _| s == 200, &bot).await;
        assert!(
            body.contains("database: ok") && body.contains("bot_api: ok"),
            "{body}"
        );

        let handled = |_: u16, m: &str| {
            sample(m, "kinerja_updates_handled_total").is_some_and(|n| n >= users.len() as f64)
        };
        let (_, metrics) = get_until(&addr, "/metrics", handled, &bot).await;
        let received = sample(&metrics, "kinerja_updates_received_total").unwrap_or(0.0);
        assert!(received >= users.len() as f64, "{metrics}");
        let sent_ok = sample(&metrics, "kinerja_messages_sent_total{outcome=\"ok\"}");
        assert!(
            sent_ok.is_some_and(|n| n >= users.len() as f64),
            "{metrics}"
        );
        assert!(
            metrics.contains("kinerja_update_handling_seconds_bucket{le="),
            "{metrics}"
        );
        // The queue gauges come from the database, refreshed every few seconds.
        let gauges = |_: u16, m: &str| {
            sample(m, "kinerja_inbox_depth").is_some()
                && sample(m, "kinerja_outbox_depth").is_some()
        };
        let (_, metrics) = get_until(&addr, "/metrics", gauges, &bot).await;
        assert!(
            metrics.contains("kinerja_outbox_oldest_age_seconds"),
            "{metrics}"
        );
        // No label names a person or a chat: only these label names appear.
        for labels in metrics
            .lines()
            .filter_map(|l| Some(l.split_once('{')?.1.split_once('}')?.0))
        {
            for (name, _) in labels.split(',').filter_map(|kv| kv.split_once('=')) {
                assert!(
                    ["outcome", "schedule", "le", "quantile"].contains(&name),
                    "{labels}"
                );
            }
        }

        // Telegram stops answering getMe: not ready (once the cached answer runs out), but alive.
        fake.inject(Some("getMe"), None, 10_000, Fault::ServerError);
        let (_, body) = get_until(&addr, "/readyz", |s, _| s == 503, &bot).await;
        assert!(
            body.contains("bot_api: FAILED") && body.contains("database: ok"),
            "{body}"
        );
        assert_eq!(get(&addr, "/healthz").await.map(|(s, _)| s), Some(200));
    }
);
