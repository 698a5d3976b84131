//! Time-driven work on the injected clock: deadline reminders (`deadlines`) and the dialog
//! kinerja's monthly reminders, quarterly flags and acknowledgement expiry (`dialogs`), and the
//! 360 rounds' opening messages, reminders and "results ready" (`feedback`, on the dialogs' tick).
//! Each has a one-step `run_due(.., now)` that tests call with a time they choose; deadlines and
//! dialogs have a `run` loop that the application spawns beside polling.

pub mod deadlines;
pub mod dialogs;
pub mod feedback;

// The deadline scheduler was this whole module before dialogs came; its callers keep their paths.
pub use deadlines::{reminder_text, run, run_due};

/// How late a scheduler's pass ran after the moment it was due (`kinerja_schedule_lag_seconds`);
/// a wake-up before that moment (a capped sleep) is not a pass and records nothing.
fn record_lag(schedule: &'static str, late: chrono::TimeDelta) {
    if late >= chrono::TimeDelta::zero() {
        let seconds = late.num_milliseconds() as f64 / 1000.0;
        metrics::gauge!("kinerja_schedule_lag_seconds", "schedule" => schedule).set(seconds);
    }
}
