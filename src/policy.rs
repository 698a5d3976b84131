//! Shared policy on stored data: the authorization rules of `domain::authz` applied to what the
//! database holds (units by id, a broadcast's or deadline's stored scope), and audiences resolved
//! within the actor's scope. Used by every feature that addresses people; knows no Telegram.

use crate::domain::authz::{Action, Actor, Denied, Scope, Target, authorize, scope_target};
use crate::domain::org::UnitId;
use crate::domain::{Audience, Lang};
use crate::i18n::{Msg, text};
use crate::storage::{self, Db, StorageError, audience::Resolved};

/// An audience the actor may address, resolved within their scope.
pub struct Allowed {
    pub resolved: Resolved,
    /// The actor's own subtree (HR of a unit), stored with what they create.
    pub scope_unit_id: Option<UnitId>,
}

/// Checks that `actor` may `action` to `audience` and resolves it within their scope. A unit id
/// that names no unit is refused like one outside the scope: both are forged. Unit HR whose own
/// unit cannot be found is refused rather than given the whole organisation.
pub async fn audience(
    db: &Db,
    actor: Option<&Actor>,
    action: Action,
    audience: Audience,
) -> Result<Result<Allowed, Denied>, StorageError> {
    let unit = match audience {
        Audience::Unit(id) => match storage::org::unit_by_id(db, id).await? {
            Some(u) => Some(u),
            None => return Ok(Err(Denied::NotAllowed)),
        },
        _ => None,
    };
    if let Err(d) = authorize(actor, action, &scope_target(actor, unit)) {
        return Ok(Err(d));
    }
    let scope = actor.map(Scope::of).unwrap_or(Scope::Organisation);
    let scope_unit_id = match scope.unit() {
        Some(u) => match storage::org::unit_id_of(db, u).await? {
            Some(id) => Some(id),
            None => return Ok(Err(Denied::NotAllowed)),
        },
        None => None,
    };
    let resolved = storage::audience::resolve(db, audience, scope_unit_id).await?;
    Ok(resolved
        .map(|resolved| Allowed {
            resolved,
            scope_unit_id,
        })
        .ok_or(Denied::NotAllowed))
}

/// Whether `actor` may `action` on something created within `scope_unit_id` (a broadcast, a
/// deadline): HR whose scope holds that subtree, or organisation HR for organisation-wide ones.
/// A scope unit that no longer exists is refused.
pub async fn on_stored_scope(
    db: &Db,
    actor: Option<&Actor>,
    action: Action,
    scope_unit_id: Option<UnitId>,
) -> Result<Result<(), Denied>, StorageError> {
    let target = match scope_unit_id {
        Some(id) => match storage::org::unit_by_id(db, id).await? {
            Some(u) => Target::Unit(u),
            None => return Ok(Err(Denied::NotAllowed)),
        },
        None => Target::Nothing,
    };
    Ok(authorize(actor, action, &target))
}

/// How an audience is named to HR: "Semua pegawai", "Biro SDM (dengan sub-unit)"…
pub async fn audience_label(
    db: &Db,
    lang: Lang,
    audience: Audience,
) -> Result<String, StorageError> {
    Ok(match audience {
        Audience::Everyone => text(lang, Msg::AudienceEveryone),
        Audience::Supervisors => text(lang, Msg::AudienceSupervisors),
        Audience::Hr => text(lang, Msg::AudienceHr),
        Audience::Unit(id) => storage::org::unit_by_id(db, id)
            .await?
            .map(|u| u.key())
            .unwrap_or_default(),
    })
}

/// Whether a deadline is meant for this employee: its audience, resolved within the scope it
/// was created in, includes them. Reminders go to the same people (see `scheduler`).
pub async fn deadline_is_for(
    db: &Db,
    deadline: &storage::deadlines::Deadline,
    nip: &str,
) -> Result<bool, StorageError> {
    match storage::audience::resolve(db, deadline.audience, deadline.scope_unit_id).await? {
        Some(r) => storage::audience::includes(db, &r, nip).await,
        None => Ok(false),
    }
}
