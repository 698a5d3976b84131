## Hasil 360 dan agregat per unit.
## Dikirim dengan parse_mode HTML: nama, unit dan komentar sudah di-escape.

feedback-results-mine = Hasil saya
feedback-results-team-button = Hasil 360 tim saya
feedback-results-aggregates-button = Hasil 360 per unit

feedback-results-none = Anda belum pernah dinilai dalam putaran umpan balik 360.
feedback-results-subordinate-none = { $name } belum pernah dinilai dalam putaran umpan balik 360.
feedback-results-not-yet = Hasil putaran { $period } baru dapat dilihat setelah putaran ditutup. Hari terakhir pengisian: { $date }.
feedback-results-pick-round = Pilih putaran yang ingin dilihat hasilnya:
feedback-results-round-button = { $period } (pengisian sampai { $date })
feedback-results-round-unknown = Putaran ini tidak ditemukan; tombolnya mungkin dari data lama.

feedback-results-mine-header = 📊 <b>Hasil umpan balik 360 Anda — { $period }</b>
feedback-results-of-header = 📊 <b>Hasil umpan balik 360 { $name } — { $period }</b>
feedback-results-intro = Per nilai BerAKHLAK: banyaknya jawaban di bawah / sesuai / di atas ekspektasi dan persentasenya, per kelompok penilai. Rekan kerja dan bawahan ditampilkan hanya bila minimal { $min } orang menjawab lengkap; kelompok yang belum cukup tidak dihitung dalam total. Total tidak memuat penilaian diri sendiri.
feedback-results-value = <b>{ $value }</b>
feedback-results-expectation = Ekspektasi khusus pimpinan: <i>{ $text }</i>
feedback-results-group = { $group ->
    [supervisor] Atasan
    [peer] Rekan kerja
    [subordinate] Bawahan
    [self] Diri sendiri
   *[total] Total
}
feedback-results-counts = { $label } ({ $count } jawaban): di bawah { $below } ({ $below_pct }%) · sesuai { $meets } ({ $meets_pct }%) · di atas { $above } ({ $above_pct }%)
feedback-results-not-enough = { $label }: belum cukup jawaban
feedback-results-no-answers = { $label }: belum ada jawaban
feedback-results-comments-header = <b>Komentar</b> (tanpa nama, diurutkan menurut isinya)
feedback-results-comments-group = <i>{ $label }</i>
feedback-results-comment = • “{ $comment }”
feedback-results-comments-none = Tidak ada komentar yang dapat ditampilkan.

feedback-results-team-none = Anda tidak memiliki bawahan langsung yang aktif.
feedback-results-team-pick = Pilih bawahan untuk melihat hasil umpan balik 360-nya (setelah putaran ditutup):

feedback-results-agg-header = 📊 <b>Hasil 360 per unit — { $period }</b>
feedback-results-agg-note = Per nilai dijumlahkan jawaban atasan, serta rekan kerja dan bawahan hanya dari kelompok yang minimal { $min } jawaban; penilaian diri sendiri tidak termasuk. Unit dengan kurang dari { $min } pegawai yang memiliki hasil tidak ditampilkan, agar angka unit tidak menjadi hasil satu orang.
feedback-results-agg-unit = <b>{ $unit }</b>
    { $ratees } pegawai dinilai, { $with } dengan hasil
feedback-results-agg-unit-hidden = Terlalu sedikit pegawai dengan hasil untuk ditampilkan (minimal { $min }).
feedback-results-agg-empty = Tidak ada pegawai dalam lingkup Anda yang dinilai pada putaran ini.
feedback-results-agg-more-units = … dan { $count } unit lainnya (lihat berkas).
feedback-results-agg-file-prompt = Angka per unit sebagai berkas:
feedback-results-csv-button = Berkas CSV
feedback-results-xlsx-button = Berkas XLSX
feedback-results-agg-file-caption = Hasil 360 per unit — { $period } ({ $count } unit)
