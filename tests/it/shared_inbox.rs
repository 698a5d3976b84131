//! What replicas on one database share, at the storage layer and under concurrency: the inbox's
//! leases (each update to one replica, one chat's updates in order), the named leases of the
//! schedulers, and the sending budget.

use std::collections::{HashMap, HashSet};

use kinerja_bot::storage::inbox::{self, Kind, Stored};
use kinerja_bot::storage::{leases, send_budget};

fn update(update_id: i64, chat_id: i64) -> Stored {
    Stored {
        update_id,
        chat_id,
        kind: Kind::Update,
        payload: format!("{{\"update_id\":{update_id}}}"),
    }
}

fn ids(got: &[Stored]) -> Vec<i64> {
    got.iter().map(|s| s.update_id).collect()
}

on_both_backends!(
    a_chat_is_in_one_replicas_hand_at_a_time_with_all_its_updates_in_order,
    |t: TestDb| async move {
        let db = t.connect().await;
        let rows = [update(1, 10), update(2, 20), update(3, 10), update(4, 10)];
        inbox::store(&db, &rows, 0).await.unwrap();
        // One chat per claim here: the oldest, with everything it sent.
        let got = inbox::claim(&db, "a", 1_000, 31_000, 1).await.unwrap();
        assert_eq!(ids(&got), [1, 3, 4]);
        assert_eq!(
            ids(&inbox::claim(&db, "b", 1_000, 31_000, 10).await.unwrap()),
            [2]
        );
        assert!(
            inbox::claim(&db, "c", 1_000, 31_000, 10)
                .await
                .unwrap()
                .is_empty()
        );
        // Chat 10 writes again while "a" has it: that waits for "a" to be done.
        inbox::store(&db, &[update(5, 10)], 0).await.unwrap();
        assert!(
            inbox::claim(&db, "c", 2_000, 32_000, 10)
                .await
                .unwrap()
                .is_empty()
        );
        inbox::mark_all_handled(&db, &[1, 3], 2).await.unwrap();
        assert!(
            inbox::claim(&db, "c", 2_000, 32_000, 10)
                .await
                .unwrap()
                .is_empty()
        );
        inbox::mark_handled(&db, 4, 2).await.unwrap();
        assert_eq!(
            ids(&inbox::claim(&db, "c", 2_000, 32_000, 10).await.unwrap()),
            [5]
        );
        // "b" dies holding chat 20: once its lease ends, "d" takes it over.
        assert!(
            inbox::claim(&db, "d", 30_000, 60_000, 10)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            ids(&inbox::claim(&db, "d", 31_001, 61_000, 10).await.unwrap()),
            [2]
        );
        // A clean stop gives back at once what was not handled.
        assert_eq!(inbox::release(&db, "d").await.unwrap(), 1);
        assert_eq!(inbox::release(&db, "c").await.unwrap(), 1);
        let got = inbox::claim(&db, "e", 31_002, 61_000, 10).await.unwrap();
        assert_eq!(ids(&got), [2, 5]);
        // Renewing what it still has in hand (2, not 5: say its answer to the claim was lost)
        // keeps that from the others past the first lease; the rest passes on.
        assert_eq!(
            inbox::renew(&db, "e", &[2], 40_000, 120_000).await.unwrap(),
            1
        );
        assert_eq!(
            ids(&inbox::claim(&db, "f", 61_001, 90_000, 10).await.unwrap()),
            [5]
        );
        // A lease that already ran out is not brought back: "f" may be handling it.
        assert_eq!(
            inbox::renew(&db, "e", &[5], 95_000, 150_000).await.unwrap(),
            0
        );
        db.close().await;
    }
);

on_both_backends!(
    eight_replicas_taking_updates_at_once_never_share_one_and_keep_each_chat_in_order,
    |t: TestDb| async move {
        let db = t.connect().await;
        // 200 chats, 5 updates each, interleaved as Telegram numbers them, arriving in 20
        // batches while the replicas take them: a chat comes back after its first updates.
        let rows: Vec<Stored> = (0..1000).map(|i| update(i + 1, i % 200)).collect();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        // Every replica connected before anything arrives, so none starts ahead.
        let mut pools = Vec::new();
        for _ in 0..8 {
            pools.push(t.connect().await);
        }
        let storer = {
            let db = t.connect().await;
            tokio::spawn(async move {
                for chunk in rows.chunks(50) {
                    inbox::store(&db, chunk, 0).await.unwrap();
                    tokio::task::yield_now().await;
                }
                db.close().await;
            })
        };
        // The moment each update was taken, across all replicas.
        let clock = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        // The chats some replica holds an update of right now: never two at once.
        let held = std::sync::Arc::new(std::sync::Mutex::new(HashSet::new()));
        let mut workers = Vec::new();
        for (w, db) in pools.into_iter().enumerate() {
            let clock = clock.clone();
            let held = held.clone();
            let done = done.clone();
            workers.push(tokio::spawn(async move {
                let owner = format!("replica-{w}");
                let mut handled = Vec::new();
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
                while done.load(std::sync::atomic::Ordering::SeqCst) < 1000 {
                    assert!(std::time::Instant::now() < deadline, "updates left behind");
                    let got = inbox::claim(&db, &owner, 1, 1_000_000, 16).await.unwrap();
                    if got.is_empty() {
                        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                        continue;
                    }
                    let ids: Vec<i64> = got.iter().map(|s| s.update_id).collect();
                    let chats: HashSet<i64> = got.iter().map(|s| s.chat_id).collect();
                    for chat in &chats {
                        let fresh = held.lock().unwrap().insert(*chat);
                        assert!(fresh, "chat {chat} in two replicas' hands at once");
                    }
                    for s in &got {
                        let at = clock.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        handled.push((s.update_id, s.chat_id, at));
                    }
                    // Handling takes a moment, as it does in a replica: the chats stay in hand.
                    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                    for chat in &chats {
                        held.lock().unwrap().remove(chat);
                    }
                    inbox::mark_all_handled(&db, &ids, 1).await.unwrap();
                    done.fetch_add(ids.len(), std::sync::atomic::Ordering::SeqCst);
                }
                db.close().await;
                handled
            }));
        }
        storer.await.unwrap();
        let mut all = Vec::new();
        let mut by_replica = Vec::new();
        for w in workers {
            let got = w.await.unwrap();
            by_replica.push(got.len());
            all.extend(got);
        }
        let distinct: HashSet<i64> = all.iter().map(|(u, _, _)| *u).collect();
        assert_eq!(all.len(), 1000, "each update once: {by_replica:?}");
        assert_eq!(distinct.len(), 1000);
        assert!(
            by_replica.iter().filter(|n| **n > 0).count() > 1,
            "the work was shared: {by_replica:?}"
        );
        assert_eq!(inbox::pending_count(&db).await.unwrap(), 0);
        // Each chat's updates were taken in update order, whichever replica took them.
        all.sort_by_key(|(_, _, at)| *at);
        let mut per_chat: HashMap<i64, Vec<i64>> = HashMap::new();
        for (u, c, _) in &all {
            per_chat.entry(*c).or_default().push(*u);
        }
        for (chat, ids) in &per_chat {
            assert!(ids.is_sorted(), "chat {chat} out of order: {ids:?}");
        }
        assert_eq!(per_chat.len(), 200);
        db.close().await;
    }
);

on_both_backends!(
    a_scheduler_lease_has_one_holder_and_passes_on_when_it_runs_out_or_is_given_up,
    |t: TestDb| async move {
        let db = t.connect().await;
        assert!(
            leases::hold(&db, "scheduler", "a", 0, 10_000)
                .await
                .unwrap()
        );
        assert!(
            !leases::hold(&db, "scheduler", "b", 5_000, 15_000)
                .await
                .unwrap()
        );
        // The holder renews; the other still waits.
        assert!(
            leases::hold(&db, "scheduler", "a", 6_000, 16_000)
                .await
                .unwrap()
        );
        assert!(
            !leases::hold(&db, "scheduler", "b", 15_000, 25_000)
                .await
                .unwrap()
        );
        assert_eq!(
            leases::holder(&db, "scheduler", 15_000)
                .await
                .unwrap()
                .as_deref(),
            Some("a")
        );
        // "a" died: after its lease "b" takes over, and "a" coming back does not get it.
        assert!(
            leases::hold(&db, "scheduler", "b", 16_001, 26_000)
                .await
                .unwrap()
        );
        assert!(
            !leases::hold(&db, "scheduler", "a", 17_000, 27_000)
                .await
                .unwrap()
        );
        leases::release(&db, "scheduler", "b").await.unwrap();
        assert!(
            leases::hold(&db, "scheduler", "a", 18_000, 28_000)
                .await
                .unwrap()
        );
        // Six contenders at once: exactly one wins.
        let mut tries = Vec::new();
        for c in 0..6 {
            let db = t.connect().await;
            tries.push(tokio::spawn(async move {
                let won = leases::hold(&db, "other", &format!("c{c}"), 0, 10_000)
                    .await
                    .unwrap();
                db.close().await;
                won
            }));
        }
        let mut winners = 0;
        for t in tries {
            winners += usize::from(t.await.unwrap());
        }
        assert_eq!(winners, 1);
        db.close().await;
    }
);

on_both_backends!(
    replicas_reserving_sending_slots_at_once_never_get_the_same_moment,
    |t: TestDb| async move {
        let interval_us = 33_333;
        let mut reservers = Vec::new();
        for _ in 0..6 {
            let db = t.connect().await;
            reservers.push(tokio::spawn(async move {
                let mut firsts = Vec::new();
                for _ in 0..20 {
                    let r = send_budget::reserve(&db, 2, interval_us).await.unwrap();
                    assert!(r.first_us >= r.now_us, "{r:?}");
                    firsts.push(r.first_us);
                }
                db.close().await;
                firsts
            }));
        }
        let mut slots = Vec::new();
        for r in reservers {
            for first in r.await.unwrap() {
                slots.extend([first, first + interval_us]);
            }
        }
        slots.sort_unstable();
        assert_eq!(slots.len(), 240);
        for pair in slots.windows(2) {
            assert!(
                pair[1] - pair[0] >= interval_us,
                "two slots closer than the budget allows: {pair:?}"
            );
        }
        // A 429 seen by one replica holds everyone's next slot.
        let db = t.connect().await;
        send_budget::hold(&db, 5_000_000).await.unwrap();
        let r = send_budget::reserve(&db, 1, interval_us).await.unwrap();
        assert!(r.first_us - r.now_us > 4_500_000, "{r:?}");
        db.close().await;
    }
);
