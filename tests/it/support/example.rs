//! The NIPs of the people in `examples/pegawai.csv`, the agency most tests import.

/// Head of the agency (Kepala Badan).
pub const HENDRA: &str = "196805121990031002";
/// Sekretaris.
pub const SRI: &str = "197203151996032001";
/// Head of Bidang Penilaian Kinerja.
pub const BAMBANG: &str = "197509082000031003";
/// Head of Bidang Mutasi.
pub const RATNA: &str = "197811232003122001";
/// Head of Subbagian Umum.
pub const AGUS: &str = "198204102006041001";
/// HR of the whole organisation, in the Sekretariat.
pub const FITRI: &str = "198607192010012002";
/// Subbagian Umum, a pegawai whose language is English.
pub const DIMAS: &str = "199001012015031001";
/// Subbagian Umum.
pub const NUR: &str = "199203302019032004";
/// Subbagian Umum (PPPK).
pub const WULAN: &str = "199201012022212007";
/// HR of Bidang Penilaian Kinerja.
pub const YUSUF: &str = "198809142012121001";
/// Bidang Penilaian Kinerja.
pub const INDAH: &str = "199105052017082002";
/// Bidang Penilaian Kinerja, English.
pub const RIZKY: &str = "199408172020121003";
/// Bidang Penilaian Kinerja (PPPK).
pub const ANDI: &str = "199512122023211005";
/// HR of Bidang Mutasi.
pub const MAYA: &str = "198703032011012003";
/// Bidang Mutasi.
pub const TEGUH: &str = "199309212018031004";
/// Bidang Mutasi.
pub const PUTRI: &str = "199611302021022006";
