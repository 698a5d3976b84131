//! The storage layer, run the same on SQLite and on a real PostgreSQL.

use kinerja_bot::domain::org::UnitId;
use kinerja_bot::domain::{ChatId, Lang, UserId};
use kinerja_bot::storage::{self, StorageError};

use crate::support::start_time;

on_both_backends!(
    a_new_user_gets_the_guessed_language_and_keeps_their_choice,
    |t: TestDb| async move {
        let db = t.connect().await;
        let now = start_time();
        let u = storage::users::touch(&db, UserId(11), ChatId(11), Lang::En, now)
            .await
            .unwrap();
        assert_eq!(u.language, Lang::En);
        storage::users::set_language(&db, UserId(11), Lang::Id)
            .await
            .unwrap();
        // A later message from an English client does not undo the user's choice.
        let again = storage::users::touch(&db, UserId(11), ChatId(11), Lang::En, now)
            .await
            .unwrap();
        assert_eq!(again.language, Lang::Id);
        db.close().await;
        let reopened = t.connect().await;
        assert_eq!(
            storage::users::language(&reopened, UserId(11))
                .await
                .unwrap(),
            Some(Lang::Id)
        );
        assert_eq!(
            storage::users::language(&reopened, UserId(12))
                .await
                .unwrap(),
            None
        );
    }
);

on_both_backends!(
    choosing_a_language_also_ends_the_conversation_in_one_write,
    |t: TestDb| async move {
        let db = t.connect().await;
        let now = start_time();
        storage::users::touch(&db, UserId(31), ChatId(31), Lang::En, now)
            .await
            .unwrap();
        storage::conversations::save(&db, ChatId(31), "{\"x\":1}", now)
            .await
            .unwrap();
        storage::conversations::save(&db, ChatId(32), "{\"x\":2}", now)
            .await
            .unwrap();
        storage::users::set_language_ending_conversation(&db, UserId(31), ChatId(31), Lang::Id)
            .await
            .unwrap();
        db.close().await;
        // Read back without this process's caches.
        let reopened = t.connect().await;
        assert_eq!(
            storage::users::language(&reopened, UserId(31))
                .await
                .unwrap(),
            Some(Lang::Id)
        );
        assert_eq!(
            storage::conversations::load(&reopened, ChatId(31))
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            storage::conversations::load(&reopened, ChatId(32))
                .await
                .unwrap(),
            Some("{\"x\":2}".to_owned()),
            "another chat's conversation is untouched"
        );
    }
);

on_both_backends!(
    a_blocked_user_is_marked_until_they_write_again,
    |t: TestDb| async move {
        let db = t.connect().await;
        let now = start_time();
        storage::users::touch(&db, UserId(21), ChatId(21), Lang::Id, now)
            .await
            .unwrap();
        assert!(!storage::users::is_blocked(&db, ChatId(21)).await.unwrap());
        storage::users::mark_blocked(&db, ChatId(21), now)
            .await
            .unwrap();
        assert!(storage::users::is_blocked(&db, ChatId(21)).await.unwrap());
        storage::users::touch(&db, UserId(21), ChatId(21), Lang::Id, now)
            .await
            .unwrap();
        assert!(!storage::users::is_blocked(&db, ChatId(21)).await.unwrap());
    }
);

on_both_backends!(
    the_inbox_keeps_each_update_once_hands_out_the_pending_in_order_and_prunes_by_age,
    |t: TestDb| async move {
        use kinerja_bot::storage::inbox::{self, Kind, Stored};
        let db = t.connect().await;
        let now = start_time().timestamp();
        let row = |id: i64, chat: i64, kind: Kind| Stored {
            update_id: id,
            chat_id: chat,
            kind,
            payload: format!("{{\"update_id\":{id}}}"),
        };
        let first = [
            row(7, 1, Kind::Update),
            row(5, 2, Kind::SlowDown),
            row(6, 2, Kind::Dropped),
        ];
        let fresh = inbox::store(&db, &first, now - 3 * 86_400).await.unwrap();
        assert_eq!(
            fresh,
            [7, 5].into(),
            "a dropped update is stored as handled, not handed out"
        );
        // Telegram sends 7 again after a crash, with a new one: only the new one is fresh.
        let again = inbox::store(
            &db,
            &[row(7, 1, Kind::Update), row(8, 1, Kind::Update)],
            now,
        )
        .await
        .unwrap();
        assert_eq!(again, [8].into());
        let pending = inbox::pending(&db, i64::MIN, 10).await.unwrap();
        assert_eq!(
            pending.iter().map(|s| s.update_id).collect::<Vec<_>>(),
            [5, 7, 8]
        );
        assert_eq!(pending[0].kind, Kind::SlowDown);
        assert_eq!(pending[1].payload, "{\"update_id\":7}");
        let after_five = inbox::pending(&db, 5, 1).await.unwrap();
        assert_eq!(after_five[0].update_id, 7);

        inbox::mark_handled(&db, 5, now - 3 * 86_400).await.unwrap();
        inbox::mark_handled(&db, 7, now).await.unwrap();
        assert!(inbox::is_handled(&db, 7).await.unwrap());
        assert_eq!(inbox::pending_count(&db).await.unwrap(), 1);
        let pruned = inbox::prune(&db, now - 2 * 86_400).await.unwrap();
        assert_eq!(
            pruned, 2,
            "5 and 6 were handled three days ago; 7 today stays"
        );
        assert!(inbox::is_handled(&db, 7).await.unwrap());
        // A pruned update is so old that Telegram never sends it again.
        assert!(!inbox::is_handled(&db, 5).await.unwrap());
    }
);

on_both_backends!(
    a_conversation_is_saved_replaced_and_cleared,
    |t: TestDb| async move {
        let db = t.connect().await;
        let now = start_time();
        assert_eq!(
            storage::conversations::load(&db, ChatId(7)).await.unwrap(),
            None
        );
        storage::conversations::save(&db, ChatId(7), r#"{"state":"A"}"#, now)
            .await
            .unwrap();
        storage::conversations::save(&db, ChatId(7), r#"{"state":"B"}"#, now)
            .await
            .unwrap();
        assert_eq!(
            storage::conversations::load(&db, ChatId(7))
                .await
                .unwrap()
                .as_deref(),
            Some(r#"{"state":"B"}"#)
        );
        assert!(storage::conversations::clear(&db, ChatId(7)).await.unwrap());
        assert!(!storage::conversations::clear(&db, ChatId(7)).await.unwrap());
    }
);

on_both_backends!(
    migrating_again_keeps_the_data_and_the_version,
    |t: TestDb| async move {
        let db = t.connect().await;
        storage::users::touch(&db, UserId(31), ChatId(31), Lang::En, start_time())
            .await
            .unwrap();
        let version = storage::migrate::database_version(&db).await.unwrap();
        assert_eq!(version, storage::migrate::binary_version(t.backend));
        let (before, after) = storage::migrate::run(&db).await.unwrap();
        assert_eq!((before, after), (version, version));
        assert_eq!(
            storage::users::language(&db, UserId(31)).await.unwrap(),
            Some(Lang::En)
        );
    }
);

on_both_backends!(
    a_schema_from_a_newer_binary_is_refused_untouched,
    |t: TestDb| async move {
        let db = t.connect().await;
        storage::users::touch(&db, UserId(41), ChatId(41), Lang::En, start_time())
            .await
            .unwrap();
        sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101000000, 'from the future', TRUE, $1, 1)",
    )
    .bind(vec![0u8; 48])
    .execute(db.pool())
    .await
    .unwrap();
        let err = storage::migrate::run(&db).await.unwrap_err();
        assert!(
            matches!(
                err,
                StorageError::NewerSchema {
                    database: 99990101000000,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(
            storage::users::language(&db, UserId(41)).await.unwrap(),
            Some(Lang::En)
        );
    }
);

on_both_backends!(
    an_audience_is_bounded_by_unit_scope_and_filters_supervisors_and_hr,
    |t: TestDb| async move {
        use kinerja_bot::domain::Audience;
        crate::support::import_example(&t).await;
        let db = t.connect().await;
        let units = storage::org::units(&db).await.unwrap();
        let unit = |name: &str| {
            units
                .iter()
                .find(|(u, _)| u.name() == name)
                .map(|(_, id)| *id)
                .unwrap()
        };
        let (top, sekretariat, kinerja) = (
            unit("Badan Kepegawaian Daerah"),
            unit("Sekretariat"),
            unit("Bidang Penilaian Kinerja"),
        );
        let size = |audience, scope| {
            let db = db.clone();
            async move {
                let r = storage::audience::resolve(&db, audience, scope)
                    .await
                    .unwrap()
                    .unwrap();
                storage::audience::size(&db, &r).await.unwrap().total
            }
        };
        assert_eq!(size(Audience::Everyone, None).await, 16);
        assert_eq!(size(Audience::Everyone, Some(kinerja)).await, 5);
        // The Sekretariat with its Subbagian Umum: 2 + 4.
        assert_eq!(size(Audience::Unit(sekretariat), None).await, 6);
        // A unit outside the scope yields nobody, not the unit.
        assert_eq!(size(Audience::Unit(sekretariat), Some(kinerja)).await, 0);
        assert_eq!(size(Audience::Unit(top), Some(kinerja)).await, 5);
        // Supervisors: the head, two Kabid, the Sekretaris and the Kasubbag.
        assert_eq!(size(Audience::Supervisors, None).await, 5);
        assert_eq!(size(Audience::Hr, None).await, 3);
        assert_eq!(size(Audience::Hr, Some(kinerja)).await, 1);
        assert!(
            storage::audience::resolve(&db, Audience::Unit(UnitId(999_999)), None)
                .await
                .unwrap()
                .is_none()
        );
    }
);

on_both_backends!(
    a_withdrawn_message_held_by_a_sender_stays_withdrawn_unless_it_was_sent,
    |t: TestDb| async move {
        use kinerja_bot::storage::outbox::{self, Outcome};
        crate::support::import_example(&t).await;
        crate::support::link_everyone(&t, 500).await;
        let db = t.connect().await;
        crate::support::broadcast_cli(&t, "Pengumuman", "all").await;
        let claimed = outbox::claim(&db, "me", 0, 60_000, 3).await.unwrap();
        assert_eq!(claimed.len(), 3);
        assert!(
            storage::broadcasts::cancel(&db, 1, 10, |_| None)
                .await
                .unwrap()
                .is_some()
        );
        let retry = Outcome::Retry {
            not_before: 0,
            attempted: false,
            error: None,
        };
        outbox::settle(&db, &claimed[0], "me", &retry, 11)
            .await
            .unwrap();
        outbox::settle(&db, &claimed[1], "me", &Outcome::Sent, 11)
            .await
            .unwrap();
        // A claim that lost its lease to another sender cannot settle the row.
        let mut stale = claimed[2].clone();
        stale.lease_until -= 1;
        outbox::settle(&db, &stale, "me", &Outcome::Sent, 11)
            .await
            .unwrap();
        let c = outbox::counts(&db, storage::broadcasts::ORIGIN, 1)
            .await
            .unwrap();
        assert_eq!((c.sent, c.cancelled, c.pending), (1, 15, 0), "{c:?}");
        assert!(
            outbox::claim(&db, "me", 100, 60_000, 10)
                .await
                .unwrap()
                .is_empty()
        );
    }
);
