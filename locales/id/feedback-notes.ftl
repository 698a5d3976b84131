# Open notes and ekspektasi khusus.

notes-new = Kirim umpan balik
