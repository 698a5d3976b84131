use super::*;

fn unit(p: &str) -> UnitPath {
    UnitPath::parse(p).unwrap()
}

fn nip(n: &str) -> Nip {
    Nip::parse(n).unwrap()
}

fn actor(n: &str, role: Role, u: &str) -> Actor {
    Actor {
        nip: nip(n),
        role,
        unit: unit(u),
    }
}

const BOSS: &str = "197001011995031001";
const STAFF: &str = "199001012015031003";
const OTHER: &str = "198001012005032002";

#[test]
fn an_unlinked_user_may_do_nothing() {
    for (action, _) in RULES {
        assert_eq!(
            authorize(None, *action, &Target::Nothing),
            Err(Denied::NotLinked)
        );
    }
}

#[test]
fn an_employee_may_not_use_hr_actions() {
    let a = actor(STAFF, Role::Pegawai, "Setjen > Biro SDM");
    let here = Target::Unit(unit("Setjen > Biro SDM"));
    assert_eq!(
        authorize(Some(&a), Action::ViewUnitStats, &here),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        authorize(Some(&a), Action::InviteUnit, &here),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        authorize(Some(&a), Action::ImportOrganisation, &Target::Nothing),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        authorize(Some(&a), Action::ViewOwnProfile, &Target::Nothing),
        Ok(())
    );
}

#[test]
fn unit_hr_reaches_their_subtree_and_nothing_else() {
    let hr = actor(STAFF, Role::HrUnit, "Setjen > Biro SDM");
    let own = Target::Unit(unit("Setjen > Biro SDM"));
    let below = Target::Unit(unit("Setjen > Biro SDM > Bagian Kinerja"));
    let sibling = Target::Unit(unit("Setjen > Biro Umum"));
    let above = Target::Unit(unit("Setjen"));
    let lookalike = Target::Unit(unit("Setjen > Biro SDM Lama"));
    for ok in [&own, &below] {
        assert_eq!(authorize(Some(&hr), Action::InviteUnit, ok), Ok(()));
    }
    for no in [&sibling, &above, &lookalike] {
        assert_eq!(
            authorize(Some(&hr), Action::InviteUnit, no),
            Err(Denied::NotAllowed)
        );
        assert_eq!(
            authorize(Some(&hr), Action::ViewUnitStats, no),
            Err(Denied::NotAllowed)
        );
    }
    assert_eq!(
        authorize(Some(&hr), Action::ImportOrganisation, &Target::Nothing),
        Err(Denied::NotAllowed)
    );
}

#[test]
fn organisation_hr_and_admins_reach_every_unit() {
    for role in [Role::HrOrg, Role::Admin] {
        let hr = actor(STAFF, role, "Setjen > Biro SDM");
        let far = Target::Unit(unit("Itjen > Inspektorat I"));
        assert_eq!(authorize(Some(&hr), Action::InviteUnit, &far), Ok(()));
        assert_eq!(
            authorize(Some(&hr), Action::ImportOrganisation, &Target::Nothing),
            Ok(())
        );
    }
}

#[test]
fn a_supervisor_acts_only_on_their_own_subordinates() {
    let boss = actor(BOSS, Role::Pegawai, "Setjen");
    let mine = Target::Employee {
        nip: nip(STAFF),
        supervisor: Some(nip(BOSS)),
    };
    let theirs = Target::Employee {
        nip: nip(STAFF),
        supervisor: Some(nip(OTHER)),
    };
    let top = Target::Employee {
        nip: nip(OTHER),
        supervisor: None,
    };
    assert_eq!(
        authorize(Some(&boss), Action::ActOnSubordinate, &mine),
        Ok(())
    );
    assert_eq!(
        authorize(Some(&boss), Action::ActOnSubordinate, &theirs),
        Err(Denied::NotAllowed)
    );
    assert_eq!(
        authorize(Some(&boss), Action::ActOnSubordinate, &top),
        Err(Denied::NotAllowed)
    );
    // Being HR does not make one anybody's supervisor.
    let hr = actor(OTHER, Role::HrOrg, "Setjen");
    assert_eq!(
        authorize(Some(&hr), Action::ActOnSubordinate, &mine),
        Err(Denied::NotAllowed)
    );
}

#[test]
fn every_action_has_exactly_one_rule() {
    use strum::IntoEnumIterator;
    for a in Action::iter() {
        assert_eq!(RULES.iter().filter(|(x, _)| *x == a).count(), 1, "{a:?}");
    }
}

#[test]
fn unit_hr_gets_links_only_for_employees_and_only_in_their_subtree() {
    let hr = actor(STAFF, Role::HrUnit, "Setjen > Biro SDM");
    let org = actor(OTHER, Role::HrOrg, "Setjen");
    let invitee = |u: &str, role: Role| Target::Invitee {
        unit: unit(u),
        role,
    };
    let here = "Setjen > Biro SDM";
    let below = "Setjen > Biro SDM > Bagian Kinerja";
    for u in [here, below] {
        assert_eq!(
            authorize(
                Some(&hr),
                Action::InviteEmployee,
                &invitee(u, Role::Pegawai)
            ),
            Ok(())
        );
        // Whoever opens an HR or admin link holds that role: only organisation HR hands those
        // out.
        for role in [Role::HrUnit, Role::HrOrg, Role::Admin] {
            assert_eq!(
                authorize(Some(&hr), Action::InviteEmployee, &invitee(u, role)),
                Err(Denied::NotAllowed),
                "{role:?} in {u}"
            );
            assert_eq!(
                authorize(Some(&org), Action::InviteEmployee, &invitee(u, role)),
                Ok(())
            );
        }
    }
    assert_eq!(
        authorize(
            Some(&hr),
            Action::InviteEmployee,
            &invitee("Setjen > Biro Umum", Role::Pegawai)
        ),
        Err(Denied::NotAllowed)
    );
    let staff = actor(BOSS, Role::Pegawai, here);
    assert_eq!(
        authorize(
            Some(&staff),
            Action::InviteEmployee,
            &invitee(here, Role::Pegawai)
        ),
        Err(Denied::NotAllowed)
    );
}

#[test]
fn announcements_stay_within_the_hr_scope() {
    let hr = actor(STAFF, Role::HrUnit, "Setjen > Biro SDM");
    let org = actor(OTHER, Role::HrOrg, "Setjen");
    let staff = actor(BOSS, Role::Pegawai, "Setjen > Biro SDM");
    for action in [Action::Broadcast, Action::ManageDeadlines] {
        // Everyone / supervisors / HR: the scope itself.
        assert_eq!(
            authorize(Some(&hr), action, &scope_target(Some(&hr), None)),
            Ok(())
        );
        assert_eq!(
            authorize(Some(&org), action, &scope_target(Some(&org), None)),
            Ok(())
        );
        // A unit below is fine, a sibling or the parent is not.
        let below = Some(unit("Setjen > Biro SDM > Bagian Kinerja"));
        assert_eq!(
            authorize(Some(&hr), action, &scope_target(Some(&hr), below)),
            Ok(())
        );
        for outside in ["Setjen > Biro Umum", "Setjen", "Setjen > Biro SDM Lama"] {
            let t = scope_target(Some(&hr), Some(unit(outside)));
            assert_eq!(
                authorize(Some(&hr), action, &t),
                Err(Denied::NotAllowed),
                "{outside}"
            );
        }
        // An employee cannot announce even to their own unit.
        let own = scope_target(Some(&staff), None);
        assert_eq!(
            authorize(Some(&staff), action, &own),
            Err(Denied::NotAllowed)
        );
        assert_eq!(
            authorize(None, action, &scope_target(None, None)),
            Err(Denied::NotLinked)
        );
    }
}

#[test]
fn a_scope_holds_its_subtree_and_nothing_beside_or_above_it() {
    let hr = actor(STAFF, Role::HrUnit, "Setjen > Biro SDM");
    let org = actor(OTHER, Role::HrOrg, "Setjen");
    let scope = Scope::of(&hr);
    assert_eq!(scope.unit(), Some(&unit("Setjen > Biro SDM")));
    assert!(scope.contains(&unit("Setjen > Biro SDM")));
    assert!(scope.contains(&unit("Setjen > Biro SDM > Bagian Kinerja")));
    for outside in ["Setjen > Biro Umum", "Setjen", "Setjen > Biro SDM Lama"] {
        assert!(!scope.contains(&unit(outside)), "{outside}");
    }
    assert_eq!(Scope::of(&org), Scope::Organisation);
    assert!(Scope::of(&org).contains(&unit("Setjen > Biro Umum")));
}
