//! The seven BerAKHLAK core values of the civil service, their official guideline statements
//! (*panduan perilaku*), and the three-step rating used for behaviour under PermenPANRB 6/2022.
//!
//! The data comes from `shared/domain/berakhlak.toml`. The Indonesian statements are the
//! official wording of SE MenPANRB 20/2021; the English ones are the file's working gloss, not
//! an official translation. UU 20/2023 restates a few of them with small wording changes; the
//! SE wording is used because it is the one agencies print on their forms.
//!
//! Both enums are stored in conversation state, callback data and the database, so each has a
//! stable kebab-case `code()` that is also its serde name; the codes are written out rather
//! than derived so that renaming a variant cannot silently change stored data.

use super::Lang;
use super::coded::coded_enum;

coded_enum! {
    /// One of the seven BerAKHLAK core values, in the order of the acronym (the order they are
    /// asked in the rater's chat).
    pub enum Value {
        BerorientasiPelayanan => "berorientasi-pelayanan",
        Akuntabel => "akuntabel",
        Kompeten => "kompeten",
        Harmonis => "harmonis",
        Loyal => "loyal",
        Adaptif => "adaptif",
        Kolaboratif => "kolaboratif",
    }
}

impl Value {
    /// The two-letter abbreviation from the data file (BP, AK, ...): short enough for
    /// Telegram's 64-byte callback data and for table headers.
    pub fn abbr(self) -> &'static str {
        match self {
            Self::BerorientasiPelayanan => "BP",
            Self::Akuntabel => "AK",
            Self::Kompeten => "KP",
            Self::Harmonis => "HM",
            Self::Loyal => "LY",
            Self::Adaptif => "AD",
            Self::Kolaboratif => "KB",
        }
    }

    pub fn from_abbr(abbr: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.abbr() == abbr)
    }

    /// The value's name. The Indonesian names are proper names used as such in English-language
    /// government material too, but the English gloss helps readers who do not know them.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::BerorientasiPelayanan, Lang::Id) => "Berorientasi Pelayanan",
            (Self::BerorientasiPelayanan, Lang::En) => "Service-oriented",
            (Self::Akuntabel, Lang::Id) => "Akuntabel",
            (Self::Akuntabel, Lang::En) => "Accountable",
            (Self::Kompeten, Lang::Id) => "Kompeten",
            (Self::Kompeten, Lang::En) => "Competent",
            (Self::Harmonis, Lang::Id) => "Harmonis",
            (Self::Harmonis, Lang::En) => "Harmonious",
            (Self::Loyal, _) => "Loyal",
            (Self::Adaptif, Lang::Id) => "Adaptif",
            (Self::Adaptif, Lang::En) => "Adaptive",
            (Self::Kolaboratif, Lang::Id) => "Kolaboratif",
            (Self::Kolaboratif, Lang::En) => "Collaborative",
        }
    }

    /// The official one-line definition of the value.
    pub fn definition(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::BerorientasiPelayanan, Lang::Id) => {
                "Komitmen memberikan pelayanan prima demi kepuasan masyarakat"
            }
            (Self::BerorientasiPelayanan, Lang::En) => {
                "Committed to excellent service for the public's satisfaction"
            }
            (Self::Akuntabel, Lang::Id) => "Bertanggung jawab atas kepercayaan yang diberikan",
            (Self::Akuntabel, Lang::En) => "Answers for the trust that was given",
            (Self::Kompeten, Lang::Id) => "Terus belajar dan mengembangkan kapabilitas",
            (Self::Kompeten, Lang::En) => "Keeps learning and building capability",
            (Self::Harmonis, Lang::Id) => "Saling peduli dan menghargai perbedaan",
            (Self::Harmonis, Lang::En) => "Cares for others and respects differences",
            (Self::Loyal, Lang::Id) => "Berdedikasi dan mengutamakan kepentingan Bangsa dan Negara",
            (Self::Loyal, Lang::En) => "Dedicated, putting the nation and the state first",
            (Self::Adaptif, Lang::Id) => {
                "Terus berinovasi dan antusias dalam menggerakkan ataupun menghadapi perubahan"
            }
            (Self::Adaptif, Lang::En) => "Keeps innovating, eager to drive and to face change",
            (Self::Kolaboratif, Lang::Id) => "Membangun kerja sama yang sinergis",
            (Self::Kolaboratif, Lang::En) => {
                "Builds cooperation in which the parts strengthen each other"
            }
        }
    }

    /// The three official guideline statements (*panduan perilaku*), shown briefly beside the
    /// rating buttons so that raters judge the same behaviour. Indonesian is the SE MenPANRB
    /// 20/2021 wording; English is a working gloss.
    pub fn guidelines(self, lang: Lang) -> &'static [&'static str] {
        match (self, lang) {
            (Self::BerorientasiPelayanan, Lang::Id) => &[
                "Memahami dan memenuhi kebutuhan masyarakat",
                "Ramah, cekatan, solutif, dan dapat diandalkan",
                "Melakukan perbaikan tiada henti",
            ],
            (Self::BerorientasiPelayanan, Lang::En) => &[
                "Understands and meets the public's needs",
                "Friendly, quick, solution-minded and reliable",
                "Keeps improving, without end",
            ],
            (Self::Akuntabel, Lang::Id) => &[
                "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan \
                 berintegritas tinggi",
                "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, \
                 dan efisien",
                "Tidak menyalahgunakan kewenangan jabatan",
            ],
            (Self::Akuntabel, Lang::En) => &[
                "Does the work honestly, responsibly, carefully, with discipline and high \
                 integrity",
                "Uses state assets and property responsibly, effectively and efficiently",
                "Does not abuse the authority of the position",
            ],
            (Self::Kompeten, Lang::Id) => &[
                "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
                "Membantu orang lain belajar",
                "Melaksanakan tugas dengan kualitas terbaik",
            ],
            (Self::Kompeten, Lang::En) => &[
                "Raises own competence to meet ever-changing challenges",
                "Helps others learn",
                "Does the work to the best quality",
            ],
            (Self::Harmonis, Lang::Id) => &[
                "Menghargai setiap orang apapun latar belakangnya",
                "Suka menolong orang lain",
                "Membangun lingkungan kerja yang kondusif",
            ],
            (Self::Harmonis, Lang::En) => &[
                "Respects everyone whatever their background",
                "Likes to help others",
                "Builds a good working environment",
            ],
            (Self::Loyal, Lang::Id) => &[
                "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik \
                 Indonesia Tahun 1945, setia kepada NKRI serta pemerintahan yang sah",
                "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
                "Menjaga rahasia jabatan dan negara",
            ],
            (Self::Loyal, Lang::En) => &[
                "Holds to Pancasila and the 1945 Constitution, loyal to the Republic and its \
                 lawful government",
                "Protects the good name of fellow civil servants, leaders, the agency and the \
                 state",
                "Keeps official and state secrets",
            ],
            (Self::Adaptif, Lang::Id) => &[
                "Cepat menyesuaikan diri menghadapi perubahan",
                "Terus berinovasi dan mengembangkan kreativitas",
                "Bertindak proaktif",
            ],
            (Self::Adaptif, Lang::En) => &[
                "Adapts quickly to change",
                "Keeps innovating and developing creativity",
                "Acts proactively",
            ],
            (Self::Kolaboratif, Lang::Id) => &[
                "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
                "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
                "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
            ],
            (Self::Kolaboratif, Lang::En) => &[
                "Gives all parties the chance to contribute",
                "Works with others openly to add value",
                "Mobilises the use of resources for shared goals",
            ],
        }
    }
}

coded_enum! {
    /// A rater's answer on one value: below, meeting or above expectation, the same three steps
    /// as the supervisor's *perilaku kerja* rating in the predikat matrix. Lowest first, the
    /// order of the buttons.
    pub enum Rating {
        DiBawah => "di-bawah",
        Sesuai => "sesuai",
        DiAtas => "di-atas",
    }
}

impl Rating {
    /// Position in `ALL`, for per-rating arrays.
    pub fn index(self) -> usize {
        match self {
            Self::DiBawah => 0,
            Self::Sesuai => 1,
            Self::DiAtas => 2,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::DiBawah, Lang::Id) => "Di bawah ekspektasi",
            (Self::DiBawah, Lang::En) => "Below expectation",
            (Self::Sesuai, Lang::Id) => "Sesuai ekspektasi",
            (Self::Sesuai, Lang::En) => "Meets expectation",
            (Self::DiAtas, Lang::Id) => "Di atas ekspektasi",
            (Self::DiAtas, Lang::En) => "Above expectation",
        }
    }
}

#[cfg(test)]
#[path = "berakhlak_tests.rs"]
mod tests;
