## HR's per-period files (the full file and e-Kinerja's columns), sent as documents.

period-export-prompt = Files of { $period } for e-Kinerja:
period-export-button-lengkap = Full file ({ $format })
period-export-button-ekinerja = e-Kinerja columns ({ $format })
period-export-preparing = Preparing the file…
period-export-unknown-period = This period has not been defined; the button may be from old data.
period-export-caption = { $layout ->
    [ekinerja] e-Kinerja columns
   *[lengkap] Full file
} for { $period }: { $count ->
    [one] 1 employee
   *[other] { $count } employees
}.
period-export-too-large = This file is { $mb } MB, more than Telegram's upload limit (50 MB). Make it on the server: kinerja-bot export period --period { $code } --format csv --out file.csv
