//! What people see of the organisation: their profile, their team, and for HR the units.

use crate::bot::context::{Ctx, HandlerError};
use crate::domain::authz::{Action, Target, authorize};
use crate::i18n::{Msg, text_with};
use crate::storage;

/// At most this many unit lines in one answer; the CLI gives the full list.
const MAX_UNIT_LINES: usize = 60;

pub async fn profile(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(actor.as_ref(), Action::ViewOwnProfile, &Target::Nothing) {
        return ctx.refuse(d).await;
    }
    let Some(actor) = actor else { return Ok(()) };
    let Some(p) = storage::org::profile(&ctx.deps.db, &actor.nip).await? else {
        return ctx.refuse(crate::domain::authz::Denied::NotLinked).await;
    };
    let supervisor = p
        .supervisor
        .unwrap_or_else(|| ctx.text(Msg::ProfileNoSupervisor));
    let body = text_with(
        ctx.lang,
        Msg::ProfileView,
        &[
            ("name", p.name),
            ("position", p.position),
            ("unit", p.unit),
            ("supervisor", supervisor),
        ],
    );
    ctx.send(body, None).await?;
    Ok(())
}

pub async fn team(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    if let Err(d) = authorize(actor.as_ref(), Action::ViewSubordinates, &Target::Nothing) {
        return ctx.refuse(d).await;
    }
    let Some(actor) = actor else { return Ok(()) };
    // Only the actor's own direct reports: the query is keyed on their NIP, not on input.
    let people = storage::org::subordinates(&ctx.deps.db, &actor.nip).await?;
    if people.is_empty() {
        ctx.reply(Msg::TeamEmpty).await?;
        return Ok(());
    }
    let mut out = text_with(
        ctx.lang,
        Msg::TeamHeader,
        &[("count", people.len().to_string())],
    );
    for (name, linked) in people {
        let msg = if linked {
            Msg::TeamMemberLinked
        } else {
            Msg::TeamMemberUnlinked
        };
        out.push('\n');
        out.push_str(&text_with(ctx.lang, msg, &[("name", name)]));
    }
    ctx.send_long(&out).await
}

pub async fn units(ctx: &Ctx<'_>) -> Result<(), HandlerError> {
    let actor = ctx.actor().await?;
    let scope = actor
        .as_ref()
        .map(|a| Target::Unit(a.unit.clone()))
        .unwrap_or(Target::Nothing);
    if let Err(d) = authorize(actor.as_ref(), Action::ViewUnitStats, &scope) {
        return ctx.refuse(d).await;
    }
    let counts = storage::org::counts_by_unit(&ctx.deps.db).await?;
    let visible: Vec<_> = counts
        .into_iter()
        .filter(|(path, _, _)| {
            crate::domain::org::UnitPath::parse(path).is_some_and(|u| {
                authorize(actor.as_ref(), Action::ViewUnitStats, &Target::Unit(u)).is_ok()
            })
        })
        .collect();
    let mut out = ctx.text(Msg::UnitsHeader);
    for (path, n, linked) in visible.iter().take(MAX_UNIT_LINES) {
        out.push('\n');
        out.push_str(&text_with(
            ctx.lang,
            Msg::UnitsLine,
            &[
                ("unit", path.clone()),
                ("employees", n.to_string()),
                ("linked", linked.to_string()),
                ("unlinked", (n - linked).to_string()),
            ],
        ));
    }
    if visible.len() > MAX_UNIT_LINES {
        out.push('\n');
        let more = (visible.len() - MAX_UNIT_LINES).to_string();
        out.push_str(&text_with(ctx.lang, Msg::UnitsMore, &[("count", more)]));
    }
    ctx.send_long(&out).await
}
