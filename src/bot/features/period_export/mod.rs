//! HR's per-period file in chat, sent as a document (`crate::period_export`): organisation HR
//! gets the whole organisation, a unit's HR their unit's subtree, anyone else is refused. Every
//! press is authorized again against the presser; the button carries only the period's code.
//! Other pages (the period page, the reports menu) show the buttons with [`keyboard_rows`].

mod buttons;

pub use buttons::Button;

use teloxide::types::InlineKeyboardButton;

use crate::bot::CallbackData;
use crate::bot::context::{Ctx, HandlerError};
use crate::bot::input::Callback;
use crate::domain::Lang;
use crate::domain::authz::{Action, Denied, Scope, authorize, scope_target};
use crate::domain::period::Period;
use crate::export::Format;
use crate::i18n::{Msg, text_with};
use crate::period_export::{self, Export, ExportError, Layout, Output};
use crate::storage::periods;

/// Telegram's cloud Bot API takes uploads up to 50 MB.
const MAX_UPLOAD: usize = 50 * 1024 * 1024;

/// The four file buttons for `period`: the full file and e-Kinerja's columns, each as CSV and
/// XLSX, one layout per row.
pub fn keyboard_rows(lang: Lang, period: Period) -> Vec<Vec<InlineKeyboardButton>> {
    Layout::ALL
        .iter()
        .map(|layout| {
            [Format::Csv, Format::Xlsx]
                .into_iter()
                .map(|format| {
                    let label = label(lang, *layout, format);
                    let data = CallbackData::from(Button::File {
                        period,
                        layout: *layout,
                        format,
                    });
                    InlineKeyboardButton::callback(label, data.encode())
                })
                .collect()
        })
        .collect()
}

/// "Files of Q1 2027 for e-Kinerja:", a line to put above [`keyboard_rows`].
pub fn prompt(lang: Lang, period: Period) -> String {
    let name = crate::scheduler::feedback::period_name(lang, period);
    text_with(lang, Msg::PeriodExportPrompt, &[("period", name)])
}

fn label(lang: Lang, layout: Layout, format: Format) -> String {
    let msg = match layout {
        Layout::Lengkap => Msg::PeriodExportButtonLengkap,
        Layout::Ekinerja => Msg::PeriodExportButtonEkinerja,
    };
    let format = format.extension().to_ascii_uppercase();
    text_with(lang, msg, &[("format", format)])
}

/// Every `px:` press.
pub async fn pressed(ctx: &Ctx<'_>, cb: &Callback, button: Button) -> Result<(), HandlerError> {
    let Button::File {
        period,
        layout,
        format,
    } = button;
    let actor = ctx.actor().await?;
    let target = scope_target(actor.as_ref(), None);
    if let Err(d) = authorize(actor.as_ref(), Action::ViewUnitStats, &target) {
        ctx.refuse_callback(cb, d).await?;
        return Ok(());
    }
    let Some(actor) = actor else {
        ctx.refuse_callback(cb, Denied::NotLinked).await?;
        return Ok(());
    };
    let db = &ctx.deps.db;
    if periods::get(db, period).await?.is_none() {
        ctx.answer_cb_with(cb, Msg::PeriodExportUnknownPeriod)
            .await?;
        return Ok(());
    }
    // A large organisation's file takes a few seconds: the press is answered first.
    ctx.answer_cb_with(cb, Msg::PeriodExportPreparing).await?;
    let export = Export {
        period,
        scope: Scope::of(&actor),
        layout,
        format,
    };
    let settings = &ctx.deps.settings;
    let now = ctx.deps.clock.now();
    let written = match period_export::write(db, &export, settings, now, Output::Memory).await {
        Ok(w) => w,
        Err(ExportError::Storage(e)) => return Err(e.into()),
        Err(ExportError::Write(e)) => return Err(HandlerError::Export(e)),
    };
    let bytes = written.bytes.unwrap_or_default();
    let name = crate::scheduler::feedback::period_name(ctx.lang, period);
    if bytes.len() > MAX_UPLOAD {
        let args = [
            ("mb", (bytes.len() / (1024 * 1024)).to_string()),
            ("code", period.code()),
        ];
        let text = text_with(ctx.lang, Msg::PeriodExportTooLarge, &args);
        ctx.send(text, None).await?;
        return Ok(());
    }
    let args = [
        ("period", name),
        ("count", written.rows.to_string()),
        ("layout", layout.code().to_owned()),
    ];
    let caption = text_with(ctx.lang, Msg::PeriodExportCaption, &args);
    ctx.deps
        .telegram
        .send_document(ctx.chat_id, export.file_name(), bytes, caption)
        .await?;
    tracing::info!(
        period = %period.code(),
        layout = layout.code(),
        rows = written.rows,
        "period file sent"
    );
    Ok(())
}
