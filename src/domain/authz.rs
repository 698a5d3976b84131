//! Who may do what. Every command and button is checked here, server side, against the person
//! pressing it, never against anything the button carries. The rules are one table.

use super::Nip;
use super::org::{Role, UnitPath};

/// The person acting, as the database knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub nip: Nip,
    pub role: Role,
    pub unit: UnitPath,
}

/// What the action is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Nothing,
    Unit(UnitPath),
    Employee {
        nip: Nip,
        supervisor: Option<Nip>,
    },
    /// Someone an invite link would be issued for: where they sit and the role they would get.
    Invitee {
        unit: UnitPath,
        role: Role,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum Action {
    ViewOwnProfile,
    /// See one's direct subordinates (and act on them: dialogs, ratings).
    ViewSubordinates,
    ActOnSubordinate,
    ViewUnitStats,
    InviteUnit,
    /// Receive the invite link of one employee (whoever opens it acts as that employee).
    InviteEmployee,
    ImportOrganisation,
    /// Announce to an audience within one's HR scope.
    Broadcast,
    /// Create, change or cancel deadlines for an audience within one's HR scope.
    ManageDeadlines,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// Any linked, active employee.
    Linked,
    /// The target employee's direct supervisor.
    SupervisorOfTarget,
    /// HR whose scope holds the target unit: their own subtree, or all for organisation HR.
    HrOverTarget,
    /// HR of the whole organisation, or an admin.
    OrganisationHr,
    /// HR whose scope holds the invitee's unit, and whose own role reaches at least as far as
    /// the invitee's: links for HR and admin roles come only from organisation HR or admins
    /// (or the CLI), so nobody can take the link of someone who may do more than they may.
    HrOverInvitee,
}

const RULES: &[(Action, Needs)] = &[
    (Action::ViewOwnProfile, Needs::Linked),
    (Action::ViewSubordinates, Needs::Linked),
    (Action::ActOnSubordinate, Needs::SupervisorOfTarget),
    (Action::ViewUnitStats, Needs::HrOverTarget),
    (Action::InviteUnit, Needs::HrOverTarget),
    (Action::InviteEmployee, Needs::HrOverInvitee),
    (Action::ImportOrganisation, Needs::OrganisationHr),
    (Action::Broadcast, Needs::HrOverTarget),
    (Action::ManageDeadlines, Needs::HrOverTarget),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// The Telegram account is linked to no active employee.
    NotLinked,
    NotAllowed,
}

pub fn authorize(actor: Option<&Actor>, action: Action, target: &Target) -> Result<(), Denied> {
    let actor = actor.ok_or(Denied::NotLinked)?;
    let needs = RULES
        .iter()
        .find(|(a, _)| *a == action)
        .map(|(_, n)| *n)
        .ok_or(Denied::NotAllowed)?;
    let allowed = match needs {
        Needs::Linked => true,
        Needs::SupervisorOfTarget => matches!(
            target,
            Target::Employee { supervisor: Some(s), .. } if *s == actor.nip
        ),
        Needs::HrOverTarget => match (actor.role, target) {
            (Role::HrOrg | Role::Admin, Target::Unit(_) | Target::Nothing) => true,
            (Role::HrUnit, Target::Unit(u)) => is_within(u, &actor.unit),
            _ => false,
        },
        Needs::OrganisationHr => matches!(actor.role, Role::HrOrg | Role::Admin),
        Needs::HrOverInvitee => match (actor.role, target) {
            (Role::HrOrg | Role::Admin, Target::Invitee { .. }) => true,
            (Role::HrUnit, Target::Invitee { unit, role }) => {
                *role == Role::Pegawai && is_within(unit, &actor.unit)
            }
            _ => false,
        },
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::NotAllowed)
    }
}

/// What a person may reach with what they create (announcements, deadlines): the whole
/// organisation for organisation HR and admins, their own unit's subtree for everyone else (for
/// whom the rules table then decides whether they may create anything at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Organisation,
    Subtree(UnitPath),
}

impl Scope {
    pub fn of(actor: &Actor) -> Self {
        match actor.role {
            Role::HrOrg | Role::Admin => Self::Organisation,
            _ => Self::Subtree(actor.unit.clone()),
        }
    }

    /// The unit that bounds this scope; `None` for the whole organisation.
    pub fn unit(&self) -> Option<&UnitPath> {
        match self {
            Self::Organisation => None,
            Self::Subtree(u) => Some(u),
        }
    }

    pub fn contains(&self, unit: &UnitPath) -> bool {
        self.unit().is_none_or(|scope| is_within(unit, scope))
    }
}

/// What an audience puts before the rules: the unit it names, or else everything the actor's
/// scope holds.
pub fn scope_target(actor: Option<&Actor>, unit: Option<UnitPath>) -> Target {
    match (unit, actor.map(Scope::of)) {
        (Some(u), _) => Target::Unit(u),
        (None, Some(Scope::Subtree(u))) => Target::Unit(u),
        (None, Some(Scope::Organisation) | None) => Target::Nothing,
    }
}

/// Whether `unit` is `scope` or below it.
pub fn is_within(unit: &UnitPath, scope: &UnitPath) -> bool {
    unit.with_ancestors().contains(scope)
}

#[cfg(test)]
#[path = "authz_tests.rs"]
mod tests;
