## Berkas per periode untuk HR (rekap lengkap dan kolom e-Kinerja), dikirim sebagai dokumen.

period-export-prompt = Berkas { $period } untuk e-Kinerja:
period-export-button-lengkap = Rekap lengkap ({ $format })
period-export-button-ekinerja = Kolom e-Kinerja ({ $format })
period-export-preparing = Menyiapkan berkas…
period-export-unknown-period = Periode ini belum ditetapkan; tombol ini mungkin dari data lama.
period-export-caption = { $layout ->
    [ekinerja] Kolom e-Kinerja
   *[lengkap] Rekap lengkap
} { $period }: { $count } pegawai.
period-export-too-large = Berkas ini { $mb } MB, lebih besar dari batas unggah Telegram (50 MB). Buat berkasnya di server: kinerja-bot export period --period { $code } --format csv --out berkas.csv
