//! Enums stored by name (in the database, in JSON conversation state and in button data): each
//! has a stable kebab-case `code()` that is also its serde name, and `ALL` in order.

/// An enum with a stable kebab-case code, `ALL` variants in order, and `code()`/`parse()`.
/// The codes are written out, not derived, so renaming a variant cannot silently change
/// stored data; a test checks they equal the serde names.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => $code:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize, strum::EnumIter,
        )]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: &[Self] = &[$(Self::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

pub(crate) use coded_enum;
