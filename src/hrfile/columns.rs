//! Header names HR's tools write, in Indonesian and English.

use std::collections::HashMap;

use super::FileError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Nip,
    Name,
    Position,
    Unit,
    Supervisor,
    Role,
    Language,
}

const REQUIRED: [Column; 3] = [Column::Nip, Column::Name, Column::Unit];

impl Column {
    /// The header this project writes (examples, exports).
    pub fn canonical(self) -> &'static str {
        match self {
            Column::Nip => "nip",
            Column::Name => "nama",
            Column::Position => "jabatan",
            Column::Unit => "unit",
            Column::Supervisor => "nip_atasan",
            Column::Role => "peran",
            Column::Language => "bahasa",
        }
    }

    fn from_header(raw: &str) -> Option<Self> {
        let key: String = raw
            .trim()
            .trim_start_matches('\u{feff}')
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        Some(match key.as_str() {
            "nip" | "nippppk" | "nipppk" | "nomorindukpegawai" => Column::Nip,
            "nama" | "name" | "namapegawai" | "namalengkap" | "fullname" => Column::Name,
            "jabatan" | "position" | "namajabatan" | "jobtitle" => Column::Position,
            "unit" | "unitkerja" | "unitorganisasi" | "orgunit" => Column::Unit,
            "nipatasan" | "atasan" | "supervisornip" | "supervisor" | "nippejabatpenilai" => {
                Column::Supervisor
            }
            "peran" | "role" => Column::Role,
            "bahasa" | "language" | "lang" => Column::Language,
            _ => return None,
        })
    }
}

/// Column positions by header; unknown headers are ignored, missing required ones refused.
pub fn map_header(header: &[String]) -> Result<HashMap<Column, usize>, FileError> {
    let mut map = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(col) = Column::from_header(h)
            && map.insert(col, i).is_some()
        {
            // Which of the two is meant cannot be guessed; either may hold the real data.
            return Err(FileError::DuplicateColumn(col.canonical().to_owned()));
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| !map.contains_key(c))
        .map(|c| c.canonical())
        .collect();
    if missing.is_empty() {
        Ok(map)
    } else {
        Err(FileError::MissingColumns(missing.join(", ")))
    }
}
