# Open notes and ekspektasi khusus.

notes-new = Send feedback
